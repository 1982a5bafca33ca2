//! The SigV4 `Authorization` header parser and the `X-Amz-Date` parser: any text, without
//! panicking; a header that parses must give a scope that names its own parts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sclocal_protocol::sigv4::{parse_amz_date, parse_authorization};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(auth) = parse_authorization(text) {
        let scope = auth.scope();
        assert!(scope.contains(&auth.date));
        let _ = auth.signed_headers_string();
    }
    let _ = parse_amz_date(text);
});
