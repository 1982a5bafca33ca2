//! Service Catalog identifiers. AWS accepts any id-shaped text where an id is expected (the
//! model's `Id`: 1 to 100 characters) and answers "not found" for one it does not know, so
//! these parse as that and differ by type, not by format. New ids are a prefix and 13
//! characters of `[a-z2-7]` (`port-nea64toyk55kk`, aws-behavior.md §1.1).

use super::account::Scope;
use super::format::{catalog_suffix, id_type};
use crate::clock::IdSource;

/// The model's `Id` (and `TagOptionId`): 1 to 100 characters.
fn catalog_shaped(s: &str) -> bool {
    (1..=100).contains(&s.len())
}

macro_rules! catalog_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        id_type!($(#[$doc])* $name, catalog_shaped);

        impl $name {
            /// A new id: the prefix and 13 characters of `[a-z2-7]`.
            pub fn generate(ids: &dyn IdSource) -> Self {
                $name(format!(concat!($prefix, "-{}"), catalog_suffix(ids, 13)))
            }
        }
    };
}

catalog_id!(
    /// A portfolio (`port-…`).
    PortfolioId,
    "port"
);
catalog_id!(
    /// A product (`prod-…`).
    ProductId,
    "prod"
);
catalog_id!(
    /// A product view (`prodview-…`), the id end users see for a product.
    ProductViewId,
    "prodview"
);
catalog_id!(
    /// A provisioning artifact, i.e. a product version (`pa-…`).
    ArtifactId,
    "pa"
);
catalog_id!(
    /// A TagOption (`tag-…`).
    TagOptionId,
    "tag"
);
catalog_id!(
    /// A constraint (`cons-…`).
    ConstraintId,
    "cons"
);
catalog_id!(
    /// A portfolio share operation (`share-…`), the PortfolioShareToken.
    ShareToken,
    "share"
);
catalog_id!(
    /// A provisioned product (`pp-…`, provisioning.md §2).
    ProvisionedProductId,
    "pp"
);
catalog_id!(
    /// A record of a request on a provisioned product (`rec-…`, provisioning.md §2).
    RecordId,
    "rec"
);
catalog_id!(
    /// A provisioned product plan (`plan-…`, provisioning.md §2).
    PlanId,
    "plan"
);
catalog_id!(
    /// A self-service action (`act-…`, provisioning.md §22).
    ServiceActionId,
    "act"
);
catalog_id!(
    /// A CopyProduct operation (`copyproduct-…`, provisioning.md §24), the CopyProductToken.
    CopyProductToken,
    "copyproduct"
);
id_type!(
    /// A launch path (`lpv3-…`, provisioning.md §2): a portfolio through which a product is
    /// launched. AWS hands out ids of their own for paths; sclocal derives one from the
    /// portfolio and the product ([`LaunchPathId::of`]), so every reader (ListLaunchPaths,
    /// DescribeProduct, a record's PathId) names the same path the same way without storing it.
    LaunchPathId,
    catalog_shaped
);

impl LaunchPathId {
    /// The path through `portfolio` to `product`: `lpv3-` and 13 characters of `[a-z2-7]`
    /// taken from a SHA-1 of the two ids, so it is stable across restarts and instances.
    pub fn of(portfolio: &PortfolioId, product: &ProductId) -> Self {
        use sha1::{Digest as _, Sha1};
        let digest = Sha1::digest(format!("{portfolio}/{product}").as_bytes());
        let source = DigestBytes(digest.into());
        LaunchPathId(format!("lpv3-{}", catalog_suffix(&source, 13)))
    }
}

/// A digest handed to the id alphabet as if it were randomness, so derived ids use the same
/// characters as generated ones.
struct DigestBytes([u8; 20]);

impl IdSource for DigestBytes {
    fn fill(&self, buf: &mut [u8]) {
        for (b, d) in buf.iter_mut().zip(self.0.iter().cycle()) {
            *b = *d;
        }
    }
}

/// `arn:<partition>:catalog:<region>:<account>:portfolio/<id>`.
pub fn portfolio_arn(scope: &Scope, id: &PortfolioId) -> String {
    format!(
        "arn:{}:catalog:{}:{}:portfolio/{id}",
        scope.partition, scope.region, scope.account
    )
}

/// `arn:<partition>:servicecatalog:<region>:<account>:stack/<name>/<id>`, a provisioned
/// product's ARN (CLI describe-provisioned-product; Terraform asserts `stack/<name>/pp-…`).
pub fn provisioned_product_arn(scope: &Scope, name: &str, id: &ProvisionedProductId) -> String {
    format!(
        "arn:{}:servicecatalog:{}:{}:stack/{name}/{id}",
        scope.partition, scope.region, scope.account
    )
}

/// `arn:<partition>:catalog:<region>:<account>:product/<id>`.
pub fn product_arn(scope: &Scope, id: &ProductId) -> String {
    format!(
        "arn:{}:catalog:{}:{}:product/{id}",
        scope.partition, scope.region, scope.account
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SeqIds;
    use crate::ids::AccountId;

    #[test]
    fn catalog_ids_match_aws_shape() {
        let id = PortfolioId::generate(&SeqIds::default());
        assert!(
            id.as_str().starts_with("port-") && id.as_str().len() == 18,
            "{id}"
        );
        let token = ShareToken::generate(&SeqIds::default());
        assert!(token.as_str().starts_with("share-"), "{token}");
        let scope = Scope {
            account: AccountId::parse("111111111111").unwrap(),
            region: "eu-west-1".into(),
            partition: "aws",
        };
        assert_eq!(
            portfolio_arn(&scope, &PortfolioId::parse("port-abc").unwrap()),
            "arn:aws:catalog:eu-west-1:111111111111:portfolio/port-abc"
        );
    }

    #[test]
    fn launch_path_ids_are_derived_from_portfolio_and_product() {
        let (port, prod) = (
            PortfolioId::parse("port-abc").unwrap(),
            ProductId::parse("prod-xyz").unwrap(),
        );
        let path = LaunchPathId::of(&port, &prod);
        assert!(
            path.as_str().starts_with("lpv3-") && path.as_str().len() == 18,
            "{path}"
        );
        assert!(path.as_str()[5..]
            .bytes()
            .all(|c| matches!(c, b'a'..=b'z' | b'2'..=b'7')));
        assert_eq!(path, LaunchPathId::of(&port, &prod));
        let other = PortfolioId::parse("port-abd").unwrap();
        assert_ne!(path, LaunchPathId::of(&other, &prod));
        assert!(RecordId::generate(&SeqIds::default())
            .as_str()
            .starts_with("rec-"));
        assert!(ProvisionedProductId::generate(&SeqIds::default())
            .as_str()
            .starts_with("pp-"));
    }

    #[test]
    fn any_id_shaped_text_parses() {
        assert!(PortfolioId::parse("port-x").is_some());
        assert!(PortfolioId::parse("not-a-portfolio").is_some());
        assert!(PortfolioId::parse("").is_none());
        assert!(PortfolioId::parse(&"x".repeat(101)).is_none());
    }
}
