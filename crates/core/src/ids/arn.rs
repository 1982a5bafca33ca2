//! An ARN's fields, split in one place: `arn:<partition>:<service>:<region>:<account>:<resource>`
//! (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html). The resource may
//! itself hold colons, so the text splits into six fields at most. Callers read the fields they
//! need; the rules of a kind of ARN (an IAM role, a SAML provider, a caller) stay with that kind.

/// The fields of an ARN, borrowed from its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arn<'a> {
    /// `aws`, `aws-cn`, `aws-us-gov`, …
    pub partition: &'a str,
    /// `iam`, `sts`, `catalog`, …
    pub service: &'a str,
    /// Empty for global services (IAM, STS principals).
    pub region: &'a str,
    /// Empty for some resources; not checked here.
    pub account: &'a str,
    /// Everything after the fifth colon.
    pub resource: &'a str,
}

impl<'a> Arn<'a> {
    /// The fields of `text`; `None` unless it starts with `arn:` and has all six.
    pub fn parse(text: &'a str) -> Option<Self> {
        let mut parts = text.splitn(6, ':');
        if parts.next()? != "arn" {
            return None;
        }
        Some(Arn {
            partition: parts.next()?,
            service: parts.next()?,
            region: parts.next()?,
            account: parts.next()?,
            resource: parts.next()?,
        })
    }

    /// An ARN of a principal (IAM or STS): a partition and no region.
    pub fn global(text: &'a str) -> Option<Self> {
        Arn::parse(text).filter(|a| !a.partition.is_empty() && a.region.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_fields_and_the_resource_keeps_its_colons() {
        let a = Arn::parse("arn:aws:logs:us-east-1:111111111111:log-group:g:*").unwrap();
        assert_eq!(
            (a.partition, a.service, a.region, a.account, a.resource),
            ("aws", "logs", "us-east-1", "111111111111", "log-group:g:*")
        );
        assert_eq!(
            Arn::parse("arn:aws:iam::1:role"),
            Some(Arn {
                partition: "aws",
                service: "iam",
                region: "",
                account: "1",
                resource: "role",
            })
        );
    }

    #[test]
    fn anything_else_is_not_an_arn() {
        for text in [
            "",
            "arn",
            "arn:aws:iam::111111111111",
            "nra:aws:iam::1:root",
            "aws:iam::1:x:y",
        ] {
            assert_eq!(Arn::parse(text), None, "{text}");
        }
        assert_eq!(Arn::global("arn:aws:s3:us-east-1:1:b"), None);
        assert_eq!(Arn::global("arn::iam::1:root"), None);
        assert!(Arn::global("arn:aws-cn:iam::1:root").is_some());
    }
}
