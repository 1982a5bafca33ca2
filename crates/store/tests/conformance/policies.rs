//! Organizations policies: customer policies round-trip and stay per organization and type,
//! attachments keep their order and go with their target, their type or their organization,
//! enabled policy types and the resource policy.

use sclocal_api::organizations::PolicyType;
use sclocal_core::ids::{PolicyId, ResourcePolicyId, TargetId};
use sclocal_core::store::{AttachmentRecord, PolicyRecord, ResourcePolicyRecord};

use super::harness::{acct, each_engine, read, write};
use super::org_fixtures::{org_id, organization};

const ORG: &str = "o-aaaaaaaaaa";
const OTHER: &str = "o-bbbbbbbbbb";
const SCP: PolicyType = PolicyType::SERVICE_CONTROL_POLICY;
const TAG: PolicyType = PolicyType::TAG_POLICY;

fn policy(id: &str, org: &str, policy_type: PolicyType, name: &str) -> PolicyRecord {
    PolicyRecord {
        id: PolicyId::parse(id).unwrap(),
        org_id: org_id(org),
        policy_type,
        name: name.into(),
        description: String::new(),
        content: format!("{{ \"name\": \"{name}\" }}"),
        version: 1,
        updated_ms: 1_700_000_000_000,
    }
}

fn attachment(policy: &str, policy_type: PolicyType, target: &str, at: i64) -> AttachmentRecord {
    AttachmentRecord {
        policy_id: PolicyId::parse(policy).unwrap(),
        policy_type,
        target: TargetId::parse(target).unwrap(),
        attached_ms: at,
    }
}

fn target(id: &str) -> TargetId {
    TargetId::parse(id).unwrap()
}

#[tokio::test]
async fn policies_round_trip_per_organization_and_type() {
    each_engine(|store| async move {
        write(&store, |tx| {
            tx.insert_organization(&organization(ORG, 111_111_111_111, "r-abcd"))?;
            tx.insert_policy(&policy("p-aaaaaaa1", ORG, SCP, "deny"))?;
            tx.insert_policy(&policy("p-aaaaaaa2", ORG, SCP, "allow"))?;
            tx.insert_policy(&policy("p-aaaaaaa3", ORG, TAG, "deny"))?;
            tx.insert_policy(&policy("p-bbbbbbb1", OTHER, SCP, "deny"))
        })
        .await;
        let (one, other_org, named, scps, tags) = read(&store, |tx| {
            let org = org_id(ORG);
            Ok((
                tx.policy(&org, &PolicyId::parse("p-aaaaaaa1").unwrap())?,
                tx.policy(&org, &PolicyId::parse("p-bbbbbbb1").unwrap())?,
                tx.policy_named(&org, TAG, "deny")?,
                tx.policies(&org, SCP)?,
                tx.policies(&org, TAG)?,
            ))
        })
        .await;
        assert_eq!(one, Some(policy("p-aaaaaaa1", ORG, SCP, "deny")));
        assert_eq!(
            other_org, None,
            "another organization's policy is not found"
        );
        assert_eq!(named.unwrap().id.as_str(), "p-aaaaaaa3");
        let ids: Vec<String> = scps.iter().map(|p| p.id.to_string()).collect();
        assert_eq!(ids, ["p-aaaaaaa1", "p-aaaaaaa2"], "creation order");
        assert_eq!(tags.len(), 1);

        // An update replaces everything but the id, organization and type.
        let mut changed = policy("p-aaaaaaa1", ORG, SCP, "renamed");
        changed.description = "d".into();
        changed.version = 2;
        changed.updated_ms = 5;
        let stored = changed.clone();
        write(&store, move |tx| {
            tx.update_policy(&stored)?;
            tx.set_org_tags("p-aaaaaaa2", &[("k".into(), "v".into())])?;
            tx.delete_policy(&org_id(ORG), &PolicyId::parse("p-aaaaaaa2").unwrap())
        })
        .await;
        let (after, gone, tags_gone) = read(&store, |tx| {
            let org = org_id(ORG);
            Ok((
                tx.policy(&org, &PolicyId::parse("p-aaaaaaa1").unwrap())?,
                tx.policy(&org, &PolicyId::parse("p-aaaaaaa2").unwrap())?,
                tx.org_tags("p-aaaaaaa2")?,
            ))
        })
        .await;
        assert_eq!(after, Some(changed));
        assert_eq!(gone, None);
        assert!(tags_gone.is_empty(), "a deleted policy's tags go with it");
    })
    .await;
}

