//! The STS awsQuery form decoder: any bytes parse to parameters, become the input document of
//! any STS operation (chosen by the first byte) and validate, without panicking.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sclocal_api::sts;
use sclocal_api::validate::Validator;
use sclocal_protocol::aws_query;

fn validator() -> &'static Validator {
    static V: OnceLock<Validator> = OnceLock::new();
    V.get_or_init(|| Validator::new(&sts::MODEL))
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let ops = sts::MODEL.operations;
    let op = &ops[usize::from(pick) % ops.len()];
    let params = aws_query::parse_form(body);
    let _ = aws_query::action(&params);
    let doc = aws_query::to_document(&sts::MODEL, op.input, &params);
    let _ = validator().validate(op.input, &doc);
});
