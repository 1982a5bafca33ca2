//! How large and how deep a template may be: the bounds every reader of template bytes checks
//! before it builds anything (spec provisioning §6.2), so a hostile file cannot exhaust memory
//! or the stack.

/// The largest template CloudFormation reads from S3: 1 MB (CloudFormation quotas,
/// "Template body size in an Amazon S3 object"). Larger files are refused before parsing.
pub const MAX_TEMPLATE_BYTES: usize = 1_048_576;

/// How deeply a template may nest mappings and sequences. DEVIATION(aws): CloudFormation's
/// limit is not public; this bound keeps a hostile template from exhausting the stack of any
/// recursive walk over the parsed value, and real templates stay far below it.
pub const MAX_TEMPLATE_DEPTH: usize = 100;
