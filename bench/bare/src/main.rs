//! `sclocal-bare`: the ceiling for the benchmarks. A hyper 1 HTTP/1.1 server that reads each
//! request body and answers `200 {}` with the headers sclocal sends (`Content-Type`,
//! `x-amzn-RequestId`, `Content-Length`, `Date`), and does nothing else. The ratio of
//! sclocal's throughput to this one's is what sclocal's own work costs.

use std::net::SocketAddr;

use bytes::Bytes;
use http_body_util::{BodyExt as _, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let listen = std::env::args()
        .skip_while(|a| a != "--listen")
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:4599".to_owned());
    let addr: SocketAddr = listen.parse()?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    eprintln!("sclocal-bare listening on {}", listener.local_addr()?);
    loop {
        let (stream, _) = listener.accept().await?;
        stream.set_nodelay(true)?;
        tokio::spawn(async move {
            let _ = http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service_fn(answer))
                .await;
        });
    }
}

async fn answer(request: Request<Incoming>) -> Result<Response<Full<Bytes>>, hyper::Error> {
    // Read the body as sclocal does, so both pay for receiving it.
    let _body = request.into_body().collect().await?.to_bytes();
    #[expect(
        clippy::disallowed_methods,
        reason = "a request id as random as sclocal's; this binary has no injected IdSource"
    )]
    let id = uuid::Uuid::new_v4().to_string();
    let mut response = Response::new(Full::new(Bytes::from_static(b"{}")));
    let headers = response.headers_mut();
    headers.insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/x-amz-json-1.1"),
    );
    if let Ok(v) = hyper::header::HeaderValue::from_str(&id) {
        headers.insert("x-amzn-requestid", v);
    }
    Ok(response)
}
