//! The web dashboard and the JSON API as a user runs them: a month through the command
//! line, then `referral serve` (the binary, on a free port) over the saved sandbox; a
//! real HTTP client asks every endpoint and every error, a real headless browser (Debian's
//! chromium) renders the pages, and 50 clients send 5,000 requests. Every figure shown is
//! compared with the chain's, read through the client library from the same saved state.
mod common;

use common::{month, ok, scratch, On};
use referral_client::address::{hex, ss58};
use referral_client::amount::units_exact;
use referral_client::{Accounts, PSP22 as _};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

/// The month's chain, served in this process (the server's threads end with it).
struct Fixture {
    base: String,
    state: PathBuf,
}

/// A `referral serve` process, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = scratch("server");
        let state = dir.join("sandbox.state");
        let on = On::Sandbox(state.clone());
        ok(&on, &["init"], "embedded sandbox");
        month(&on, &dir);
        // Two epochs of the next period with rewards: its accrual and chart have figures.
        ok(&on, &["report-rewards", "--amount", "10"], "in epoch 10");
        ok(&on, &["advance", "1d"], "epoch 11");
        ok(&on, &["report-rewards", "--amount", "20"], "in epoch 11");
        ok(&on, &["advance", "1d"], "epoch 12");
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        let base = format!("http://{}", listener.local_addr().expect("its address"));
        let served_state = state.clone();
        std::thread::spawn(move || {
            let mut served = referral_sandbox::saved::served(&served_state).expect("the saved sandbox loads");
            referral_server::serve(&mut served, listener, std::future::pending()).expect("the server runs");
        });
        Fixture { base, state }
    })
}

/// GET `path`: the status and the body.
fn get(path: &str) -> (u16, String) {
    get_from(&fixture().base, path)
}

fn get_from(base: &str, path: &str) -> (u16, String) {
    let url = format!("{base}{path}");
    match ureq::get(&url).timeout(Duration::from_secs(60)).call() {
        Ok(response) => (response.status(), response.into_string().expect("a text body")),
        Err(ureq::Error::Status(status, response)) => (status, response.into_string().expect("a text body")),
        Err(e) => panic!("GET {url}: {e}"),
    }
}

