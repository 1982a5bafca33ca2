//! How provisioned products, records and plans look on the wire (provisioning.md §3, §12,
//! §17): built in one place. `RecordErrors` and `RecordTags` are present even when empty, as
//! AWS answers them (CLI provision-product, terminate-provisioned-product).

use sclocal_api::primitives::Timestamp;
use sclocal_api::servicecatalog::{
    ProvisionedProductAttribute, ProvisionedProductDetail, ProvisionedProductPlanDetails,
    ProvisionedProductPlanSummary, ProvisionedProductPlanType, RecordDetail, RecordError,
    RecordTag, ResourceChange, StackInstance as WireStackInstance, Tag,
    UpdateProvisioningParameter,
};

use crate::cloudformation::NO_ECHO_MASK;
use crate::store::{
    PlanChange, PlanRecord, ProvisionedProductRecord, ProvisioningRecord, StackInstance,
};

/// RecordDetail of a record.
pub(crate) fn record_detail(r: &ProvisioningRecord) -> RecordDetail {
    RecordDetail {
        record_id: Some(r.id.to_string()),
        provisioned_product_name: Some(r.provisioned_product_name.clone()),
        status: Some(r.status),
        created_time: Some(Timestamp::from_millis(r.created_ms)),
        updated_time: Some(Timestamp::from_millis(r.updated_ms)),
        provisioned_product_type: Some(r.provisioned_product_type.as_str().to_string()),
        record_type: Some(r.record_type.as_str().to_string()),
        provisioned_product_id: Some(r.provisioned_product_id.to_string()),
        product_id: Some(r.product_id.to_string()),
        provisioning_artifact_id: Some(r.artifact_id.to_string()),
        path_id: r.path_id.as_ref().map(ToString::to_string),
        record_errors: Some(
            r.errors
                .iter()
                .map(|e| RecordError {
                    code: Some(e.code.clone()),
                    description: Some(e.description.clone()),
                })
                .collect(),
        ),
        record_tags: Some(
            r.tags
                .iter()
                .map(|(k, v)| RecordTag {
                    key: Some(k.clone()),
                    value: Some(v.clone()),
                })
                .collect(),
        ),
        launch_role_arn: r.launch_role_arn.clone(),
    }
}

/// ProvisionedProductDetail of a product (DescribeProvisionedProduct, Scan).
pub(crate) fn product_detail(p: &ProvisionedProductRecord) -> ProvisionedProductDetail {
    ProvisionedProductDetail {
        name: Some(p.name.clone()),
        arn: Some(p.arn.clone()),
        r#type: Some(p.product_type.as_str().to_string()),
        id: Some(p.id.to_string()),
        status: Some(p.status),
        status_message: p.status_message.clone(),
        created_time: Some(Timestamp::from_millis(p.created_ms)),
        idempotency_token: p.idempotency_token.clone(),
        last_record_id: p.last_record_id.as_ref().map(ToString::to_string),
        last_provisioning_record_id: p
            .last_provisioning_record_id
            .as_ref()
            .map(ToString::to_string),
        last_successful_provisioning_record_id: p
            .last_successful_provisioning_record_id
            .as_ref()
            .map(ToString::to_string),
        product_id: Some(p.product_id.to_string()),
        provisioning_artifact_id: Some(p.artifact_id.to_string()),
        launch_role_arn: p.launch_role_arn.clone(),
    }
}

/// What SearchProvisionedProducts adds to a product: its names and every tag.
pub(crate) struct Attributes {
    /// ProductName, while the product exists.
    pub product_name: Option<String>,
    /// ProvisioningArtifactName, while the artifact exists.
    pub artifact_name: Option<String>,
    /// The user's tags followed by the `aws:servicecatalog:` system tags.
    pub tags: Vec<(String, String)>,
}

