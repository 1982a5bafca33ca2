//! Hostile input to every operation of every service (issue 6): empty, truncated, non-UTF-8,
//! deeply nested, oversized and wrongly typed bodies, in awsJson (Service Catalog,
//! Organizations), RPC v2 CBOR (Service Catalog) and awsQuery (STS). Each answer must be a
//! clean 4xx (every operation is emulated, so never a 501) in the protocol's own error format
//! with its code, never a 500, and the server must keep answering.

use std::fmt::Write as _;
use std::sync::Arc;

use sclocal_api::model::{ServiceModel, ShapeKind};
use sclocal_api::{organizations, servicecatalog, sts};
use sclocal_server::Config;
use serde_json::{json, Value};

use crate::helpers::{auth_headers, spawn_with, TestApp};

/// Small, so that the oversized case stays cheap.
const MAX_BODY: usize = 4096;
/// Nesting depth of the deeply nested bodies: far beyond any decoder's recursion limit.
const DEPTH: usize = 50_000;

/// A hostile body and whether an empty-input operation may legitimately accept it.
struct Case {
    name: &'static str,
    body: Vec<u8>,
    may_succeed: bool,
}

fn case(name: &'static str, body: impl Into<Vec<u8>>) -> Case {
    Case {
        name,
        body: body.into(),
        may_succeed: false,
    }
}

/// A value of the wrong type for every member of the input shape.
fn wrongly_typed(model: &ServiceModel, input: Option<usize>) -> Value {
    let mut doc = serde_json::Map::new();
    if let Some(ShapeKind::Structure { members }) = input.map(|i| &model.shape(i).kind) {
        for m in *members {
            let wrong = match model.shape(m.shape).kind {
                ShapeKind::String { .. } | ShapeKind::Blob { .. } => json!(12345),
                ShapeKind::Integer { .. } | ShapeKind::Double | ShapeKind::Boolean => {
                    json!("not-a-number")
                }
                ShapeKind::Timestamp => json!({"not": "a time"}),
                ShapeKind::List { .. } => json!({"not": "a list"}),
                ShapeKind::Map { .. } | ShapeKind::Structure { .. } => json!(["not", "a map"]),
            };
            doc.insert(m.name.to_owned(), wrong);
        }
    }
    if doc.is_empty() {
        // No members to get wrong: the wrong type is the document itself.
        return json!(["not", "an", "object"]);
    }
    Value::Object(doc)
}

fn json_cases(model: &ServiceModel, op: &str) -> Vec<Case> {
    let input = model.operation(op).and_then(|o| o.input);
    let nested = format!("{{\"A\":{}{}}}", "[".repeat(DEPTH), "]".repeat(DEPTH));
    let nested_objects = format!("{}1{}", "{\"A\":".repeat(DEPTH), "}".repeat(DEPTH));
    vec![
        Case {
            may_succeed: true,
            ..case("empty", Vec::new())
        },
        case("truncated", &b"{\"Id\": \"port-abc"[..]),
        case(
            "non-utf8",
            vec![b'{', b'"', 0xff, 0xfe, b'"', b':', b'1', b'}'],
        ),
        case("nested arrays", nested),
        case("nested objects", nested_objects),
        case(
            "oversized",
            format!("{{\"A\":\"{}\"}}", "x".repeat(MAX_BODY * 2)),
        ),
        case("wrongly typed", wrongly_typed(model, input).to_string()),
        case("not an object", &b"\"just a string\""[..]),
    ]
}

fn cbor_cases(model: &ServiceModel, op: &str) -> Vec<Case> {
    let input = model.operation(op).and_then(|o| o.input);
    let mut nested = vec![0xa1, 0x61, b'A'];
    nested.extend(std::iter::repeat_n(0x81, DEPTH));
    nested.push(0x01);
    let mut wrong = Vec::new();
    ciborium::ser::into_writer(&wrongly_typed(model, input), &mut wrong).unwrap();
    vec![
        Case {
            may_succeed: true,
            ..case("empty", Vec::new())
        },
        case("truncated", vec![0xbf, 0x62, b'I', b'd', 0x6a, b'p']),
        case("non-utf8 text", vec![0xa1, 0x62, 0xff, 0xfe, 0x01]),
        case("garbage", vec![0xff, 0xff, 0xff, 0x00]),
        case("nested arrays", nested),
        case("oversized", vec![0x40; MAX_BODY * 2]),
        case("wrongly typed", wrong),
    ]
}

fn query_cases(model: &ServiceModel, op: &str) -> Vec<Case> {
    let base = format!("Action={op}&Version=2011-06-15");
    let members = match model
        .operation(op)
        .and_then(|o| o.input)
        .map(|i| &model.shape(i).kind)
    {
        Some(ShapeKind::Structure { members }) => *members,
        _ => &[],
    };
    let mut wrong = base.clone();
    for m in members {
        let _ = write!(wrong, "&{0}=%00%FF&{0}.member.x=1", m.name);
    }
    // awsQuery ignores parameters an operation does not have, so an operation without
    // members (GetCallerIdentity) may answer these normally.
    let lenient = members.is_empty();
    let first = members.first().map_or("Unknown", |m| m.name);
    let nested = format!("{base}&{}=1", "A.member.1.".repeat(DEPTH / 10));
    vec![
        Case {
            may_succeed: true,
            ..case("only the action", base.clone())
        },
        Case {
            may_succeed: lenient,
            ..case("truncated", format!("{base}&{first}=%E"))
        },
        Case {
            may_succeed: lenient,
            ..case(
                "non-utf8",
                [base.as_bytes(), b"&", first.as_bytes(), b"=\xff\xfe"].concat(),
            )
        },
        Case {
            may_succeed: lenient,
            ..case("nested", nested)
        },
        case(
            "oversized",
            format!("{base}&A={}", "x".repeat(MAX_BODY * 2)),
        ),
        Case {
            may_succeed: lenient,
            ..case("wrongly typed", wrong)
        },
    ]
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Cbor,
    Xml,
}

