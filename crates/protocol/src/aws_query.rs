//! awsQuery (https://smithy.io/2.0/aws/protocols/aws-query-protocol.html), spoken by STS:
//! form-encoded parameters in (`Tags.member.1.Key=…`), XML out
//! (`<OpResponse><OpResult>…</OpResult><ResponseMetadata>…</ResponseMetadata></OpResponse>`).

use std::fmt::Write as _;

use bytes::Bytes;
use sclocal_api::codec::{Encoding, Output};
use sclocal_api::model::{ServiceModel, ShapeKind};
use sclocal_api::sts;
use serde_json::{Map, Number, Value};

use crate::codec::{Codec, Fault, Reply};
use crate::rejection::Rejection;
use crate::route::{Route, Service};

/// awsQuery, spoken by STS.
#[derive(Debug, Clone, Copy)]
pub struct AwsQuery;

impl Codec for AwsQuery {
    fn decode(
        &self,
        route: &Route,
        _body: &[u8],
        form: Option<&[(String, String)]>,
    ) -> Result<Value, Rejection> {
        let model = route.service.model();
        let shape = model.operation(route.operation).and_then(|o| o.input);
        Ok(to_document(model, shape, form.unwrap_or_default()))
    }

    /// The XML is written from the document, walked with the output shape (timestamps
    /// become ISO 8601).
    fn encoding(&self) -> Encoding {
        Encoding::Document
    }

    fn success(&self, route: &Route, output: Output, request_id: &str) -> Reply {
        let model = route.service.model();
        let shape = model.operation(route.operation).and_then(|o| o.output);
        success(
            model,
            route.operation,
            shape,
            &output.into_document(),
            request_id,
        )
    }

    fn error(&self, service: Service, fault: &Fault<'_>, request_id: &str) -> Reply {
        error(
            service.model(),
            fault.status,
            fault.sender,
            fault.code,
            &fault.message,
            request_id,
        )
    }

    /// Rejections use the codes of STS's Common Errors page (`InvalidAction`,
    /// `MissingAction`, `IncompleteSignature`, …), in STS's XML namespace.
    fn reject(&self, _service: Service, rejection: &Rejection, request_id: &str) -> Reply {
        let (code, status, message) = rejection.query();
        error(
            &sts::MODEL,
            status,
            status < 500,
            code,
            &message,
            request_id,
        )
    }
}

/// Content type of answers.
pub const CONTENT_TYPE: &str = "text/xml";

/// The parameters of a form body (or query string), in order.
pub fn parse_form(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The `Action` parameter, if present.
pub fn action(params: &[(String, String)]) -> Option<&str> {
    params
        .iter()
        .find(|(k, _)| k == "Action")
        .map(|(_, v)| v.as_str())
}

/// Builds the input document of shape `shape` from the parameters. Scalars that do not parse
/// as their shape's type are left as strings, so validation reports them.
pub fn to_document(
    model: &ServiceModel,
    shape: Option<usize>,
    params: &[(String, String)],
) -> Value {
    let Some(shape) = shape else {
        return Value::Object(Map::new());
    };
    structure(model, shape, "", params).unwrap_or_else(|| Value::Object(Map::new()))
}

fn lookup<'p>(params: &'p [(String, String)], key: &str) -> Option<&'p str> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn has_prefix(params: &[(String, String)], prefix: &str) -> bool {
    params.iter().any(|(k, _)| k.starts_with(prefix))
}

fn structure(
    model: &ServiceModel,
    shape: usize,
    prefix: &str,
    params: &[(String, String)],
) -> Option<Value> {
    let ShapeKind::Structure { members } = &model.shape(shape).kind else {
        return None;
    };
    let mut map = Map::new();
    for m in *members {
        let key = format!("{prefix}{}", m.name);
        if let Some(v) = value(model, m.shape, &key, params) {
            map.insert(m.name.to_string(), v);
        }
    }
    Some(Value::Object(map))
}

fn value(
    model: &ServiceModel,
    shape: usize,
    key: &str,
    params: &[(String, String)],
) -> Option<Value> {
    match &model.shape(shape).kind {
        ShapeKind::Structure { .. } => {
            let prefix = format!("{key}.");
            has_prefix(params, &prefix)
                .then(|| structure(model, shape, &prefix, params))
                .flatten()
        }
        ShapeKind::List { member, .. } => {
            if lookup(params, key) == Some("") {
                return Some(Value::Array(Vec::new()));
            }
            let mut items = Vec::new();
            for i in 1.. {
                let item_key = format!("{key}.member.{i}");
                match value(model, *member, &item_key, params) {
                    Some(v) => items.push(v),
                    None => break,
                }
            }
            (!items.is_empty()).then_some(Value::Array(items))
        }
        ShapeKind::Map {
            key: kshape,
            value: vshape,
            ..
        } => {
            let mut map = Map::new();
            for i in 1.. {
                let entry = format!("{key}.entry.{i}");
                let k = value(model, *kshape, &format!("{entry}.key"), params);
                let v = value(model, *vshape, &format!("{entry}.value"), params);
                match (k, v) {
                    (Some(Value::String(k)), Some(v)) => {
                        map.insert(k, v);
                    }
                    _ => break,
                }
            }
            (!map.is_empty()).then_some(Value::Object(map))
        }
        ShapeKind::Integer { .. } => lookup(params, key).map(|s| {
            s.parse::<i64>().map_or_else(
                |_| Value::String(s.to_string()),
                |n| Value::Number(n.into()),
            )
        }),
        ShapeKind::Double => lookup(params, key).map(|s| {
            s.parse::<f64>()
                .ok()
                .and_then(Number::from_f64)
                .map_or_else(|| Value::String(s.to_string()), Value::Number)
        }),
        ShapeKind::Boolean => lookup(params, key).map(|s| match s {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            other => Value::String(other.to_string()),
        }),
        ShapeKind::Timestamp => lookup(params, key).map(|s| {
            time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
                .ok()
                .and_then(|t| Number::from_f64(epoch_secs(t)))
                .map_or_else(|| Value::String(s.to_string()), Value::Number)
        }),
        ShapeKind::String { .. } | ShapeKind::Blob { .. } => {
            lookup(params, key).map(|s| Value::String(s.to_string()))
        }
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Epoch seconds with millisecond precision.
#[expect(
    clippy::cast_precision_loss,
    reason = "epoch milliseconds fit in f64's 53 bits"
)]
fn epoch_secs(t: time::OffsetDateTime) -> f64 {
    (t.unix_timestamp_nanos() / 1_000_000) as f64 / 1000.0
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "rounded epoch milliseconds fit in i128"
)]
fn iso8601(secs: f64) -> String {
    let nanos = i128::from((secs * 1000.0).round() as i64) * 1_000_000;
    match time::OffsetDateTime::from_unix_timestamp_nanos(nanos) {
        Ok(t) => {
            let millis = t.millisecond();
            let base = format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            );
            if millis == 0 {
                format!("{base}Z")
            } else {
                format!("{base}.{millis:03}Z")
            }
        }
        Err(_) => secs.to_string(),
    }
}

