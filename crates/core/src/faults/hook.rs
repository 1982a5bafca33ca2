//! The fault rules as an operation hook: before every AWS operation, the rule that applies
//! (if any) makes the request wait, then answers its error in the request's own protocol
//! (`ServiceError::injected`), so the operation never runs and nothing changes. Random rolls
//! come from the injected id source (`clock.rs`), never from the thread's generator.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use sclocal_api::hook::{Call, OperationHook};
use sclocal_api::ServiceError;

use super::set::FaultSet;
use crate::clock::IdSource;

/// Applies a [`FaultSet`] before every operation.
pub struct FaultHook {
    set: Arc<FaultSet>,
    ids: Arc<dyn IdSource>,
}

impl FaultHook {
    /// A hook over `set`, rolling probabilities with `ids`.
    pub fn new(set: Arc<FaultSet>, ids: Arc<dyn IdSource>) -> Self {
        FaultHook { set, ids }
    }
}

/// A number in `[0, 1)` from 53 random bits.
fn roll(ids: &dyn IdSource) -> f64 {
    let mut buf = [0u8; 8];
    ids.fill(&mut buf);
    // 53 random bits, the width of an f64's mantissa: exact, and below 2^53.
    let n = u32::try_from(u64::from_le_bytes(buf) >> 32).unwrap_or(0);
    let m = u32::try_from(u64::from_le_bytes(buf) & 0x1f_ffff).unwrap_or(0);
    (f64::from(n) * f64::from(1u32 << 21) + f64::from(m)) / 9_007_199_254_740_992.0
}

#[async_trait]
impl OperationHook for FaultHook {
    async fn before(&self, call: &Call<'_>) -> Result<(), ServiceError> {
        let fault = self
            .set
            .decide(call.service, call.operation, &call.cx.account_id, || {
                roll(self.ids.as_ref())
            });
        let Some(fault) = fault else {
            return Ok(());
        };
        if fault.latency_ms > 0 {
            tokio::time::sleep(Duration::from_millis(fault.latency_ms)).await;
        }
        match fault.error {
            Some(e) => Err(ServiceError::injected(e.code, e.status, e.message)),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SeqIds;
    use crate::faults::parse_rules;
    use sclocal_api::RequestContext;

    #[test]
    fn rolls_stay_in_the_unit_interval() {
        let ids = SeqIds::default();
        for _ in 0..1000 {
            let r = roll(&ids);
            assert!((0.0..1.0).contains(&r), "{r}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn the_hook_waits_then_answers_the_error() {
        let set = Arc::new(FaultSet::default());
        set.replace(
            parse_rules(br#"{"rules": [{"service": "sts", "error": "Throttling", "message": "Rate exceeded", "status": 400, "latency_ms": 1500, "count": 1}]}"#)
                .unwrap(),
        );
        let hook = FaultHook::new(set.clone(), Arc::new(SeqIds::default()));
        let cx = RequestContext {
            account_id: "111111111111".into(),
            principal_arn: "arn:aws:iam::111111111111:root".into(),
            access_key_id: None,
            region: "us-east-1".into(),
            request_id: "r".into(),
        };
        let input = serde_json::json!({});
        let call = Call {
            cx: &cx,
            service: "sts",
            operation: "GetCallerIdentity",
            action: "sts:GetCallerIdentity",
            input: &input,
        };
        let started = tokio::time::Instant::now();
        let err = hook.before(&call).await.unwrap_err();
        assert!(started.elapsed() >= Duration::from_millis(1500));
        let ServiceError::Injected {
            code,
            status,
            message,
        } = err
        else {
            panic!("{err:?}")
        };
        assert_eq!(
            (code.as_str(), status, message.as_str()),
            ("Throttling", 400, "Rate exceeded")
        );
        assert!(hook.before(&call).await.is_ok(), "the count is spent");
    }
}