fn get_json(path: &str) -> (u16, Value) {
    let (status, body) = get(path);
    (status, serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: not JSON ({e}): {body}")))
}

fn ok_json(path: &str) -> Value {
    let (status, body) = get_json(path);
    assert_eq!(status, 200, "GET {path}: {body}");
    body
}

/// The chain's own figures, read through the library from the served state.
fn chain() -> referral_client::Client<referral_sandbox::Sandbox> {
    referral_sandbox::saved::load(&fixture().state).expect("the saved sandbox loads")
}

fn hex_of(who: &referral_client::AccountId) -> String {
    let bytes: &[u8] = who.as_ref();
    hex(bytes)
}

/// What a newcomer runs after `scripts/demo`: the binary serves the saved sandbox on the
/// port it prints, and sees a command's change at the next request.
#[test]
fn referral_serve_serves_the_saved_sandbox_and_follows_its_changes() {
    let state = fixture().state.clone();
    let dir = scratch("serve-binary");
    let copy = dir.join("sandbox.state");
    std::fs::copy(&state, &copy).expect("a copy of the month");
    let mut child = Command::new(env!("CARGO_BIN_EXE_referral"))
        .args(["--state", copy.to_str().expect("a UTF-8 path"), "serve", "--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("referral serve starts");
    let stdout = child.stdout.take().expect("its output");
    let server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("its first line");
    let base = line.split("at ").nth(1).and_then(|rest| rest.split('/').nth(2)).map(|host| format!("http://{host}"));
    let base = base.unwrap_or_else(|| panic!("no address in {line:?}"));
    assert!(line.contains("embedded sandbox"), "{line}");
    let claimable = |base: &str| {
        let (status, body) = get_from(base, "/api/v1/partners/eve");
        assert_eq!(status, 200, "{body}");
        serde_json::from_str::<Value>(&body).expect("JSON")["claimable"].clone()
    };
    assert_ne!(claimable(&base), "0", "Eve has not claimed yet");
    ok(&On::Sandbox(copy.clone()), &["claim", "--as", "eve"], "claimed ");
    std::thread::sleep(referral_server::REFRESH_INTERVAL);
    assert_eq!(claimable(&base), "0", "the claim shows at the next request");
    drop(server);
    std::fs::remove_dir_all(&dir).expect("the scratch directory goes");
}

#[test]
fn an_integrator_asks_whether_an_address_belongs_to_a_partner_in_ss58_or_hex() {
    let who = Accounts::named();
    let mut chain = chain();
    let epoch = chain.query(chain.suite.staking().bound_epoch(who.alice)).unwrap();
    for address in [ss58(&who.alice), hex_of(&who.alice)] {
        let alice = ok_json(&format!("/api/v1/accounts/{address}/partner"));
        assert_eq!(alice["account"], ss58(&who.alice));
        assert_eq!(alice["bound"], true);
        assert_eq!(alice["partner"], ss58(&who.bob));
        assert_eq!(alice["partner_hex"], hex_of(&who.bob));
        assert_eq!(alice["partner_codes"], serde_json::json!(["bob"]));
        assert_eq!(alice["binding_epoch"].as_u64(), epoch.map(u64::from));
        assert_eq!(alice["can_be_bound"], false);
    }
    // Held the token without a code: not bound, and never bindable.
    let buyer = ok_json(&format!("/api/v1/accounts/{}/partner", ss58(&who.dex_buyer)));
    assert_eq!((&buyer["bound"], &buyer["has_held"], &buyer["can_be_bound"]), (&false.into(), &true.into(), &false.into()));
    // A brand-new address can still be bound.
    let fresh = ok_json(&format!("/api/v1/accounts/{}/partner", hex(&[0x42; 32])));
    assert_eq!((&fresh["bound"], &fresh["can_be_bound"], &fresh["partner"]), (&false.into(), &true.into(), &Value::Null));
    let bob = ok_json(&format!("/api/v1/accounts/{}/partner", ss58(&who.bob)));
    assert_eq!(bob["is_partner"], true);
}

#[test]
fn a_partner_reads_its_figures_by_code_or_address_equal_to_the_chains() {
    let who = Accounts::named();
    let mut chain = chain();
    let vault = chain.suite.vault();
    let by_code = ok_json("/api/v1/partners/BOB");
    assert_eq!(by_code, ok_json(&format!("/api/v1/partners/{}", ss58(&who.bob))));
    assert_eq!(by_code["decimals"], 12);
    assert_eq!(by_code["codes"], serde_json::json!(["bob"]));
    assert_eq!(by_code["referrals"], 1);
    let stats = chain.query(chain.suite.staking().partner_stats(who.bob)).unwrap();
    assert_eq!(by_code["referred_shares"], units_exact(stats.referred_shares));
    for (field, value) in [
        ("claimable", chain.query(vault.claimable_of(who.bob)).unwrap()),
        ("pending", chain.query(vault.pending_of(who.bob)).unwrap()),
        ("claimed_total", chain.query(vault.claimed_total_of(who.bob)).unwrap()),
    ] {
        assert_eq!(by_code[field], units_exact(value), "{field}");
    }
    assert_ne!(by_code["claimed_total"], "0", "Bob's reward was claimed for him");
    let claims = by_code["claims"].as_array().expect("a claim history");
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0]["triggered_by"], ss58(&who.distributor));
    assert_eq!(claims[0]["periods"], serde_json::json!({ "first": 1, "last": 1, "count": 1 }));

    // The running period: period 2 from epoch 3, epochs 3..=11 ended; fees in 10 and 11
    // only. Alice's 150 of the 175 shares are Bob's: 857,142 ppm of TVL.
    let running = &by_code["running_period"];
    assert_eq!(running["period"], 2);
    assert_eq!(running["epochs"], serde_json::json!({ "first": 3, "last": 11 }));
    let per_epoch = running["per_epoch"].as_array().expect("epochs");
    assert_eq!(per_epoch.len(), 9);
    assert!(per_epoch.iter().all(|p| p["share_of_tvl_ppm"] == 857_142), "{per_epoch:?}");
    let rewards: Vec<&str> = per_epoch.iter().map(|p| p["reward"].as_str().expect("an amount")).collect();
    assert_eq!(&rewards[..7], &["0"; 7]);
    // The operator's own computation of the same epochs gives the same accrual.
    let file =
        referral_client::operator::allocation_file(&mut chain, 2, (3, 11), &mut referral_client::progress::Transcript::default())
            .unwrap();
    let bob_line = file.allocations.iter().find(|a| a.account == who.bob).expect("Bob earns").amount;
    assert_eq!(running["accrued"], units_exact(bob_line));
    // Epoch 11's fee is twice epoch 10's: so is Bob's reward (to the last unit, give or take one).
    let unit = |s: &str| referral_client::amount::parse_units(s).unwrap();
    let (ten, eleven) = (unit(rewards[7]), unit(rewards[8]));
    assert!(ten > 0 && eleven.abs_diff(2 * ten) <= 1, "{ten} {eleven}");
    assert_eq!(ten + eleven, bob_line);
}

#[test]
fn periods_and_the_program_read_as_the_vault_and_governance_keep_them() {
    let mut chain = chain();
    let period = ok_json("/api/v1/periods/1");
    let info = chain.query(chain.suite.vault().period_info(1)).unwrap().expect("period 1");
    assert_eq!(period["state"], "claimable");
    assert_eq!(period["allocation_hash"], hex(info.record.allocation_hash.as_ref()));
    assert_eq!(period["total"], units_exact(info.record.total));
    assert_eq!(period["count"], 2);
    assert_eq!(period["epochs"], serde_json::json!({ "first": 1, "last": 2 }));
    assert_eq!(period["verified"], true);
    let program = ok_json("/api/v1/program");
    let in_force = chain.query(chain.suite.governance().current_program()).unwrap().expect("a program");
    assert_eq!(program["version"], in_force.version);
    assert_eq!(program["starts_at"]["ms"], in_force.starts_at);
    assert_eq!(program["benefit_tiers"][0]["reward_factor"], "0.5");
    assert_eq!(ok_json("/api/v1")["version"], 1);
}

#[test]
fn bad_input_gets_a_clear_answer_and_the_server_goes_on() {
    let cases: [(&str, u16, Option<&str>, &str); 9] = [
        ("/api/v1/accounts/5Grw-not-an-address/partner", 400, Some("address"), "not an address"),
        ("/api/v1/accounts/0x1234/partner", 400, Some("address"), "not an address"),
        ("/api/v1/partners/a%20b", 400, Some("partner"), "referral code"),
        ("/api/v1/partners/nobody", 404, None, "not a partner: nobody"),
        ("/api/v1/partners/0x4242424242424242424242424242424242424242424242424242424242424242", 404, None, "not a partner"),
        ("/api/v1/periods/0", 400, Some("period"), "not a period number"),
        ("/api/v1/periods/x", 400, Some("period"), "not a period number"),
        ("/api/v1/periods/9", 404, None, "no period 9"),
        ("/api/v1/nothing", 404, None, "no such endpoint"),
    ];
    for (path, status, field, message) in cases {
        let (got, body) = get_json(path);
        assert_eq!(got, status, "GET {path}: {body}");
        assert_eq!(body["field"].as_str(), field, "GET {path}: {body}");
        assert!(body["error"].as_str().is_some_and(|e| e.contains(message)), "GET {path}: {body}");
    }
    let (status, page) = get("/partners/a%20b");
    assert_eq!(status, 400);
    assert!(page.contains("<p id=\"error\">partner: neither an address"), "{page}");
    assert_eq!(get("/no/such/page").0, 404);
    let (status, page) = get("/claim?for=not-an-address");
    assert_eq!(status, 400);
    assert!(page.contains("<p id=\"error\">for: not an address"), "{page}");
    assert_eq!(ok_json("/api/v1/partners/eve")["codes"], serde_json::json!(["eve"]));
}

#[test]
fn the_claim_page_gives_the_calls_a_wallet_sends() {
    let who = Accounts::named();
    let chain = chain();
    let vault = chain.suite.vault;
    let (status, page) = get(&format!("/claim?for={}", ss58(&who.bob)));
    assert_eq!(status, 200, "{page}");
    assert!(page.contains(&format!("<code id=\"vault\">{}</code>", ss58(&vault))), "{page}");
    let claim = referral_client::call::request(&who.bob, chain.suite.vault().claim()).input;
    let claim_for = referral_client::call::request(&who.bob, chain.suite.vault().claim_for(who.bob)).input;
    assert!(page.contains(&format!("<code id=\"claim-input\">{}</code>", hex(&claim))), "{page}");
    assert!(page.contains(&format!("<code id=\"claim-for-input\">{}</code>", hex(&claim_for))), "{page}");
    let (status, page) = get("/claim");
    assert_eq!(status, 200);
    assert!(page.contains("(give an address below)"), "{page}");
}

/// Debian's chromium, headless, as the machine's notes start it.
fn chromium(args: &[&str], url: &str) -> String {
    let profile = scratch("chromium-profile");
    let output = Command::new("/usr/bin/chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"])
        .args(["--disable-background-networking", "--disable-component-update", "--disable-sync"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .output()
        .expect("chromium runs (scripts/test installs Debian's chromium when it is missing)");
    let _ = std::fs::remove_dir_all(&profile);
    assert!(output.status.success(), "chromium failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The text of the element marked `data-field="field"` in `dom`.
fn field<'a>(dom: &'a str, field: &str) -> &'a str {
    let marker = format!("data-field=\"{field}\">");
    let after = dom.split(&marker).nth(1).unwrap_or_else(|| panic!("no {field} in the page"));
    after.split('<').next().unwrap_or("")
}

#[test]
fn the_partner_page_in_a_headless_browser_shows_the_chains_figures_and_draws_the_chart() {
    let who = Accounts::named();
    let mut chain = chain();
    let url = format!("{}/partners/bob", fixture().base);
    let dom = chromium(&["--dump-dom"], &url);
    let units = |v: u128| format!("{} units", referral_client::amount::units(v));
    let vault = chain.suite.vault();
    assert_eq!(field(&dom, "claimable"), units(chain.query(vault.claimable_of(who.bob)).unwrap()));
    assert_eq!(field(&dom, "claimed_total"), units(chain.query(vault.claimed_total_of(who.bob)).unwrap()));
    assert_eq!(field(&dom, "referrals"), "1");
    assert_eq!(field(&dom, "account"), ss58(&who.bob));
    let api = ok_json("/api/v1/partners/bob");
    let accrued = referral_client::amount::parse_units(api["running_period"]["accrued"].as_str().unwrap()).unwrap();
    assert_eq!(field(&dom, "accrued"), units(accrued));
    // The chart: a bar and a point per ended epoch, the tallest bar epoch 11's.
    assert!(dom.contains("data-epochs=\"9\""), "no chart in the page");
    assert_eq!(dom.matches("<rect class=\"reward\"").count(), 9);
    assert_eq!(dom.matches("<circle class=\"share\"").count(), 9);
    assert!(dom.contains("height=\"196\" fill=\"#5b7ce0\" data-epoch=\"11\""), "epoch 11 fills the chart");

    let shots = std::env::var_os("REFERRAL_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cache/referral-suite"))
        .join("screenshots");
    std::fs::create_dir_all(&shots).expect("the screenshot directory");
    for (name, path) in [("partner-bob.png", "/partners/bob"), ("overview.png", "/")] {
        let shot = shots.join(name);
        let _ = std::fs::remove_file(&shot);
        chromium(&[&format!("--screenshot={}", shot.display()), "--window-size=1280,1400"], &format!("{}{path}", fixture().base));
        let png = std::fs::read(&shot).unwrap_or_else(|e| panic!("{}: {e}", shot.display()));
        assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "{} is not a page's picture", shot.display());
        println!("screenshot: {}", shot.display());
    }

    // The overview: the period verified, the program's end, every partner listed.
    let overview = chromium(&["--dump-dom"], &format!("{}/", fixture().base));
    assert!(overview.contains("<span class=\"ok\">passes</span>"), "period 1 verifies");
    assert!(overview.contains("/partners/") && overview.contains(">eve<"), "the partners are listed");
    let shares = chain.query(chain.suite.staking().total_supply()).unwrap();
    assert_eq!(field(&overview, "shares"), referral_client::amount::units(shares));
}

#[test]
fn fifty_clients_send_five_thousand_requests_without_an_error() {
    let who = Accounts::named();
    let paths = [
        format!("/api/v1/accounts/{}/partner", ss58(&who.alice)),
        "/api/v1/partners/bob".to_string(),
        "/api/v1/periods/1".to_string(),
        "/api/v1/program".to_string(),
        "/partners/eve".to_string(),
    ];
    for path in &paths {
        assert_eq!(get(path).0, 200, "{path}");
    }
    let report = common::load::run(&fixture().base, &paths, 50, 100);
    assert_eq!(report.requests, 5_000);
    assert!(report.failures.is_empty(), "{} failures, the first: {:?}", report.failures.len(), report.failures.first());
    println!(
        "load: {} requests from {} clients in {:.2} s ({:.0}/s), latency p50 {:.1} ms, p99 {:.1} ms",
        report.requests,
        report.clients,
        report.elapsed.as_secs_f64(),
        report.per_second(),
        report.quantile(0.50).as_secs_f64() * 1e3,
        report.quantile(0.99).as_secs_f64() * 1e3,
    );
}