#[tokio::test]
async fn attachments_keep_their_order_and_go_with_target_type_or_organization() {
    each_engine(|store| async move {
        let account = acct(222_222_222_222).to_string();
        let acc = account.clone();
        write(&store, move |tx| {
            let org = org_id(ORG);
            tx.insert_organization(&organization(ORG, 111_111_111_111, "r-abcd"))?;
            tx.attach_policy(&org, &attachment("p-FullAWSAccess", SCP, "r-abcd", 1))?;
            tx.attach_policy(&org, &attachment("p-aaaaaaa1", SCP, "r-abcd", 2))?;
            tx.attach_policy(&org, &attachment("p-aaaaaaa3", TAG, "r-abcd", 3))?;
            tx.attach_policy(&org, &attachment("p-aaaaaaa1", SCP, &acc, 4))?;
            // Attaching again keeps the first attachment.
            tx.attach_policy(&org, &attachment("p-FullAWSAccess", SCP, "r-abcd", 9))?;
            tx.attach_policy(&org_id(OTHER), &attachment("p-bbbbbbb1", SCP, "r-bcde", 1))
        })
        .await;
        let acc = account.clone();
        let (root_all, root_scp, of_policy) = read(&store, move |tx| {
            let org = org_id(ORG);
            Ok((
                tx.target_attachments(&org, &target("r-abcd"), None)?,
                tx.target_attachments(&org, &target("r-abcd"), Some(SCP))?,
                tx.policy_attachments(&org, &PolicyId::parse("p-aaaaaaa1").unwrap())?,
            ))
        })
        .await;
        assert_eq!(
            root_all,
            vec![
                attachment("p-FullAWSAccess", SCP, "r-abcd", 1),
                attachment("p-aaaaaaa1", SCP, "r-abcd", 2),
                attachment("p-aaaaaaa3", TAG, "r-abcd", 3),
            ]
        );
        assert_eq!(root_scp.len(), 2);
        assert_eq!(
            of_policy,
            vec![
                attachment("p-aaaaaaa1", SCP, "r-abcd", 2),
                attachment("p-aaaaaaa1", SCP, &acc, 4),
            ]
        );

        let acc = account.clone();
        let (detached, again) = write(&store, move |tx| {
            let org = org_id(ORG);
            let p = PolicyId::parse("p-aaaaaaa1").unwrap();
            let first = tx.detach_policy(&org, &p, &target(&acc))?;
            let second = tx.detach_policy(&org, &p, &target(&acc))?;
            tx.detach_policy_type(&org, TAG)?;
            Ok((first, second))
        })
        .await;
        assert!(detached && !again, "detach says whether it was attached");
        let left = read(&store, |tx| {
            tx.target_attachments(&org_id(ORG), &target("r-abcd"), None)
        })
        .await;
        assert_eq!(left.len(), 2, "the tag policy went with its type");

        write(&store, |tx| {
            tx.detach_target(&org_id(ORG), &target("r-abcd"))
        })
        .await;
        let (root, other) = read(&store, |tx| {
            Ok((
                tx.target_attachments(&org_id(ORG), &target("r-abcd"), None)?,
                tx.target_attachments(&org_id(OTHER), &target("r-bcde"), None)?,
            ))
        })
        .await;
        assert!(root.is_empty());
        assert_eq!(other.len(), 1, "another organization keeps its attachments");
    })
    .await;
}

