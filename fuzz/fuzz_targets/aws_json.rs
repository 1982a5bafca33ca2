//! The awsJson 1.1 body decoder and the model validator: any bytes, as the input of any
//! Service Catalog or Organizations operation (chosen by the first byte), must decode to a
//! document or a rejection, and validate to `Ok` or `Invalid`, without panicking.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sclocal_api::validate::Validator;
use sclocal_api::{organizations, servicecatalog};

fn validators() -> &'static [Validator; 2] {
    static V: OnceLock<[Validator; 2]> = OnceLock::new();
    V.get_or_init(|| {
        [
            Validator::new(&servicecatalog::MODEL),
            Validator::new(&organizations::MODEL),
        ]
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let validator = &validators()[usize::from(pick & 1)];
    let ops = validator.model().operations;
    let op = &ops[usize::from(pick >> 1) % ops.len()];
    if let Ok(doc) = sclocal_protocol::aws_json::decode(body) {
        let _ = validator.validate(op.input, &doc);
    }
});