fn write_value(model: &ServiceModel, shape: Option<usize>, value: &Value, out: &mut String) {
    let kind = shape.map(|s| &model.shape(s).kind);
    match value {
        Value::Null => {}
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match kind {
            Some(ShapeKind::Timestamp) => out.push_str(&iso8601(n.as_f64().unwrap_or_default())),
            _ => out.push_str(&n.to_string()),
        },
        Value::String(s) => out.push_str(&escape(s)),
        Value::Array(items) => {
            let member = match kind {
                Some(ShapeKind::List { member, .. }) => Some(*member),
                _ => None,
            };
            for item in items {
                out.push_str("<member>");
                write_value(model, member, item, out);
                out.push_str("</member>");
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                let child = match kind {
                    Some(ShapeKind::Structure { members }) => {
                        members.iter().find(|m| m.name == k).map(|m| m.shape)
                    }
                    _ => None,
                };
                if v.is_null() {
                    continue;
                }
                out.push('<');
                out.push_str(k);
                out.push('>');
                write_value(model, child, v, out);
                out.push_str("</");
                out.push_str(k);
                out.push('>');
            }
        }
    }
}

/// A success answer for `operation`.
pub fn success(
    model: &ServiceModel,
    operation: &str,
    output_shape: Option<usize>,
    doc: &Value,
    request_id: &str,
) -> Reply {
    let ns = model.xml_namespace.unwrap_or_default();
    let mut xml = format!("<{operation}Response xmlns=\"{ns}\">\n  <{operation}Result>");
    write_value(model, output_shape, doc, &mut xml);
    let _ = write!(
        xml,
        "</{operation}Result>\n  <ResponseMetadata>\n    <RequestId>{}</RequestId>\n  </ResponseMetadata>\n</{operation}Response>\n",
        escape(request_id)
    );
    Reply::new(200, CONTENT_TYPE, Bytes::from(xml))
}

/// An error answer (`<ErrorResponse>`; verified in boto3, JS v3 and Rust, protocol.md §4).
pub fn error(
    model: &ServiceModel,
    status: u16,
    sender: bool,
    code: &str,
    message: &str,
    request_id: &str,
) -> Reply {
    let ns = model.xml_namespace.unwrap_or_default();
    let xml = format!(
        "<ErrorResponse xmlns=\"{ns}\">\n  <Error>\n    <Type>{}</Type>\n    <Code>{}</Code>\n    <Message>{}</Message>\n  </Error>\n  <RequestId>{}</RequestId>\n</ErrorResponse>\n",
        if sender { "Sender" } else { "Receiver" },
        escape(code),
        escape(message),
        escape(request_id)
    );
    Reply::new(status, CONTENT_TYPE, Bytes::from(xml))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn forms_become_documents() {
        let params = parse_form(b"Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2FAdmin&RoleSessionName=s1&DurationSeconds=900&Tags.member.1.Key=k&Tags.member.1.Value=v");
        assert_eq!(action(&params), Some("AssumeRole"));
        let op = sts::MODEL.operation("AssumeRole").unwrap();
        let doc = to_document(&sts::MODEL, op.input, &params);
        assert_eq!(
            doc,
            json!({"RoleArn": "arn:aws:iam::222222222222:role/Admin", "RoleSessionName": "s1",
                   "DurationSeconds": 900, "Tags": [{"Key": "k", "Value": "v"}]})
        );
    }

    #[test]
    fn documents_become_xml() {
        let op = sts::MODEL.operation("AssumeRole").unwrap();
        let doc = json!({"Credentials": {"AccessKeyId": "ASIA", "Expiration": 1_700_000_000}});
        let reply = success(&sts::MODEL, "AssumeRole", op.output, &doc, "rid");
        let xml = String::from_utf8(reply.body.to_vec()).unwrap();
        assert!(xml.contains("<AssumeRoleResult><Credentials><AccessKeyId>ASIA</AccessKeyId><Expiration>2023-11-14T22:13:20Z</Expiration></Credentials></AssumeRoleResult>"), "{xml}");
        assert!(xml.contains("<RequestId>rid</RequestId>"));
    }
}
