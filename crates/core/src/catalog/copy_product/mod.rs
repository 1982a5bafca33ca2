//! CopyProduct and DescribeCopyProductStatus (provisioning.md §24;
//! https://docs.aws.amazon.com/servicecatalog/latest/dg/API_CopyProduct.html): the request
//! and its checks (`request.rs`), and the job that carries the copy out (`job.rs`).

pub(crate) mod job;
pub(crate) mod request;
