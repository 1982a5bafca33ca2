//! `ProductWrites` on the Service Catalog tables.

use sclocal_core::ids::{AccountId, ArtifactId, ConstraintId, PortfolioId, ProductId, TagOptionId};
use sclocal_core::store::{
    ArtifactRecord, ConstraintRecord, PrincipalRecord, ProductLink, ProductRecord, ProductWrites,
    StoreError, TagOptionRecord,
};

use super::super::Tx;
use super::{links, tag_options};
use crate::args;

impl ProductWrites for Tx<'_> {
    fn insert_product(&self, product: &ProductRecord) -> Result<(), StoreError> {
        self.insert_product_row(product)
    }

    fn update_product(&self, product: &ProductRecord) -> Result<(), StoreError> {
        self.update_product_row(product)
    }

    fn delete_product(&self, id: &ProductId) -> Result<(), StoreError> {
        // Artifacts and links go by foreign-key cascade, TagOption links by trigger.
        self.conn
            .execute("DELETE FROM sc_products WHERE id = ?1", args![id.as_str()])?;
        Ok(())
    }

    fn insert_artifact(&self, artifact: &ArtifactRecord) -> Result<(), StoreError> {
        self.insert_artifact_row(artifact)
    }

    fn update_artifact(&self, artifact: &ArtifactRecord) -> Result<(), StoreError> {
        self.update_artifact_row(artifact)
    }

    fn delete_artifact(&self, id: &ArtifactId) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM sc_artifacts WHERE id = ?1", args![id.as_str()])?;
        Ok(())
    }

    fn insert_link(&self, link: &ProductLink) -> Result<bool, StoreError> {
        links::insert_link(self, link)
    }

    fn delete_link(
        &self,
        portfolio: &PortfolioId,
        product: &ProductId,
    ) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "DELETE FROM sc_portfolio_products WHERE portfolio_id = ?1 AND product_id = ?2",
            args![portfolio.as_str(), product.as_str()],
        )? > 0)
    }

    fn insert_principal(&self, p: &PrincipalRecord) -> Result<(), StoreError> {
        links::insert_principal(self, p)
    }

    fn delete_principal(
        &self,
        portfolio: &PortfolioId,
        account: &AccountId,
        arn: &str,
    ) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "DELETE FROM sc_principals WHERE portfolio_id = ?1 AND account = ?2 AND arn = ?3",
            args![portfolio.as_str(), account.as_str(), arn],
        )? > 0)
    }

    fn insert_tag_option(&self, option: &TagOptionRecord) -> Result<(), StoreError> {
        tag_options::insert(self, option)
    }

    fn update_tag_option(&self, option: &TagOptionRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE sc_tag_options SET value = ?2, active = ?3 WHERE id = ?1",
            args![option.id.as_str(), &option.value, option.active],
        )?;
        Ok(())
    }

    fn delete_tag_option(&self, id: &TagOptionId) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM sc_tag_options WHERE id = ?1",
            args![id.as_str()],
        )?;
        Ok(())
    }

    fn link_tag_option(&self, option: &TagOptionId, resource: &str) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "INSERT INTO sc_tag_option_links (tag_option_id, resource_id) VALUES (?1, ?2)
             ON CONFLICT DO NOTHING",
            args![option.as_str(), resource],
        )? > 0)
    }

    fn unlink_tag_option(&self, option: &TagOptionId, resource: &str) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "DELETE FROM sc_tag_option_links WHERE tag_option_id = ?1 AND resource_id = ?2",
            args![option.as_str(), resource],
        )? > 0)
    }

    fn insert_constraint(&self, constraint: &ConstraintRecord) -> Result<(), StoreError> {
        links::insert_constraint(self, constraint)
    }

    fn update_constraint(&self, c: &ConstraintRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE sc_constraints SET description = ?2, parameters = ?3 WHERE id = ?1",
            args![c.id.as_str(), c.description.as_deref(), &c.parameters],
        )?;
        Ok(())
    }

    fn delete_constraint(&self, id: &ConstraintId) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "DELETE FROM sc_constraints WHERE id = ?1",
            args![id.as_str()],
        )? > 0)
    }
}
