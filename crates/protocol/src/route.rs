//! Which protocol, service and operation a request is for, from its method, path and headers
//! (protocol.md §5): `X-Amz-Target` → awsJson 1.1; `…/service/<svc>/operation/<op>` with
//! `smithy-protocol: rpc-v2-cbor` → RPC v2 CBOR; a form with `Action=` → awsQuery (STS).

use http::HeaderMap;
use sclocal_api::model::ServiceModel;
use sclocal_api::{organizations, servicecatalog, sts};

use crate::rejection::Rejection;

/// The wire protocol of a request; decides how answers and errors are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// awsJson 1.1 (`X-Amz-Target`).
    AwsJson,
    /// Smithy RPC v2 CBOR.
    RpcV2Cbor,
    /// awsQuery (form in, XML out).
    AwsQuery,
}

/// The emulated services.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// AWS Service Catalog.
    ServiceCatalog,
    /// AWS Organizations.
    Organizations,
    /// AWS STS.
    Sts,
}

impl Service {
    /// The service's model.
    pub fn model(self) -> &'static ServiceModel {
        match self {
            Service::ServiceCatalog => &servicecatalog::MODEL,
            Service::Organizations => &organizations::MODEL,
            Service::Sts => &sts::MODEL,
        }
    }
}

/// A routed request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// How to decode and answer.
    pub protocol: Protocol,
    /// Which service.
    pub service: Service,
    /// The operation's AWS name.
    pub operation: &'static str,
}

