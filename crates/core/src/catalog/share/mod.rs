//! Portfolio sharing: account shares, organization-node shares and their fan-out.
