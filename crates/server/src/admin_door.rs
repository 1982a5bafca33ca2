//! The admin door: when the server listens on an address other than loopback, every
//! operator endpoint (reset, drain, faults, share faults, access report, bootstrap, the
//! console) but `GET /_sclocal/health` asks for the admin token. The AWS APIs are never
//! behind it.
//!
//! "Non-loopback" is decided by the address the listener is bound to, not by where a request
//! comes from: a server bound to `0.0.0.0` or an interface address can be reached from other
//! machines, so every request to it needs the token, including one that arrives over
//! 127.0.0.1. A listener on 127.0.0.0/8 or `::1` keeps today's open door.
//!
//! The token is `--admin-token` (env `SCLOCAL_ADMIN_TOKEN`), or, when none is given, a random
//! one printed once at start-up. It is presented as `Authorization: Bearer TOKEN`, or, in a
//! browser, once as `/console?token=TOKEN`: that sets an HttpOnly, SameSite=Strict cookie and
//! redirects to the same page without the token. Tokens are compared in constant time (over
//! their SHA-256 digests, so the length leaks nothing either).
//!
//! Independently of the token, an admin request that changes something (any method but
//! GET/HEAD) coming from another site's page (`Sec-Fetch-Site: cross-site`) is refused: a
//! web page must not be able to reset a local emulator behind its user's back. Command-line
//! clients send no such header.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sclocal_core::clock::{hex_chars, IdSource};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The name of the cookie a browser keeps the admin token in.
pub const COOKIE: &str = "sclocal_admin";

/// An admin token; its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct AdminToken(String);

impl AdminToken {
    /// Wraps a token given by the operator.
    pub fn new(token: impl Into<String>) -> Self {
        AdminToken(token.into())
    }

    /// The token itself, for the one place that prints it and for tests.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for AdminToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AdminToken(<redacted>)")
    }
}

impl std::str::FromStr for AdminToken {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // Printable ASCII without spaces, so it fits a header, a cookie and a URL unchanged.
        if s.len() < 16 || s.len() > 256 || !s.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(
                "an admin token is 16 to 256 printable ASCII characters without spaces".into(),
            );
        }
        if s.contains([';', ',', '"', '\\', '&', '#', '%', '+']) {
            return Err("an admin token may not contain ; , \" \\ & # % +".into());
        }
        Ok(AdminToken(s.to_string()))
    }
}

/// Who may pass: everyone (loopback listener), or holders of the token.
#[derive(Debug, Clone)]
pub struct AdminDoor {
    token: Option<AdminToken>,
}

impl AdminDoor {
    /// A door that lets everyone through (a loopback listener).
    pub fn open() -> Self {
        AdminDoor { token: None }
    }

    /// A door that asks for `token`.
    pub fn locked(token: AdminToken) -> Self {
        AdminDoor { token: Some(token) }
    }

    /// The door for a listener bound to `addr`: open on loopback; otherwise locked with
    /// `configured`, or with a random token that is returned so it can be printed once.
    pub fn for_listener(
        addr: SocketAddr,
        configured: Option<AdminToken>,
        ids: &dyn IdSource,
    ) -> (Self, Option<AdminToken>) {
        if addr.ip().is_loopback() {
            return (AdminDoor::open(), None);
        }
        if let Some(token) = configured {
            (AdminDoor::locked(token), None)
        } else {
            let token = AdminToken(hex_chars(ids, 48));
            (AdminDoor::locked(token.clone()), Some(token))
        }
    }

    /// Whether the door asks for a token.
    pub fn is_locked(&self) -> bool {
        self.token.is_some()
    }

    /// Whether `presented` is the token (constant time).
    fn matches(&self, presented: &str) -> bool {
        self.token.as_ref().is_some_and(|t| {
            let a = Sha256::digest(t.0.as_bytes());
            let b = Sha256::digest(presented.as_bytes());
            bool::from(a.ct_eq(&b))
        })
    }

