//! One keep-alive HTTP/1.1 connection and SigV4 signing of each request on it.
//!
//! Signing reuses the server's own functions (`sclocal_protocol::sigv4`), so the loadgen signs
//! exactly what sclocal verifies (protocol.md §6). The signing key depends only on secret,
//! date, region and service, so it is computed once per day and service, not per request.

use std::collections::HashMap;
use std::net::SocketAddr;

use anyhow::{bail, Context as _};
use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Request};
use http_body_util::{BodyExt as _, Full};
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;
use sclocal_protocol::sigv4::{
    canonical_request, format_amz_date, sha256_hex, signature, signing_key, string_to_sign,
    RequestParts,
};

use crate::scenario::{Call, Wire};

/// The secret every loadgen key uses (lenient servers do not check it; moto ignores it).
pub const SECRET: &str = "secret";

/// What one request got back.
#[derive(Debug)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// Body.
    pub body: Bytes,
}

/// A connection that reconnects when the server closes it.
pub struct Conn {
    addr: SocketAddr,
    host: String,
    region: String,
    sender: Option<SendRequest<Full<Bytes>>>,
    keys: HashMap<(String, &'static str), [u8; 32]>,
    /// How many times the connection was (re)opened.
    pub connects: u64,
}

impl Conn {
    /// A connection to `addr`, sending `Host: host`.
    pub fn new(addr: SocketAddr, host: String, region: String) -> Self {
        Conn {
            addr,
            host,
            region,
            sender: None,
            keys: HashMap::new(),
            connects: 0,
        }
    }

    async fn sender(&mut self) -> anyhow::Result<&mut SendRequest<Full<Bytes>>> {
        let usable = match self.sender.as_mut() {
            Some(s) => !s.is_closed() && s.ready().await.is_ok(),
            None => false,
        };
        if !usable {
            let stream = tokio::net::TcpStream::connect(self.addr)
                .await
                .with_context(|| format!("connecting to {}", self.addr))?;
            stream.set_nodelay(true)?;
            let (sender, connection) = http1::handshake(TokioIo::new(stream)).await?;
            tokio::spawn(async move {
                // The connection ends when the server closes it; the next send reconnects.
                let _ = connection.await;
            });
            self.connects += 1;
            self.sender = Some(sender);
        }
        self.sender.as_mut().context("no connection")
    }

    /// Signs and sends one call as `account` with the rendered `body`.
    pub async fn send(
        &mut self,
        call: &Call,
        account: &str,
        body: String,
        now: time::OffsetDateTime,
    ) -> anyhow::Result<Answer> {
        let request = self.sign(call, account, Bytes::from(body), now)?;
        let sender = self.sender().await?;
        let response = match sender.send_request(request).await {
            Ok(r) => r,
            Err(e) => {
                self.sender = None;
                bail!("request failed: {e}");
            }
        };
        let status = response.status().as_u16();
        let body = response.into_body().collect().await?.to_bytes();
        Ok(Answer { status, body })
    }

    fn sign(
        &mut self,
        call: &Call,
        account: &str,
        body: Bytes,
        now: time::OffsetDateTime,
    ) -> anyhow::Result<Request<Full<Bytes>>> {
        let amz_date = format_amz_date(now);
        let date = amz_date.get(..8).context("bad date")?.to_owned();
        let mut headers = HeaderMap::new();
        let content_type = match call.wire {
            Wire::AwsJson => "application/x-amz-json-1.1",
            Wire::AwsQuery => "application/x-www-form-urlencoded; charset=utf-8",
        };
        headers.insert("content-type", HeaderValue::from_static(content_type));
        headers.insert("host", HeaderValue::from_str(&self.host)?);
        headers.insert("x-amz-date", HeaderValue::from_str(&amz_date)?);
        let mut signed: Vec<String> =
            vec!["content-type".into(), "host".into(), "x-amz-date".into()];
        if call.wire == Wire::AwsJson {
            headers.insert("x-amz-target", HeaderValue::from_str(&call.target)?);
            signed.push("x-amz-target".into());
        }
        let parts = RequestParts {
            method: "POST",
            raw_path: "/",
            raw_query: None,
            headers: &headers,
        };
        let canonical = canonical_request(&parts, &signed, &sha256_hex(&body));
        let scope = format!("{date}/{}/{}/aws4_request", self.region, call.service);
        let to_sign = string_to_sign(&amz_date, &scope, &canonical);
        let region = self.region.clone();
        let key = self
            .keys
            .entry((date, call.service))
            .or_insert_with_key(|(d, s)| signing_key(SECRET, d, &region, s));
        let auth = format!(
            "AWS4-HMAC-SHA256 Credential={account}/{scope}, SignedHeaders={}, Signature={}",
            signed.join(";"),
            signature(key, &to_sign)
        );
        headers.insert("authorization", HeaderValue::from_str(&auth)?);
        headers.insert("content-length", HeaderValue::from(body.len()));
        let mut request = Request::post("/").body(Full::new(body))?;
        *request.headers_mut() = headers;
        Ok(request)
    }
}
