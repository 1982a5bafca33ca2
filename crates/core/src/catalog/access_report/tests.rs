//! The report's pure rules: who launches, when a pattern is a warning, capped lists.

use super::*;

fn acct(s: &str) -> AccountId {
    AccountId::parse(s).unwrap()
}

fn rec(account: &str, arn: &str, kind: &str) -> PrincipalRecord {
    PrincipalRecord {
        portfolio_id: crate::ids::PortfolioId::parse("port-a").unwrap(),
        account: acct(account),
        arn: arn.into(),
        principal_type: PrincipalType::from_wire(kind).unwrap(),
    }
}

fn portfolio() -> PortfolioRecord {
    PortfolioRecord {
        id: crate::ids::PortfolioId::parse("port-a").unwrap(),
        owner: acct("111111111111"),
        region: "us-east-1".into(),
        arn: "arn".into(),
        display_name: "P".into(),
        description: None,
        provider_name: "Q".into(),
        created_ms: 0,
        tags: vec![],
        idempotency_token: None,
    }
}

fn rows() -> Vec<PrincipalRecord> {
    vec![
        rec("111111111111", "arn:aws:iam:::role/Dev*", "IAM_PATTERN"),
        rec("111111111111", "arn:aws:iam::111111111111:role/A", "IAM"),
        rec("222222222222", "arn:aws:iam::222222222222:role/B", "IAM"),
        rec("333333333333", "arn:aws:iam::333333333333:role/C", "IAM"),
    ]
}

#[test]
fn a_pattern_shared_by_share_principals_is_a_warning() {
    let recipients: BTreeSet<_> = [acct("222222222222")].into();
    let (launchers, warnings) = launchers(&portfolio(), rows(), &recipients, &recipients);
    let seen: Vec<_> = launchers
        .iter()
        .map(|l| (l.principal.as_str(), l.source.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("arn:aws:iam:::role/Dev*", "OWNER"),
            ("arn:aws:iam:::role/Dev*", "SHARED"),
            ("arn:aws:iam::111111111111:role/A", "OWNER"),
            ("arn:aws:iam::222222222222:role/B", "RECIPIENT"),
        ],
        "a former recipient's association no longer launches"
    );
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("into 1 other account(s)"));
    assert!(warnings[0].ends_with(ESCALATION_ADVICE));
}

#[test]
fn listed_accounts_are_capped_and_counted_apart() {
    let many: BTreeSet<AccountId> = (0..1500_u64)
        .map(|i| acct(&format!("{:012}", 100_000_000_000 + i)))
        .collect();
    let listed = capped(many.iter());
    assert_eq!((listed.len(), many.len()), (ACCOUNT_CAP, 1500));
    assert_eq!(listed[0], "100000000000");
}

#[test]
fn without_share_principals_there_is_no_warning() {
    let recipients: BTreeSet<_> = [acct("222222222222")].into();
    let (launchers, warnings) = launchers(&portfolio(), rows(), &recipients, &BTreeSet::new());
    assert!(warnings.is_empty());
    assert!(launchers.iter().all(|l| l.source != "SHARED"));
}
