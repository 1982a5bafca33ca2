//! `Fn::Cidr [ipBlock, count, cidrBits]`: `count` consecutive subnets of `cidrBits` host bits
//! carved from `ipBlock`, IPv4 or IPv6 (CloudFormation user guide "Fn::Cidr": count 1..=256).

use std::net::{Ipv4Addr, Ipv6Addr};

use serde_json::Value;

use super::intrinsic::{scalar_text, template_error, EvalError, Evaluator};

const MALFORMED: &str = "Fn::Cidr requires a list argument with three elements: an IP block, a subnet count and the number of subnet bits";

impl Evaluator<'_> {
    /// Evaluates `Fn::Cidr`'s argument.
    pub(crate) fn cidr(&self, arg: &Value) -> Result<Value, EvalError> {
        let Some([block, count, bits]) = arg
            .as_array()
            .and_then(|a| <&[Value; 3]>::try_from(a.as_slice()).ok())
        else {
            return Err(template_error(MALFORMED));
        };
        let text = |v: &Value| -> Result<String, EvalError> {
            scalar_text(&self.value(v)?).ok_or_else(|| template_error(MALFORMED))
        };
        let number = |v: &Value| -> Result<u32, EvalError> {
            text(v)?
                .trim()
                .parse()
                .map_err(|_| template_error(MALFORMED))
        };
        let subnets = subnets(&text(block)?, number(count)?, number(bits)?).ok_or_else(|| {
            template_error("Fn::Cidr cannot carve the requested subnets from the IP block")
        })?;
        Ok(subnets.into_iter().map(Value::String).collect())
    }
}

/// The subnets, or `None` when the request does not fit the block.
pub(crate) fn subnets(block: &str, count: u32, host_bits: u32) -> Option<Vec<String>> {
    if !(1..=256).contains(&count) {
        return None;
    }
    let (address, prefix) = block.split_once('/')?;
    let prefix: u32 = prefix.parse().ok()?;
    if let Ok(v4) = address.parse::<Ipv4Addr>() {
        carve(u128::from(u32::from(v4)), prefix, 32, count, host_bits).map(|nets| {
            nets.into_iter()
                .map(|(n, p)| format!("{}/{p}", Ipv4Addr::from(u32::try_from(n).unwrap_or(0))))
                .collect()
        })
    } else {
        let v6 = address.parse::<Ipv6Addr>().ok()?;
        carve(u128::from(v6), prefix, 128, count, host_bits).map(|nets| {
            nets.into_iter()
                .map(|(n, p)| format!("{}/{p}", Ipv6Addr::from(n)))
                .collect()
        })
    }
}

/// `(network, prefix)` of each subnet in an address space of `width` bits.
fn carve(
    address: u128,
    prefix: u32,
    width: u32,
    count: u32,
    host_bits: u32,
) -> Option<Vec<(u128, u32)>> {
    if prefix > width || host_bits > width {
        return None;
    }
    let new_prefix = width - host_bits;
    if new_prefix < prefix {
        return None;
    }
    let available_bits = new_prefix - prefix;
    if available_bits < 32 && u64::from(count) > 1u64 << available_bits {
        return None;
    }
    let block_mask = if prefix == 0 {
        0
    } else {
        u128::MAX << (128 - prefix) >> (128 - width)
    };
    let network = address & block_mask;
    let step = 1u128.checked_shl(host_bits)?;
    (0..u128::from(count))
        .map(|i| Some((network.checked_add(i.checked_mul(step)?)?, new_prefix)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::subnets;

    #[test]
    fn ipv4_blocks_are_carved_in_order() {
        assert_eq!(
            subnets("10.0.0.0/16", 4, 8),
            Some(vec![
                "10.0.0.0/24".into(),
                "10.0.1.0/24".into(),
                "10.0.2.0/24".into(),
                "10.0.3.0/24".into()
            ])
        );
        assert_eq!(
            subnets("192.168.0.0/24", 2, 5),
            Some(vec!["192.168.0.0/27".into(), "192.168.0.32/27".into()])
        );
        // Host bits of the block itself are ignored.
        assert_eq!(
            subnets("10.0.7.9/16", 1, 8),
            Some(vec!["10.0.0.0/24".into()])
        );
    }

    #[test]
    fn ipv6_blocks_are_carved_too() {
        assert_eq!(
            subnets("2001:db8::/56", 2, 64),
            Some(vec!["2001:db8::/64".into(), "2001:db8:0:1::/64".into()])
        );
    }

    #[test]
    fn requests_that_do_not_fit_are_refused() {
        assert_eq!(subnets("10.0.0.0/24", 2, 8), None, "a /24 holds one /24");
        assert_eq!(subnets("10.0.0.0/16", 0, 8), None);
        assert_eq!(subnets("10.0.0.0/16", 257, 8), None);
        assert_eq!(subnets("10.0.0.0/16", 1, 33), None);
        assert_eq!(subnets("10.0.0.0/33", 1, 8), None);
        assert_eq!(subnets("10.0.0.0", 1, 8), None);
        assert_eq!(subnets("nonsense/8", 1, 8), None);
        assert_eq!(
            subnets("0.0.0.0/0", 256, 24),
            Some((0..256).map(|i| format!("{i}.0.0.0/8")).collect())
        );
    }
}
