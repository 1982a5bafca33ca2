//! Unit tests of the SearchProvisionedProducts query: every example of spec §12.

use std::collections::BTreeMap;

use sclocal_api::servicecatalog::SortOrder;

use super::{
    parse_sort, InvalidSortBy, ProvisionedProductView, SearchField, SearchQuery, Sort, SortKey,
    Term,
};

fn vended() -> ProvisionedProductView<'static> {
    ProvisionedProductView {
        arn: "arn:aws:servicecatalog:us-east-1:111111111111:stack/sandbox1/pp-abcd27bm4mldq",
        created_time: "2024-05-01T10:00:00Z",
        id: "pp-abcd27bm4mldq",
        idempotency_token: Some("6a4e4e3c-0000-4000-8000-000000000001"),
        last_record_id: Some("rec-tfuawdabcdege"),
        last_provisioning_record_id: Some("rec-tfuawdabcdege"),
        last_successful_provisioning_record_id: Some("rec-tfuawdabcdege"),
        name: "sandbox1",
        physical_id: Some("222222222222"),
        product_id: "prod-emcidcalm2e2s",
        product_name: Some("AWS Control Tower Account Factory"),
        provisioning_artifact_id: "pa-pcz347abcdcfm",
        provisioning_artifact_name: Some("AWS Control Tower Account Factory"),
        product_type: "CONTROL_TOWER_ACCOUNT",
        status: "AVAILABLE",
        tags: vec![
            (
                "aws:servicecatalog:productArn",
                "arn:aws:catalog:us-east-1:111111111111:product/prod-emcidcalm2e2s",
            ),
            ("1234", "value-3"),
        ],
        user_arn: Some("arn:aws:iam::111111111111:role/AWSAFTService"),
        user_arn_session: Some("arn:aws:sts::111111111111:assumed-role/AWSAFTService/s"),
    }
}

fn stack() -> ProvisionedProductView<'static> {
    ProvisionedProductView {
        arn: "arn:aws:servicecatalog:us-east-1:111111111111:stack/app/pp-7kh7wbc4xxxxx",
        created_time: "2024-06-02T08:30:00Z",
        id: "pp-7kh7wbc4xxxxx",
        name: "app",
        product_id: "prod-abcdfz3syn2rg",
        provisioning_artifact_id: "pa-abcdef",
        product_type: "CFN_STACK",
        status: "UNDER_CHANGE",
        ..ProvisionedProductView::default()
    }
}

fn matching(terms: &[&str]) -> Vec<&'static str> {
    let q = SearchQuery::parse(terms);
    [vended(), stack()]
        .into_iter()
        .filter(|p| q.matches(p))
        .map(|p| p.id)
        .collect()
}

#[test]
fn the_observed_queries_of_clients() {
    // AFT: type and physicalId; CTLIB: physicalId; puppet: id and name.
    assert_eq!(
        matching(&["type:CONTROL_TOWER_ACCOUNT"]),
        ["pp-abcd27bm4mldq"]
    );
    assert_eq!(matching(&["physicalId:222222222222"]), ["pp-abcd27bm4mldq"]);
    assert_eq!(matching(&["id:pp-7kh7wbc4xxxxx"]), ["pp-7kh7wbc4xxxxx"]);
    assert_eq!(matching(&["name:app"]), ["pp-7kh7wbc4xxxxx"]);
    // LZA writes a space after the colon; the documented form has none.
    assert_eq!(matching(&["status: UNDER_CHANGE"]), ["pp-7kh7wbc4xxxxx"]);
    assert_eq!(matching(&["status:AVAILABLE"]), ["pp-abcd27bm4mldq"]);
    // The CLI example: a bare product id as free text.
    assert_eq!(matching(&["prod-abcdfz3syn2rg"]), ["pp-7kh7wbc4xxxxx"]);
}

#[test]
fn field_values_match_exactly_without_regard_to_case() {
    assert_eq!(matching(&["STATUS:available"]), ["pp-abcd27bm4mldq"]);
    assert!(
        matching(&["name:ap"]).is_empty(),
        "no prefix match for names"
    );
    assert!(matching(&["name:app2"]).is_empty());
    assert!(matching(&["physicalId:2222"]).is_empty());
    assert_eq!(
        matching(&["productName:aws control tower account factory"]),
        ["pp-abcd27bm4mldq"]
    );
    assert!(
        matching(&["userArn:x"]).is_empty(),
        "a missing field matches nothing"
    );
}

