//! The whole request path, `sclocal_protocol::handle`, over the real emulator and an in-memory
//! store: routing, authentication (lenient), decoding, validation, behaviour and encoding.
//! The first byte picks the protocol (awsJson Service Catalog / Organizations, RPC v2 CBOR,
//! STS awsQuery) and whether the first line of the data is the `Authorization` header; the
//! second picks the operation; the rest is the body. Nothing may panic, and no answer may be
//! a 500 (a 500 means an operation returned an error its model does not list).
#![no_main]

use std::sync::{Arc, OnceLock};

use async_trait::async_trait;
use http::{HeaderMap, HeaderValue};
use libfuzzer_sys::fuzz_target;
use sclocal_api::hook::NoHook;
use sclocal_api::{organizations, servicecatalog};
use sclocal_core::clock::{RandomIds, SystemClock};
use sclocal_core::{Emulator, Settings};
use sclocal_protocol::sigv4::{AuthMode, Credential};
use sclocal_protocol::{handle, AuthSettings, Handler, Identities, Request, Services};
use sclocal_store::SqliteStore;

struct NoKeys;

#[async_trait]
impl Identities for NoKeys {
    async fn credential(&self, _access_key_id: &str) -> Option<Credential> {
        None
    }
}

fn handler() -> &'static (Handler, tokio::runtime::Runtime) {
    static H: OnceLock<(Handler, tokio::runtime::Runtime)> = OnceLock::new();
    H.get_or_init(|| {
        let store = Arc::new(SqliteStore::in_memory().expect("in-memory store"));
        let emulator = Arc::new(Emulator::new(
            store,
            Arc::new(SystemClock),
            Arc::new(RandomIds::default()),
            Settings::default(),
        ));
        let services = Services {
            catalog: emulator.clone(),
            organizations: emulator.clone(),
            sts: emulator,
        };
        let auth = AuthSettings {
            mode: AuthMode::Lenient,
            default_account: "000000000000".into(),
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        let handler = Handler::new(services, auth, Arc::new(NoKeys), Arc::new(NoHook));
        (handler, runtime)
    })
}

const AUTH: &str = "AWS4-HMAC-SHA256 Credential=111111111111/20261129/us-east-1/servicecatalog/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000";

fuzz_target!(|data: &[u8]| {
    let [mode, pick, rest @ ..] = data else {
        return;
    };
    let (auth, body) = if mode & 4 != 0 {
        match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (HeaderValue::from_bytes(&rest[..i]).ok(), &rest[i + 1..]),
            None => (None, rest),
        }
    } else {
        (Some(HeaderValue::from_static(AUTH)), rest)
    };
    let mut headers = HeaderMap::new();
    headers.insert("host", HeaderValue::from_static("127.0.0.1:4566"));
    headers.insert("x-amz-date", HeaderValue::from_static("20261129T053850Z"));
    if let Some(a) = auth {
        headers.insert("authorization", a);
    }
    let pick = usize::from(*pick);
    let mut path = "/".to_owned();
    match mode & 3 {
        0 | 1 => {
            let target = if mode & 3 == 0 {
                let ops = servicecatalog::Operation::ALL;
                format!(
                    "AWS242ServiceCatalogService.{}",
                    ops[pick % ops.len()].name()
                )
            } else {
                let ops = organizations::Operation::ALL;
                format!("AWSOrganizationsV20161128.{}", ops[pick % ops.len()].name())
            };
            headers.insert(
                "x-amz-target",
                HeaderValue::from_str(&target).expect("target"),
            );
            headers.insert(
                "content-type",
                HeaderValue::from_static("application/x-amz-json-1.1"),
            );
        }
        2 => {
            let ops = servicecatalog::Operation::ALL;
            path = format!(
                "/service/AWS242ServiceCatalogService/operation/{}",
                ops[pick % ops.len()].name()
            );
            headers.insert("smithy-protocol", HeaderValue::from_static("rpc-v2-cbor"));
            headers.insert("content-type", HeaderValue::from_static("application/cbor"));
        }
        _ => {
            headers.insert(
                "content-type",
                HeaderValue::from_static("application/x-www-form-urlencoded"),
            );
        }
    }
    let req = Request {
        method: "POST",
        path: &path,
        query: None,
        headers: &headers,
        body,
    };
    let (handler, runtime) = handler();
    let now = time::OffsetDateTime::from_unix_timestamp(1_795_930_730).expect("time");
    let outcome = runtime.block_on(handle(handler, req, now, "fuzz"));
    assert_ne!(outcome.reply.status, 500, "{:?}", outcome);
});