    /// Whether the request carries the token in its Authorization header or cookie.
    fn admits(&self, headers: &HeaderMap) -> bool {
        let bearer = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if bearer.is_some_and(|t| self.matches(t.trim())) {
            return true;
        }
        cookie(headers, COOKIE).is_some_and(|t| self.matches(t))
    }
}

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The middleware in front of the operator's routes.
pub async fn guard(State(door): State<Arc<AdminDoor>>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path == "/_sclocal/health" {
        return next.run(req).await;
    }
    let changes = !matches!(*req.method(), Method::GET | Method::HEAD);
    let cross_site = req
        .headers()
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"cross-site"));
    if changes && cross_site {
        return refuse(
            StatusCode::FORBIDDEN,
            "cross-site requests may not change sclocal",
        );
    }
    if !door.is_locked() {
        return next.run(req).await;
    }
    if path.starts_with("/console") {
        if let Some(token) = query_token(req.uri().query()) {
            return if door.matches(&token) {
                sign_in(path, req.uri().query(), &token)
            } else {
                refuse(StatusCode::UNAUTHORIZED, "the admin token is wrong")
            };
        }
    }
    if door.admits(req.headers()) {
        next.run(req).await
    } else {
        refuse(
            StatusCode::UNAUTHORIZED,
            "this sclocal listens beyond loopback: send the admin token as \
             Authorization: Bearer TOKEN (browsers: open /console?token=TOKEN once)",
        )
    }
}

/// The `token` parameter of a query string.
fn query_token(query: Option<&str>) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned())
}

/// Sets the cookie and sends the browser back to the same page without the token.
fn sign_in(path: &str, query: Option<&str>, token: &str) -> Response {
    let rest: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .filter(|(k, _)| k != "token")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let mut location = path.to_string();
    if !rest.is_empty() {
        location.push('?');
        location.push_str(
            &form_urlencoded::Serializer::new(String::new())
                .extend_pairs(rest)
                .finish(),
        );
    }
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&location) {
        headers.insert(header::LOCATION, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // The token's characters were checked to fit a cookie when it was set.
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
    )) {
        headers.insert(header::SET_COOKIE, v);
    }
    response
}

fn refuse(status: StatusCode, message: &str) -> Response {
    let mut response =
        (status, axum::Json(serde_json::json!({ "error": message }))).into_response();
    if status == StatusCode::UNAUTHORIZED {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use sclocal_core::clock::SeqIds;

    #[test]
    fn loopback_listeners_stay_open_and_others_lock() {
        let ids = SeqIds::default();
        for open in ["127.0.0.1:4566", "127.9.9.9:1", "[::1]:4566"] {
            let (door, printed) = AdminDoor::for_listener(open.parse().unwrap(), None, &ids);
            assert!(!door.is_locked() && printed.is_none(), "{open}");
        }
        let given: AdminToken = "given-token-0123456789".parse().unwrap();
        let (door, printed) =
            AdminDoor::for_listener("0.0.0.0:4566".parse().unwrap(), Some(given), &ids);
        assert!(
            door.is_locked() && printed.is_none(),
            "a given token is not printed"
        );
        assert!(door.matches("given-token-0123456789"));
        assert!(!door.matches("given-token-012345678"));
        let (door, printed) =
            AdminDoor::for_listener("192.0.2.7:4566".parse().unwrap(), None, &ids);
        let printed = printed.expect("a random token to print");
        assert_eq!(printed.expose().len(), 48);
        assert!(door.matches(printed.expose()));
    }

    #[test]
    fn tokens_are_checked_and_never_shown_by_debug() {
        assert!("short".parse::<AdminToken>().is_err());
        assert!("has a space in it 123".parse::<AdminToken>().is_err());
        assert!("semi;colon-0123456789".parse::<AdminToken>().is_err());
        let t: AdminToken = "s3cret-token-0123456789".parse().unwrap();
        assert_eq!(format!("{t:?}"), "AdminToken(<redacted>)");
    }

    #[test]
    fn bearer_and_cookie_both_admit() {
        let door = AdminDoor::locked(AdminToken::new("door-token-0123456789"));
        let mut h = HeaderMap::new();
        assert!(!door.admits(&h));
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; sclocal_admin=door-token-0123456789"),
        );
        assert!(door.admits(&h));
        let mut h = HeaderMap::new();
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer door-token-0123456789"),
        );
        assert!(door.admits(&h));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Basic door-token-0123456789"),
        );
        assert!(!door.admits(&h));
    }
}