/// ProvisionedProductAttribute of a product (SearchProvisionedProducts).
pub(crate) fn product_attribute(
    p: &ProvisionedProductRecord,
    a: &Attributes,
) -> ProvisionedProductAttribute {
    let d = product_detail(p);
    ProvisionedProductAttribute {
        name: d.name,
        arn: d.arn,
        r#type: d.r#type,
        id: d.id,
        status: d.status,
        status_message: d.status_message,
        created_time: d.created_time,
        idempotency_token: d.idempotency_token,
        last_record_id: d.last_record_id,
        last_provisioning_record_id: d.last_provisioning_record_id,
        last_successful_provisioning_record_id: d.last_successful_provisioning_record_id,
        tags: Some(
            a.tags
                .iter()
                .map(|(k, v)| Tag {
                    key: k.clone(),
                    value: v.clone(),
                })
                .collect(),
        ),
        physical_id: p.physical_id.clone(),
        product_id: d.product_id,
        product_name: a.product_name.clone(),
        provisioning_artifact_id: d.provisioning_artifact_id,
        provisioning_artifact_name: a.artifact_name.clone(),
        user_arn: Some(p.user_arn.clone()),
        user_arn_session: Some(p.user_arn_session.clone()),
    }
}

/// A stack instance on the wire.
pub(crate) fn stack_instance(s: &StackInstance) -> WireStackInstance {
    WireStackInstance {
        account: Some(s.account.clone()),
        region: Some(s.region.clone()),
        stack_instance_status: Some(s.status),
    }
}

/// ProvisionedProductPlanDetails of a plan; the values of `no_echo` parameters (NoEcho in the
/// template) are masked, as CloudFormation masks them in every listing.
pub(crate) fn plan_detail(p: &PlanRecord, no_echo: &[String]) -> ProvisionedProductPlanDetails {
    ProvisionedProductPlanDetails {
        created_time: Some(Timestamp::from_millis(p.created_ms)),
        path_id: Some(p.path_id.to_string()),
        product_id: Some(p.product_id.to_string()),
        plan_name: Some(p.name.clone()),
        plan_id: Some(p.id.to_string()),
        provision_product_id: Some(p.provisioned_product_id.to_string()),
        provision_product_name: Some(p.provisioned_product_name.clone()),
        plan_type: Some(ProvisionedProductPlanType::CLOUDFORMATION),
        provisioning_artifact_id: Some(p.artifact_id.to_string()),
        status: Some(p.status),
        updated_time: Some(Timestamp::from_millis(p.updated_ms)),
        notification_arns: Some(p.notification_arns.clone()),
        provisioning_parameters: Some(
            p.parameters
                .iter()
                .map(|g| UpdateProvisioningParameter {
                    key: Some(g.key.clone()),
                    value: (!g.use_previous).then(|| {
                        if no_echo.contains(&g.key) {
                            NO_ECHO_MASK.to_string()
                        } else {
                            g.value.clone()
                        }
                    }),
                    use_previous_value: Some(g.use_previous),
                })
                .collect(),
        ),
        tags: Some(
            p.tags
                .iter()
                .map(|(k, v)| Tag {
                    key: k.clone(),
                    value: v.clone(),
                })
                .collect(),
        ),
        status_message: p.status_message.clone(),
    }
}

/// ProvisionedProductPlanSummary of a plan.
pub(crate) fn plan_summary(p: &PlanRecord) -> ProvisionedProductPlanSummary {
    ProvisionedProductPlanSummary {
        plan_name: Some(p.name.clone()),
        plan_id: Some(p.id.to_string()),
        provision_product_id: Some(p.provisioned_product_id.to_string()),
        provision_product_name: Some(p.provisioned_product_name.clone()),
        plan_type: Some(ProvisionedProductPlanType::CLOUDFORMATION),
        provisioning_artifact_id: Some(p.artifact_id.to_string()),
    }
}

/// A plan's ResourceChange on the wire. DEVIATION(aws): sclocal has no change set to ask, so
/// `Scope` and `Details` are empty and there is no PhysicalResourceId.
pub(crate) fn resource_change(c: &PlanChange) -> ResourceChange {
    ResourceChange {
        action: Some(c.action),
        logical_resource_id: Some(c.logical_id.clone()),
        physical_resource_id: None,
        resource_type: Some(c.resource_type.clone()),
        replacement: c.replacement,
        scope: Some(Vec::new()),
        details: Some(Vec::new()),
    }
}
