//! Organizations policies: customer policies, attachments, enabled policy types and the
//! resource policy (migration 0007).

use sclocal_api::organizations::PolicyType;
use sclocal_core::ids::{OrgId, PolicyId, ResourcePolicyId, TargetId};
use sclocal_core::store::{
    AttachmentRecord, PolicyReads, PolicyRecord, PolicyWrites, ResourcePolicyRecord, StoreError,
};

use super::Tx;
use crate::args;
use crate::sql::{parsed, Row};

const POLICY_COLUMNS: &str =
    "id, org_id, policy_type, name, description, content, version, updated_ms";

fn policy_row(r: &dyn Row) -> Result<PolicyRecord, StoreError> {
    Ok(PolicyRecord {
        id: parsed(r, 0, PolicyId::parse)?,
        org_id: parsed(r, 1, OrgId::parse)?,
        policy_type: parsed(r, 2, PolicyType::from_wire)?,
        name: r.text(3)?,
        description: r.text(4)?,
        content: r.text(5)?,
        version: r.int(6)?,
        updated_ms: r.int(7)?,
    })
}

fn attachment_row(r: &dyn Row) -> Result<AttachmentRecord, StoreError> {
    Ok(AttachmentRecord {
        policy_id: parsed(r, 0, PolicyId::parse)?,
        policy_type: parsed(r, 1, PolicyType::from_wire)?,
        target: parsed(r, 2, TargetId::parse)?,
        attached_ms: r.int(3)?,
    })
}

impl PolicyReads for Tx<'_> {
    fn policy(&self, org: &OrgId, id: &PolicyId) -> Result<Option<PolicyRecord>, StoreError> {
        self.conn.first(
            &format!("SELECT {POLICY_COLUMNS} FROM org_policies WHERE id = ?1 AND org_id = ?2"),
            args![id.as_str(), org.as_str()],
            policy_row,
        )
    }

    fn policy_named(
        &self,
        org: &OrgId,
        policy_type: PolicyType,
        name: &str,
    ) -> Result<Option<PolicyRecord>, StoreError> {
        self.conn.first(
            &format!(
                "SELECT {POLICY_COLUMNS} FROM org_policies
                 WHERE org_id = ?1 AND policy_type = ?2 AND name = ?3"
            ),
            args![org.as_str(), policy_type.as_str(), name],
            policy_row,
        )
    }

    fn policies(
        &self,
        org: &OrgId,
        policy_type: PolicyType,
    ) -> Result<Vec<PolicyRecord>, StoreError> {
        self.conn.all(
            &format!(
                "SELECT {POLICY_COLUMNS} FROM org_policies WHERE org_id = ?1 AND policy_type = ?2
                 ORDER BY seq"
            ),
            args![org.as_str(), policy_type.as_str()],
            policy_row,
        )
    }

    fn target_attachments(
        &self,
        org: &OrgId,
        target: &TargetId,
        policy_type: Option<PolicyType>,
    ) -> Result<Vec<AttachmentRecord>, StoreError> {
        self.conn.all(
            "SELECT policy_id, policy_type, target_id, attached_ms FROM org_policy_attachments
             WHERE org_id = ?1 AND target_id = ?2 AND (CAST(?3 AS TEXT) IS NULL OR policy_type = ?3)
             ORDER BY seq",
            args![
                org.as_str(),
                target.as_str(),
                policy_type.map(PolicyType::as_str)
            ],
            attachment_row,
        )
    }

    fn policy_attachments(
        &self,
        org: &OrgId,
        policy: &PolicyId,
    ) -> Result<Vec<AttachmentRecord>, StoreError> {
        self.conn.all(
            "SELECT policy_id, policy_type, target_id, attached_ms FROM org_policy_attachments
             WHERE org_id = ?1 AND policy_id = ?2 ORDER BY seq",
            args![org.as_str(), policy.as_str()],
            attachment_row,
        )
    }

    fn enabled_policy_types(&self, org: &OrgId) -> Result<Vec<PolicyType>, StoreError> {
        self.conn.all(
            "SELECT policy_type FROM org_policy_types WHERE org_id = ?1 ORDER BY seq",
            args![org.as_str()],
            |r| parsed(r, 0, PolicyType::from_wire),
        )
    }

    fn resource_policy(&self, org: &OrgId) -> Result<Option<ResourcePolicyRecord>, StoreError> {
        self.conn.first(
            "SELECT id, org_id, content, updated_ms FROM org_resource_policies WHERE org_id = ?1",
            args![org.as_str()],
            |r| {
                Ok(ResourcePolicyRecord {
                    id: parsed(r, 0, ResourcePolicyId::parse)?,
                    org_id: parsed(r, 1, OrgId::parse)?,
                    content: r.text(2)?,
                    updated_ms: r.int(3)?,
                })
            },
        )
    }
}