#[test]
fn terms_are_anded() {
    assert_eq!(
        matching(&["type:CFN_STACK", "status:UNDER_CHANGE"]),
        ["pp-7kh7wbc4xxxxx"]
    );
    assert!(matching(&["type:CFN_STACK", "status:AVAILABLE"]).is_empty());
    assert_eq!(matching(&[]), ["pp-abcd27bm4mldq", "pp-7kh7wbc4xxxxx"]);
    assert_eq!(
        matching(&["", "  ", "status:"]),
        ["pp-abcd27bm4mldq", "pp-7kh7wbc4xxxxx"]
    );
}

#[test]
fn free_text_searches_every_field() {
    assert_eq!(matching(&["sandbox"]), ["pp-abcd27bm4mldq"]);
    assert_eq!(matching(&["CONTROL_TOWER"]), ["pp-abcd27bm4mldq"]);
    assert_eq!(matching(&["value-3"]), ["pp-abcd27bm4mldq"], "tag values");
    assert_eq!(matching(&["pp-"]), ["pp-abcd27bm4mldq", "pp-7kh7wbc4xxxxx"]);
    // An unknown field name makes the whole term free text.
    assert!(matching(&["owner:me"]).is_empty());
    // A whole ARN is free text, not field `arn`.
    assert_eq!(
        matching(&["arn:aws:servicecatalog:us-east-1:111111111111:stack/app/pp-7kh7wbc4xxxxx"]),
        ["pp-7kh7wbc4xxxxx"]
    );
}

#[test]
fn created_time_and_tags() {
    assert_eq!(matching(&["createdTime:2024-06"]), ["pp-7kh7wbc4xxxxx"]);
    assert_eq!(matching(&["tags:1234=value-3"]), ["pp-abcd27bm4mldq"]);
    assert_eq!(matching(&["tags:1234"]), ["pp-abcd27bm4mldq"]);
    assert!(matching(&["tags:1234=other"]).is_empty());
}

#[test]
fn terms_are_parsed_once() {
    let q = SearchQuery::parse(&[" physicalId : 222222222222 ", "free text"]);
    assert_eq!(
        q.terms(),
        [
            Term::Field {
                field: SearchField::PhysicalId,
                value: "222222222222".into()
            },
            Term::FreeText("free text".into()),
        ]
    );
    for (field, name) in SearchField::ALL {
        assert_eq!(SearchField::parse(name), Some(field));
    }
}

#[test]
fn only_the_search_query_filter_counts() {
    let mut filters = BTreeMap::new();
    filters.insert(
        "SearchQuery".to_owned(),
        vec!["status:AVAILABLE".to_owned()],
    );
    let q = SearchQuery::from_filters(Some(&filters));
    assert!(q.matches(&vended()) && !q.matches(&stack()));
    assert_eq!(SearchQuery::from_filters(None), SearchQuery::default());
}

#[test]
fn sort_by_the_four_keys_in_either_direction() {
    assert_eq!(parse_sort(None, Some(&SortOrder::DESCENDING)), Ok(None));
    assert_eq!(
        parse_sort(Some("name"), None),
        Ok(Some(Sort {
            key: SortKey::Name,
            descending: false
        }))
    );
    assert_eq!(
        parse_sort(Some("lastRecordId"), Some(&SortOrder::DESCENDING)),
        Ok(Some(Sort {
            key: SortKey::LastRecordId,
            descending: true
        }))
    );
    assert_eq!(
        parse_sort(Some("ARN"), None).map(|s| s.map(|s| s.key)),
        Ok(Some(SortKey::Arn))
    );
    let err = parse_sort(Some("status"), None).expect_err("not sortable");
    assert_eq!(err, InvalidSortBy("status".into()));
    assert_eq!(
        err.to_string(),
        "Invalid SortBy status: valid values are arn, id, name and lastRecordId."
    );

    let mut products = [vended(), stack()];
    let by_name = Sort {
        key: SortKey::Name,
        descending: false,
    };
    products.sort_by(|a, b| by_name.compare(a, b));
    assert_eq!(
        products.iter().map(|p| p.name).collect::<Vec<_>>(),
        ["app", "sandbox1"]
    );
    let by_id_desc = Sort {
        key: SortKey::Id,
        descending: true,
    };
    products.sort_by(|a, b| by_id_desc.compare(a, b));
    assert_eq!(products[0].id, "pp-abcd27bm4mldq");
    let by_record = Sort {
        key: SortKey::LastRecordId,
        descending: false,
    };
    products.sort_by(|a, b| by_record.compare(a, b));
    assert_eq!(products[0].id, "pp-7kh7wbc4xxxxx", "no record sorts first");
}
