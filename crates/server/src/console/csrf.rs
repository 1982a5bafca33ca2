//! Cross-site request protection for the console's controls (reset, drain, faults), which
//! are ordinary HTML form POSTs: a per-browser-session token in a SameSite=Strict cookie that
//! every form repeats in a hidden field (double submit), compared in constant time; and the
//! browser's own word on where the request comes from (`Sec-Fetch-Site`, `Origin`), which
//! must be this server. The admin door's cookie is separate: this holds on a loopback
//! listener too, where no token is asked for.

use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use sclocal_core::clock::{hex_chars, IdSource};
use subtle::ConstantTimeEq;

use crate::admin_door::cookie;

/// The cookie and form field name.
pub const NAME: &str = "sclocal_csrf";

/// The browser's token, and whether it is new (then the answer must set the cookie).
pub struct Csrf {
    /// The token the forms carry.
    pub token: String,
    new: bool,
}

impl Csrf {
    /// The token of the request's cookie, or a fresh one.
    pub fn of(headers: &HeaderMap, ids: &dyn IdSource) -> Self {
        match cookie(headers, NAME)
            .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        {
            Some(t) => Csrf {
                token: t.to_string(),
                new: false,
            },
            None => Csrf {
                token: hex_chars(ids, 64),
                new: true,
            },
        }
    }

    /// Sets the cookie on `response` when the token is new.
    pub fn keep(&self, mut response: Response) -> Response {
        if self.new {
            if let Ok(v) = HeaderValue::from_str(&format!(
                "{NAME}={}; Path=/console; HttpOnly; SameSite=Strict",
                self.token
            )) {
                response.headers_mut().append(header::SET_COOKIE, v);
            }
        }
        response
    }
}

/// Whether a form POST comes from this server's own page: same-origin by the browser's
/// headers, and carrying the cookie's token in its `sclocal_csrf` field.
pub fn allows(headers: &HeaderMap, form_token: Option<&str>) -> bool {
    let fetch_site_ok = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v == "same-origin" || v == "none");
    let origin_ok = match (headers.get(header::ORIGIN), headers.get(header::HOST)) {
        (None, _) => true,
        (Some(origin), Some(host)) => {
            let origin = origin.to_str().unwrap_or("");
            let host = host.to_str().unwrap_or("");
            origin == format!("http://{host}") || origin == format!("https://{host}")
        }
        (Some(_), None) => false,
    };
    let token_ok = match (cookie(headers, NAME), form_token) {
        (Some(c), Some(f)) if !c.is_empty() => bool::from(c.as_bytes().ct_eq(f.as_bytes())),
        _ => false,
    };
    fetch_site_ok && origin_ok && token_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn only_same_origin_posts_with_the_cookie_token_pass() {
        let t = "a".repeat(64);
        let cookie = format!("{NAME}={t}");
        let good = headers(&[
            ("cookie", &cookie),
            ("host", "127.0.0.1:4566"),
            ("origin", "http://127.0.0.1:4566"),
            ("sec-fetch-site", "same-origin"),
        ]);
        assert!(allows(&good, Some(&t)));
        assert!(!allows(&good, Some(&"b".repeat(64))), "another token");
        assert!(!allows(&good, None), "no field");
        let no_cookie = headers(&[("host", "127.0.0.1:4566")]);
        assert!(!allows(&no_cookie, Some(&t)));
        let cross = headers(&[
            ("cookie", &cookie),
            ("host", "127.0.0.1:4566"),
            ("sec-fetch-site", "cross-site"),
        ]);
        assert!(!allows(&cross, Some(&t)));
        let elsewhere = headers(&[
            ("cookie", &cookie),
            ("host", "127.0.0.1:4566"),
            ("origin", "http://evil.example"),
        ]);
        assert!(!allows(&elsewhere, Some(&t)));
    }
}