#[tokio::test]
async fn policy_types_and_the_resource_policy() {
    each_engine(|store| async move {
        let (first, again, off, off_again) = write(&store, |tx| {
            let org = org_id(ORG);
            tx.insert_organization(&organization(ORG, 111_111_111_111, "r-abcd"))?;
            let first = tx.set_policy_type(&org, TAG, true)?;
            let again = tx.set_policy_type(&org, TAG, true)?;
            tx.set_policy_type(&org, SCP, true)?;
            tx.set_policy_type(&org, PolicyType::BACKUP_POLICY, true)?;
            let off = tx.set_policy_type(&org, PolicyType::BACKUP_POLICY, false)?;
            let off_again = tx.set_policy_type(&org, PolicyType::BACKUP_POLICY, false)?;
            Ok((first, again, off, off_again))
        })
        .await;
        assert!(first && !again && off && !off_again);
        let types = read(&store, |tx| tx.enabled_policy_types(&org_id(ORG))).await;
        assert_eq!(types, vec![TAG, SCP], "enabling order");

        let rp = ResourcePolicyRecord {
            id: ResourcePolicyId::parse("rp-abcd1234").unwrap(),
            org_id: org_id(ORG),
            content: "{}".into(),
            updated_ms: 1,
        };
        let mut replaced = rp.clone();
        replaced.content = "{\"Version\":\"2012-10-17\"}".into();
        replaced.updated_ms = 2;
        let (a, b) = (rp.clone(), replaced.clone());
        write(&store, move |tx| {
            tx.put_resource_policy(&a)?;
            tx.put_resource_policy(&b)?;
            tx.set_org_tags("rp-abcd1234", &[("k".into(), "v".into())])
        })
        .await;
        let found = read(&store, |tx| tx.resource_policy(&org_id(ORG))).await;
        assert_eq!(found, Some(replaced));
        let (deleted, again) = write(&store, |tx| {
            Ok((
                tx.delete_resource_policy(&org_id(ORG))?,
                tx.delete_resource_policy(&org_id(ORG))?,
            ))
        })
        .await;
        assert!(deleted && !again);
        let (none, tags) = read(&store, |tx| {
            Ok((
                tx.resource_policy(&org_id(ORG))?,
                tx.org_tags("rp-abcd1234")?,
            ))
        })
        .await;
        assert_eq!(none, None);
        assert!(tags.is_empty());

        // EnableAllFeatures moves the feature set and nothing else.
        write(&store, |tx| {
            tx.set_feature_set(
                &org_id(ORG),
                sclocal_api::organizations::OrganizationFeatureSet::CONSOLIDATED_BILLING,
            )
        })
        .await;
        let org = read(&store, |tx| tx.organization(&org_id(ORG))).await;
        let mut expected = organization(ORG, 111_111_111_111, "r-abcd");
        expected.feature_set =
            sclocal_api::organizations::OrganizationFeatureSet::CONSOLIDATED_BILLING;
        assert_eq!(org, Some(expected));

        // Deleting the organization takes its policy state.
        write(&store, move |tx| {
            let org = org_id(ORG);
            tx.insert_policy(&policy("p-aaaaaaa1", ORG, SCP, "x"))?;
            tx.attach_policy(&org, &attachment("p-aaaaaaa1", SCP, "r-abcd", 1))?;
            tx.put_resource_policy(&rp)?;
            tx.delete_organization(&organization(ORG, 111_111_111_111, "r-abcd"))
        })
        .await;
        let left = read(&store, |tx| {
            let org = org_id(ORG);
            Ok((
                tx.policies(&org, SCP)?.len(),
                tx.target_attachments(&org, &target("r-abcd"), None)?.len(),
                tx.enabled_policy_types(&org)?.len(),
                tx.resource_policy(&org)?.is_none(),
            ))
        })
        .await;
        assert_eq!(left, (0, 0, 0, true));
    })
    .await;
}
