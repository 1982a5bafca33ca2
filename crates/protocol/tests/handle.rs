//! `handle` end to end in each protocol: the codec chosen from the route decodes the request
//! and writes the success, the operation's error and the rejection the way that protocol's
//! clients read them (bytes pinned), each with `x-amzn-RequestId`.

mod support;

use std::sync::Arc;

use support::{cbor, handler, header, json, query, send, text, Fake};

const SC: &str = "AWS242ServiceCatalogService";

#[tokio::test]
async fn aws_json_answers_errors_and_rejections() {
    let h = handler(&Arc::new(Fake::default()));
    let ok = send(&h, &json(&format!("{SC}.ListPortfolios"), "{}")).await;
    assert_eq!(ok.reply.status, 200);
    assert_eq!(ok.reply.content_type, "application/x-amz-json-1.1");
    assert_eq!(
        text(&ok),
        r#"{"PortfolioDetails":[{"Id":"port-abc","CreatedTime":1700000000.123}]}"#
    );
    assert_eq!(header(&ok, "x-amzn-RequestId"), Some("rid-1"));
    assert_eq!(
        ok.operation.as_deref(),
        Some("servicecatalog.ListPortfolios")
    );
    assert_eq!(ok.account.as_deref(), Some("111111111111"));

    let missing = send(
        &h,
        &json(&format!("{SC}.DescribePortfolio"), r#"{"Id":"port-x"}"#),
    )
    .await;
    assert_eq!(missing.reply.status, 400);
    assert_eq!(
        text(&missing),
        r#"{"__type":"ResourceNotFoundException","message":"Portfolio port-x not found"}"#
    );
    assert_eq!(
        header(&missing, "x-amzn-ErrorType"),
        Some("ResourceNotFoundException")
    );

    let invalid = send(&h, &json(&format!("{SC}.DescribePortfolio"), "{}")).await;
    assert_eq!(invalid.reply.status, 400);
    assert!(text(&invalid)
        .starts_with(r#"{"__type":"ValidationException","message":"1 validation error detected"#));

    let unknown = send(&h, &json(&format!("{SC}.Nope"), "{}")).await;
    assert_eq!(
        (unknown.reply.status, text(&unknown)),
        (
            400,
            r#"{"__type":"UnknownOperationException","message":""}"#
        )
    );
    assert_eq!(header(&unknown, "x-amzn-RequestId"), Some("rid-1"));

    let garbage = send(&h, &json(&format!("{SC}.ListPortfolios"), "{")).await;
    assert_eq!(
        text(&garbage),
        r#"{"__type":"SerializationException","message":"Unexpected end of input"}"#
    );

    let org = send(
        &h,
        &json("AWSOrganizationsV20161128.DescribeOrganization", ""),
    )
    .await;
    assert_eq!(org.reply.status, 501);
    assert_eq!(
        text(&org),
        r#"{"__type":"NotImplemented","Message":"sclocal does not emulate organizations.DescribeOrganization yet"}"#
    );
}

#[tokio::test]
async fn rpc_v2_cbor_answers_errors_and_rejections() {
    let h = handler(&Arc::new(Fake::default()));
    let ok = send(&h, &cbor("ListPortfolios")).await;
    assert_eq!(ok.reply.status, 200);
    assert_eq!(ok.reply.content_type, "application/cbor");
    assert_eq!(header(&ok, "smithy-protocol"), Some("rpc-v2-cbor"));
    // CreatedTime is tag 1 (c1) around a double.
    assert_eq!(
        hex::encode(&ok.reply.body),
        "a170506f7274666f6c696f44657461696c7381a262496468706f72742d6162636b4372656174656454696d65c1fb41d954fc4007df3b"
    );
    assert_eq!(header(&ok, "x-amzn-RequestId"), Some("rid-1"));

    let invalid = send(&h, &cbor("DescribePortfolio")).await;
    assert_eq!(invalid.reply.status, 400);
    let body: ciborium::Value = ciborium::de::from_reader(&invalid.reply.body[..]).unwrap();
    let map = body.as_map().unwrap();
    assert_eq!(
        map[0],
        (
            "__type".into(),
            "com.amazonaws.servicecatalog#ValidationException".into()
        )
    );

    let unknown = send(&h, &cbor("Nope")).await;
    assert_eq!(unknown.reply.status, 400);
    let body: ciborium::Value = ciborium::de::from_reader(&unknown.reply.body[..]).unwrap();
    assert_eq!(
        body.as_map().unwrap()[0].1,
        "com.amazonaws.servicecatalog#UnknownOperationException".into()
    );
}

#[tokio::test]
async fn aws_query_answers_errors_and_rejections() {
    let h = handler(&Arc::new(Fake::default()));
    let ok = send(&h, &query("Action=GetCallerIdentity&Version=2011-06-15")).await;
    assert_eq!((ok.reply.status, ok.reply.content_type), (200, "text/xml"));
    assert_eq!(
        text(&ok),
        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  \
         <GetCallerIdentityResult><Account>111111111111</Account></GetCallerIdentityResult>\n  \
         <ResponseMetadata>\n    <RequestId>rid-1</RequestId>\n  </ResponseMetadata>\n\
         </GetCallerIdentityResponse>\n"
    );
    assert_eq!(header(&ok, "x-amzn-RequestId"), Some("rid-1"));

    let unknown = send(&h, &query("Action=Nope&Version=2011-06-15")).await;
    assert_eq!(unknown.reply.status, 400);
    assert!(text(&unknown).contains(
        "<Type>Sender</Type>\n    <Code>InvalidAction</Code>\n    \
         <Message>Could not find operation Nope for version 2011-06-15</Message>"
    ));

    let not_emulated = send(&h, &query("Action=GetSessionToken&Version=2011-06-15")).await;
    assert_eq!(not_emulated.reply.status, 501);
    assert!(text(&not_emulated).contains("<Type>Receiver</Type>\n    <Code>NotImplemented</Code>"));
}