/// The protocol a request most likely speaks, for rendering a rejection before routing
/// succeeded.
pub fn guess_protocol(path: &str, headers: &HeaderMap) -> Protocol {
    if headers.contains_key("x-amz-target") {
        Protocol::AwsJson
    } else if cbor_path(path).is_some() || is_cbor(headers) {
        Protocol::RpcV2Cbor
    } else if is_form(headers) {
        Protocol::AwsQuery
    } else {
        Protocol::AwsJson
    }
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn is_cbor(headers: &HeaderMap) -> bool {
    header(headers, "smithy-protocol").is_some_and(|v| v.eq_ignore_ascii_case("rpc-v2-cbor"))
}

fn is_form(headers: &HeaderMap) -> bool {
    header(headers, "content-type").is_some_and(|v| {
        v.to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded")
    })
}

/// `…/service/{svc}/operation/{op}`: the last four path segments (Smithy RPC v2 spec).
fn cbor_path(path: &str) -> Option<(&str, &str)> {
    let segments: Vec<&str> = path.trim_end_matches('/').rsplit('/').take(4).collect();
    match segments.as_slice() {
        [op, "operation", svc, "service"] => Some((svc, op)),
        _ => None,
    }
}

/// Routes a request. `query_action` is the `Action` parameter of an awsQuery request (from
/// the form body or the query string), if any.
///
/// # Errors
/// A [`Rejection`] naming what is wrong: unknown operation or service, a CBOR request that
/// also carries `X-Amz-Target`, or nothing recognisable.
pub fn route(
    path: &str,
    headers: &HeaderMap,
    query_action: Option<&str>,
) -> Result<Route, Rejection> {
    if let Some((svc, op)) = cbor_path(path) {
        if headers.contains_key("x-amz-target") || headers.contains_key("x-amzn-target") {
            // "A server MUST reject an rpcv2Cbor request that carries X-Amz-Target" (Smithy
            // RPC v2 CBOR spec, Requests).
            return Err(Rejection::Malformed(
                "An RPC v2 CBOR request must not carry X-Amz-Target".into(),
            ));
        }
        if !is_cbor(headers) {
            return Err(Rejection::Malformed(
                "Missing or unsupported smithy-protocol header; expected rpc-v2-cbor".into(),
            ));
        }
        let model = &servicecatalog::MODEL;
        let prefix = model.target_prefix.unwrap_or_default();
        let absolute = format!("{}.{prefix}", model.namespace);
        if svc != prefix && svc != absolute {
            return Err(Rejection::UnknownOperation(format!("{svc}.{op}")));
        }
        let operation = model
            .operation(op)
            .ok_or_else(|| Rejection::UnknownOperation(format!("{svc}.{op}")))?;
        return Ok(Route {
            protocol: Protocol::RpcV2Cbor,
            service: Service::ServiceCatalog,
            operation: operation.name,
        });
    }
    if let Some(target) = header(headers, "x-amz-target") {
        let (prefix, op) = target.split_once('.').unwrap_or((target, ""));
        let service = [Service::ServiceCatalog, Service::Organizations]
            .into_iter()
            .find(|s| s.model().target_prefix == Some(prefix))
            .ok_or_else(|| Rejection::UnknownOperation(target.to_string()))?;
        let operation = service
            .model()
            .operation(op)
            .ok_or_else(|| Rejection::UnknownOperation(target.to_string()))?;
        return Ok(Route {
            protocol: Protocol::AwsJson,
            service,
            operation: operation.name,
        });
    }
    if let Some(action) = query_action {
        let operation = sts::MODEL
            .operation(action)
            .ok_or_else(|| Rejection::InvalidAction(action.to_string()))?;
        return Ok(Route {
            protocol: Protocol::AwsQuery,
            service: Service::Sts,
            operation: operation.name,
        });
    }
    if is_form(headers) {
        return Err(Rejection::MissingAction);
    }
    Err(Rejection::UnknownOperation(String::new()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn routes_each_protocol() {
        let json = route(
            "/",
            &headers(&[("x-amz-target", "AWS242ServiceCatalogService.ListPortfolios")]),
            None,
        )
        .unwrap();
        assert_eq!(
            (json.protocol, json.service, json.operation),
            (Protocol::AwsJson, Service::ServiceCatalog, "ListPortfolios")
        );
        let org = route(
            "/prefix/",
            &headers(&[(
                "x-amz-target",
                "AWSOrganizationsV20161128.DescribeOrganization",
            )]),
            None,
        )
        .unwrap();
        assert_eq!(org.service, Service::Organizations);
        let cbor = route(
            "/service/AWS242ServiceCatalogService/operation/CreatePortfolioShare",
            &headers(&[("smithy-protocol", "rpc-v2-cbor")]),
            None,
        )
        .unwrap();
        assert_eq!(
            (cbor.protocol, cbor.operation),
            (Protocol::RpcV2Cbor, "CreatePortfolioShare")
        );
        let abs = route(
            "/p/service/com.amazonaws.servicecatalog.AWS242ServiceCatalogService/operation/ListPortfolios",
            &headers(&[("smithy-protocol", "rpc-v2-cbor")]),
            None,
        );
        assert!(abs.is_ok());
        let query = route(
            "/",
            &headers(&[("content-type", "application/x-www-form-urlencoded")]),
            Some("GetCallerIdentity"),
        )
        .unwrap();
        assert_eq!(
            (query.protocol, query.service),
            (Protocol::AwsQuery, Service::Sts)
        );
    }

    #[test]
    fn rejects_what_it_cannot_route() {
        assert!(matches!(
            route(
                "/",
                &headers(&[("x-amz-target", "AWS242ServiceCatalogService.Nope")]),
                None
            ),
            Err(Rejection::UnknownOperation(_))
        ));
        assert!(matches!(
            route(
                "/service/AWS242ServiceCatalogService/operation/ListPortfolios",
                &headers(&[("smithy-protocol", "rpc-v2-cbor"), ("x-amz-target", "x")]),
                None
            ),
            Err(Rejection::Malformed(_))
        ));
        assert!(matches!(
            route("/", &HeaderMap::new(), None),
            Err(Rejection::UnknownOperation(_))
        ));
        assert!(matches!(
            route("/", &HeaderMap::new(), Some("Nope")),
            Err(Rejection::InvalidAction(_))
        ));
    }
}
