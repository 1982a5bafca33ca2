//! The Smithy RPC v2 CBOR decoder and the model validator: any bytes, as the input of any
//! Service Catalog operation (chosen by the first byte), without panicking.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sclocal_api::servicecatalog;
use sclocal_api::validate::Validator;

fn validator() -> &'static Validator {
    static V: OnceLock<Validator> = OnceLock::new();
    V.get_or_init(|| Validator::new(&servicecatalog::MODEL))
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let ops = servicecatalog::MODEL.operations;
    let op = &ops[usize::from(pick) % ops.len()];
    if let Ok(doc) = sclocal_protocol::rpc_v2_cbor::decode(body) {
        let _ = validator().validate(op.input, &doc);
    }
});