impl PolicyWrites for Tx<'_> {
    fn insert_policy(&self, p: &PolicyRecord) -> Result<(), StoreError> {
        self.conn.execute(
            &format!("INSERT INTO org_policies ({POLICY_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
            args![
                p.id.as_str(),
                p.org_id.as_str(),
                p.policy_type.as_str(),
                &p.name,
                &p.description,
                &p.content,
                p.version,
                p.updated_ms
            ],
        )?;
        Ok(())
    }

    fn update_policy(&self, p: &PolicyRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE org_policies SET name = ?3, description = ?4, content = ?5, version = ?6,
             updated_ms = ?7 WHERE id = ?1 AND org_id = ?2",
            args![
                p.id.as_str(),
                p.org_id.as_str(),
                &p.name,
                &p.description,
                &p.content,
                p.version,
                p.updated_ms
            ],
        )?;
        Ok(())
    }

    fn delete_policy(&self, org: &OrgId, id: &PolicyId) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM org_tags WHERE resource_id = ?1",
            args![id.as_str()],
        )?;
        self.conn.execute(
            "DELETE FROM org_policies WHERE id = ?1 AND org_id = ?2",
            args![id.as_str(), org.as_str()],
        )?;
        Ok(())
    }

    fn attach_policy(&self, org: &OrgId, a: &AttachmentRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO org_policy_attachments (org_id, policy_id, policy_type, target_id,
             attached_ms) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
            args![
                org.as_str(),
                a.policy_id.as_str(),
                a.policy_type.as_str(),
                a.target.as_str(),
                a.attached_ms
            ],
        )?;
        Ok(())
    }

    fn detach_policy(
        &self,
        org: &OrgId,
        policy: &PolicyId,
        target: &TargetId,
    ) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "DELETE FROM org_policy_attachments WHERE org_id = ?1 AND policy_id = ?2
             AND target_id = ?3",
            args![org.as_str(), policy.as_str(), target.as_str()],
        )? > 0)
    }

    fn detach_policy_type(&self, org: &OrgId, policy_type: PolicyType) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM org_policy_attachments WHERE org_id = ?1 AND policy_type = ?2",
            args![org.as_str(), policy_type.as_str()],
        )?;
        Ok(())
    }

    fn detach_target(&self, org: &OrgId, target: &TargetId) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM org_policy_attachments WHERE org_id = ?1 AND target_id = ?2",
            args![org.as_str(), target.as_str()],
        )?;
        Ok(())
    }

    fn set_policy_type(
        &self,
        org: &OrgId,
        policy_type: PolicyType,
        enabled: bool,
    ) -> Result<bool, StoreError> {
        let changed = if enabled {
            self.conn.execute(
                "INSERT INTO org_policy_types (org_id, policy_type) VALUES (?1, ?2)
                 ON CONFLICT DO NOTHING",
                args![org.as_str(), policy_type.as_str()],
            )?
        } else {
            self.conn.execute(
                "DELETE FROM org_policy_types WHERE org_id = ?1 AND policy_type = ?2",
                args![org.as_str(), policy_type.as_str()],
            )?
        };
        Ok(changed > 0)
    }

    fn put_resource_policy(&self, p: &ResourcePolicyRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO org_resource_policies (org_id, id, content, updated_ms)
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT (org_id) DO UPDATE SET id = excluded.id,
             content = excluded.content, updated_ms = excluded.updated_ms",
            args![p.org_id.as_str(), p.id.as_str(), &p.content, p.updated_ms],
        )?;
        Ok(())
    }

    fn delete_resource_policy(&self, org: &OrgId) -> Result<bool, StoreError> {
        self.conn.execute(
            "DELETE FROM org_tags WHERE resource_id IN
             (SELECT id FROM org_resource_policies WHERE org_id = ?1)",
            args![org.as_str()],
        )?;
        Ok(self.conn.execute(
            "DELETE FROM org_resource_policies WHERE org_id = ?1",
            args![org.as_str()],
        )? > 0)
    }
}
