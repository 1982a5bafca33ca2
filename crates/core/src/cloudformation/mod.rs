//! CloudFormation templates as Service Catalog uses them (spec provisioning §6, §7, §9.5, §10,
//! §16): where a template file is ([`url`]), what it declares ([`template`]), which parameter
//! values a launch ends up with ([`parameters`]), which TEMPLATE-constraint and template rules
//! they break ([`rules`]) and what the outputs read ([`outputs`]).
//!
//! Everything here is pure: the bytes of a template come through the [`TemplateSource`] trait,
//! implemented by the server over `--templates DIR`. Without it every artifact stays opaque.

mod cidr;
mod condition;
pub mod error;
mod intrinsic;
mod limits;
pub mod outputs;
mod parameter_error;
pub mod parameter_spec;
pub mod parameters;
pub mod pseudo;
pub mod rules;
mod source;
mod sub;
pub mod template;
pub mod url;
mod yaml;

pub use error::TemplateError;
pub use limits::{MAX_TEMPLATE_BYTES, MAX_TEMPLATE_DEPTH};
pub use outputs::{resolve_outputs, OutputError, ResolvedOutput};
pub use parameter_spec::{Bound, ParameterKind, ParameterSpec};
pub use parameters::{
    resolve_parameters, GivenParameter, GivenValue, ParameterError, ResolvedParameter,
    ResolvedParameters, ValueSource, NO_ECHO_MASK,
};
pub use pseudo::StackContext;
pub use rules::{check_rules, rules_usage_instruction, RuleError};
pub use source::{read_template, NoTemplates, TemplateRead, TemplateSource, TemplateSourceError};
pub use template::{OutputSpec, ResourceSpec, Template};
pub use url::S3Location;