/// The error code in an answer body, or a description of why there is none.
fn error_code(format: Format, body: &[u8]) -> Result<String, String> {
    match format {
        Format::Json => serde_json::from_slice::<Value>(body)
            .map_err(|e| format!("not JSON: {e}"))?["__type"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| "no __type".to_owned()),
        Format::Cbor => {
            let v: ciborium::Value =
                ciborium::de::from_reader(body).map_err(|e| format!("not CBOR: {e}"))?;
            v.as_map()
                .and_then(|m| m.iter().find(|(k, _)| k.as_text() == Some("__type")))
                .and_then(|(_, v)| v.as_text())
                // RPC v2 CBOR errors carry the shape id: `namespace#Name`.
                .map(|t| t.rsplit('#').next().unwrap_or(t).to_owned())
                .ok_or_else(|| "no __type".to_owned())
        }
        Format::Xml => {
            let text = std::str::from_utf8(body).map_err(|e| format!("not UTF-8: {e}"))?;
            text.split_once("<Code>")
                .and_then(|(_, rest)| rest.split_once("</Code>"))
                .map(|(code, _)| code.to_owned())
                .ok_or_else(|| "no <Code>".to_owned())
        }
    }
}

/// Sends every case to one operation; returns the failures.
async fn attack(app: &TestApp, format: Format, head: &str, cases: Vec<Case>) -> Vec<String> {
    let mut failures = Vec::new();
    for c in cases {
        let (status, headers, body) = app.raw(head, &c.body).await;
        let first_line = head
            .lines()
            .find(|l| l.contains("Target") || l.starts_with("POST /s"));
        let what = format!("{} {:?} {}", c.name, first_line.unwrap_or(""), status);
        if (200..300).contains(&status) && c.may_succeed {
            // An empty body is `{}`, which operations without required members accept.
            continue;
        }
        let code = error_code(format, &body);
        match code {
            Ok(_) if (400..500).contains(&status) => {}
            Ok(code) => failures.push(format!("{what}: code {code}")),
            Err(why) => failures.push(format!(
                "{what}: {why}: {}",
                String::from_utf8_lossy(&body[..body.len().min(200)])
            )),
        }
        if !headers.contains("content-type:") {
            failures.push(format!("{what}: no content-type"));
        }
    }
    failures
}

fn json_head(target: &str, service: &str) -> String {
    format!(
        "POST / HTTP/1.1\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: {target}\r\n{}",
        auth_headers("111111111111", service)
    )
}

fn cbor_head(op: &str) -> String {
    format!(
        "POST /service/AWS242ServiceCatalogService/operation/{op} HTTP/1.1\r\nContent-Type: application/cbor\r\nAccept: application/cbor\r\nsmithy-protocol: rpc-v2-cbor\r\n{}",
        auth_headers("111111111111", "servicecatalog")
    )
}

fn query_head() -> String {
    format!(
        "POST / HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded; charset=utf-8\r\n{}",
        auth_headers("111111111111", "sts")
    )
}

/// Every attack for one service, each operation in its own task.
fn plan() -> Vec<(Format, String, Vec<Case>)> {
    let mut plan = Vec::new();
    let sc = &servicecatalog::MODEL;
    for op in servicecatalog::Operation::ALL.iter().map(|o| o.name()) {
        let target = format!("AWS242ServiceCatalogService.{op}");
        plan.push((
            Format::Json,
            json_head(&target, "servicecatalog"),
            json_cases(sc, op),
        ));
        plan.push((Format::Cbor, cbor_head(op), cbor_cases(sc, op)));
    }
    let org = &organizations::MODEL;
    for op in organizations::Operation::ALL.iter().map(|o| o.name()) {
        let target = format!("AWSOrganizationsV20161128.{op}");
        plan.push((
            Format::Json,
            json_head(&target, "organizations"),
            json_cases(org, op),
        ));
    }
    for op in sts::Operation::ALL.iter().map(|o| o.name()) {
        plan.push((Format::Xml, query_head(), query_cases(&sts::MODEL, op)));
    }
    plan
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_survives_hostile_bodies() {
    let mut config = Config::for_tests();
    config.max_body_bytes = MAX_BODY;
    let app = Arc::new(spawn_with(config).await);
    let mut tasks = tokio::task::JoinSet::new();
    let plan = plan();
    let attacks = plan.len();
    for (format, head, cases) in plan {
        let app = app.clone();
        tasks.spawn(async move { attack(&app, format, &head, cases).await });
    }
    let mut failures = Vec::new();
    while let Some(result) = tasks.join_next().await {
        failures.extend(result.unwrap());
    }
    assert!(attacks > 150, "only {attacks} operations attacked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // Still answering, and still right.
    let sc = app.catalog("111111111111");
    let created = sc
        .create_portfolio()
        .display_name("after")
        .provider_name("p")
        .idempotency_token("after")
        .send()
        .await
        .unwrap();
    let listed = sc.list_portfolios().send().await.unwrap();
    assert_eq!(listed.portfolio_details().len(), 1);
    assert_eq!(
        listed.portfolio_details()[0].id(),
        created.portfolio_detail().unwrap().id()
    );
    let who = app
        .sts("222222222222")
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(who.account(), Some("222222222222"));
}
