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

/// `arn:<partition>:catalog:<region>:<account>:portfolio/<id>`.
pub fn portfolio_arn(scope: &Scope, id: &PortfolioId) -> String {
    format!(
        "arn:{}:catalog:{}:{}:portfolio/{id}",
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
    fn any_id_shaped_text_parses() {
        assert!(PortfolioId::parse("port-x").is_some());
        assert!(PortfolioId::parse("not-a-portfolio").is_some());
        assert!(PortfolioId::parse("").is_none());
        assert!(PortfolioId::parse(&"x".repeat(101)).is_none());
    }
}
