//! The few selectors the client library takes from a table (what no call builder
//! reaches) are the bundles' own, by their metadata.
use referral_client::call::selectors;
use referral_client::chain::Code;
use referral_sandbox::bundle;

#[test]
fn the_selector_table_matches_the_bundles_metadata() {
    let token = bundle(Code::Token).expect("the token's bundle");
    let metadata = token.transcoder.metadata();
    let new = metadata.spec().constructors().iter().find(|c| c.label() == "new").expect("the token has a `new` constructor");
    assert_eq!(new.selector().to_bytes(), selectors::TOKEN_NEW);
    let arguments: Vec<&str> = new.args().iter().map(|a| a.label().as_str()).collect();
    assert_eq!(arguments, ["supply", "name", "symbol", "decimals"], "the table's encoding follows these arguments");
}
