//! Smithy RPC v2 CBOR, with hand-built requests (the Rust SDK speaks only awsJson to Service
//! Catalog). Byte-level expectations come from protocol.md §3.

use ciborium::Value as Cbor;

use crate::helpers::{auth_headers, spawn_app};

fn cbor_head(op: &str) -> String {
    format!(
        "POST /service/AWS242ServiceCatalogService/operation/{op} HTTP/1.1\r\nContent-Type: application/cbor\r\nAccept: application/cbor\r\nsmithy-protocol: rpc-v2-cbor\r\n{}",
        auth_headers("111111111111", "servicecatalog")
    )
}

fn encode(v: &Cbor) -> Vec<u8> {
    let mut out = Vec::new();
    ciborium::ser::into_writer(v, &mut out).unwrap();
    out
}

fn get<'a>(map: &'a Cbor, key: &str) -> &'a Cbor {
    map.as_map()
        .and_then(|m| m.iter().find(|(k, _)| k.as_text() == Some(key)))
        .map_or_else(|| panic!("no {key} in {map:?}"), |(_, v)| v)
}

#[tokio::test]
async fn create_and_list_portfolios_in_cbor() {
    let app = spawn_app().await;
    let input = Cbor::Map(vec![
        (Cbor::Text("DisplayName".into()), Cbor::Text("P".into())),
        (Cbor::Text("ProviderName".into()), Cbor::Text("Q".into())),
        (
            Cbor::Text("IdempotencyToken".into()),
            Cbor::Text("t".into()),
        ),
    ]);
    let (status, headers, body) = app
        .raw(&cbor_head("CreatePortfolio"), &encode(&input))
        .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    assert!(headers.contains("smithy-protocol: rpc-v2-cbor"));
    assert!(headers.contains("content-type: application/cbor"));
    let out: Cbor = ciborium::de::from_reader(body.as_slice()).unwrap();
    let detail = get(&out, "PortfolioDetail");
    let created = get(detail, "CreatedTime");
    assert!(
        matches!(created, Cbor::Tag(1, _)),
        "timestamps are tag 1: {created:?}"
    );

    let (status, _, body) = app.raw(&cbor_head("ListPortfolios"), &[0xa0]).await;
    assert_eq!(status, 200);
    let out: Cbor = ciborium::de::from_reader(body.as_slice()).unwrap();
    assert_eq!(get(&out, "PortfolioDetails").as_array().unwrap().len(), 1);

    // An empty body is an empty input map.
    let (status, _, body) = app.raw(&cbor_head("ListPortfolios"), b"").await;
    assert_eq!(status, 200);
    let out: Cbor = ciborium::de::from_reader(body.as_slice()).unwrap();
    assert_eq!(get(&out, "PortfolioDetails").as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn cbor_errors_carry_absolute_shape_ids() {
    let app = spawn_app().await;
    let input = Cbor::Map(vec![(
        Cbor::Text("Id".into()),
        Cbor::Text("port-nothere".into()),
    )]);
    let (status, headers, body) = app
        .raw(&cbor_head("DescribePortfolio"), &encode(&input))
        .await;
    assert_eq!(status, 400);
    assert!(headers.contains("smithy-protocol: rpc-v2-cbor"));
    let out: Cbor = ciborium::de::from_reader(body.as_slice()).unwrap();
    assert_eq!(
        get(&out, "__type").as_text(),
        Some("com.amazonaws.servicecatalog#ResourceNotFoundException")
    );
    assert_eq!(
        get(&out, "message").as_text(),
        Some("Portfolio not found: port-nothere")
    );

    let (status, _, body) = app
        .raw(&cbor_head("DescribePortfolio"), &[0xff, 0x00, 0x13])
        .await;
    assert_eq!(status, 400);
    let out: Cbor = ciborium::de::from_reader(body.as_slice()).unwrap();
    assert_eq!(
        get(&out, "__type").as_text(),
        Some("com.amazonaws.servicecatalog#SerializationException")
    );

    let with_target = format!(
        "{}X-Amz-Target: AWS242ServiceCatalogService.ListPortfolios\r\n",
        cbor_head("ListPortfolios")
    );
    let (status, _, _) = app.raw(&with_target, &[0xa0]).await;
    assert_eq!(status, 400);
}
