//! The pages: the overview (`/`), a partner's dashboard (`/partners/{address or code}`)
//! and how to claim (`/claim`). Server-rendered HTML; every figure a reader may want to
//! check is marked with `data-field`.
use crate::api::{state_name, unknown_endpoint};
use crate::chart::period_chart;
use crate::html::{escape, figures, page, table};
use crate::lookup::{self, BadField};
use crate::model::{OverviewView, PartnerView, ViewError};
use crate::{Reads, Rendered, Served};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use partner_vault::ClaimRecord;
use program_governance::Program;
use referral_client::address::{hex, ss58};
use referral_client::amount::{date, factor_decimal, factor_percent, units};
use referral_client::call::request;
use referral_client::dashboard::short;
use referral_client::{AccountId, Chain};
use std::collections::HashMap;

pub fn routes<C: Chain + 'static>() -> Router<Reads<C>> {
    Router::new()
        .route("/", get(overview::<C>))
        .route("/partners/:partner", get(partner::<C>))
        .route("/claim", get(claim::<C>))
        .fallback(not_found)
}

/// A page saying why there is no page: the status, a title, the reason.
fn refusal(status: StatusCode, title: &str, text: &str) -> Rendered {
    let body = format!(
        "<section><h1>{}</h1><p id=\"error\">{}</p><p><a href=\"/\">The overview</a></p></section>",
        escape(title),
        escape(text)
    );
    Rendered::html(status, page(title, "", &body))
}

fn bad(e: BadField) -> Response {
    refusal(StatusCode::BAD_REQUEST, "Not understood", &format!("{}: {}", e.field, e.message)).into_response()
}

fn chain_failed(e: ViewError) -> Rendered {
    refusal(StatusCode::BAD_GATEWAY, "The chain did not answer", &e.0)
}

fn found(title: &str, chain: &str, body: &str) -> Rendered {
    Rendered::html(StatusCode::OK, page(title, chain, body))
}

async fn not_found(uri: Uri) -> Response {
    let path = uri.path();
    if path.starts_with("/api/") {
        return unknown_endpoint(path);
    }
    refusal(StatusCode::NOT_FOUND, "Not found", &format!("no page at {path}")).into_response()
}

async fn overview<C: Chain + 'static>(State(reads): State<Reads<C>>, uri: Uri) -> Response {
    let render = |s: &mut Served<C>| Ok(found("Overview", &s.chain, &overview_body(&s.model.overview()?)));
    reads.answer(uri.to_string(), render, chain_failed).await
}

async fn partner<C: Chain + 'static>(State(reads): State<Reads<C>>, uri: Uri, Path(partner): Path<String>) -> Response {
    let key = match lookup::partner("partner", &partner) {
        Ok(key) => key,
        Err(e) => return bad(e),
    };
    let render = move |s: &mut Served<C>| {
        Ok(match s.model.partner_by_key(&key)? {
            Some(view) => found(&format!("Partner {}", view.dashboard.name_short()), &s.chain, &partner_body(&view)),
            None => refusal(StatusCode::NOT_FOUND, "Not found", &format!("not a partner: {partner}")),
        })
    };
    reads.answer(uri.to_string(), render, chain_failed).await
}

/// The calls that claim, for whoever asks (`?for=` an address fills in `claim_for`).
async fn claim<C: Chain + 'static>(
    State(reads): State<Reads<C>>,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let account = match query.get("for").filter(|v| !v.is_empty()).map(|text| lookup::account("for", text)) {
        Some(Ok(who)) => Some(who),
        Some(Err(e)) => return bad(e),
        None => None,
    };
    let render = move |s: &mut Served<C>| {
        let suite = s.model.client.suite;
        let caller = account.unwrap_or(suite.vault);
        let claim = request(&caller, suite.vault().claim()).input;
        let claim_for = account.map(|who| request(&caller, suite.vault().claim_for(who)).input);
        let vault = suite.vault;
        Ok(found("How to claim", &s.chain, &claim_body((vault, claim, claim_for), account)))
    };
    reads.answer(uri.to_string(), render, chain_failed).await
}

fn money(value: u128) -> String {
    format!("{} units", units(value))
}

fn partner_link(account: &AccountId, label: &str) -> String {
    format!("<a href=\"/partners/{}\">{}</a>", escape(&ss58(account)), escape(label))
}

fn overview_body(v: &OverviewView) -> String {
    let t = &v.totals;
    let mut out = String::from("<section><h1>The suite</h1>");
    out += &figures(&[
        ("now", "Chain time", date(v.now)),
        ("pooled", "Staked", money(v.pooled)),
        ("shares", "Liquid shares", units(v.shares)),
        ("deposited", "Deposited to partners", money(t.deposited)),
        ("claimed", "Claimed", money(t.claimed)),
        ("pending", "Pending (challenge window)", money(t.pending)),
        ("claimable", "Claimable", money(t.claimable)),
        ("bonus_pool", "Sign-up bonus pool", money(t.bonus_pool)),
        ("running_period", "Period being accrued", v.running_period.to_string()),
    ]);
    out += "<form id=\"lookup\"><label>Is an address a partner's referee? <input name=\"address\" size=\"52\" placeholder=\"SS58 or 0x hex\"></label> <button>Look up</button> <span id=\"lookup-answer\"></span></form></section>";
    out += "<section><h2>The program in force</h2>";
    out += &match &v.program {
        Some(p) => program_html(p),
        None => "<p id=\"no-program\">No program is in force: nothing accrues.</p>".into(),
    };
    out += "</section><section><h2>Partners</h2>";
    let rows: Vec<Vec<String>> = v
        .partners
        .iter()
        .map(|d| {
            vec![
                partner_link(&d.account, &d.name_short()),
                escape(&d.codes.join(", ")),
                d.referrals.to_string(),
                units(d.referred_value),
                units(d.pending),
                units(d.claimable),
                units(d.claimed_total),
            ]
        })
        .collect();
    out +=
        &table("partners", &["partner", "codes", "referrals#", "referred units#", "pending#", "claimable#", "claimed#"], &rows);
    out += "</section><section><h2>Periods</h2>";
    let rows: Vec<Vec<String>> = v
        .periods
        .iter()
        .map(|p| {
            let record = &p.info.record;
            let hash: &[u8] = record.allocation_hash.as_ref();
            vec![
                p.info.period.to_string(),
                state_name(p.info.state).into(),
                p.epochs.map_or("-".into(), |(first, last)| format!("{first}..={last}")),
                record.count.to_string(),
                units(record.total),
                format!("<span class=\"mono\">{}</span>", hex(hash)),
                if p.verified { "<span class=\"ok\">passes</span>".into() } else { "<span class=\"bad\">fails</span>".into() },
            ]
        })
        .collect();
    out += &table("periods", &["period#", "state", "epochs", "allocations#", "total units#", "allocation hash", "verify"], &rows);
    out += "</section>";
    out
}

fn program_html(p: &Program) -> String {
    let c = &p.changes;
    let mut out = figures(&[
        ("version", "Version", format!("{} (proposal {})", p.version, p.proposal)),
        ("starts_at", "In force since", date(p.starts_at)),
        ("ends_at", "Ends", if p.ends_at == u64::MAX { "never".into() } else { date(p.ends_at) }),
        ("window_length", "Volume window", format!("{} epochs", c.window_length)),
    ]);
    if !c.benefit_tiers.is_empty() {
        let rows: Vec<Vec<String>> = c
            .benefit_tiers
            .iter()
            .map(|t| {
                vec![
                    units(t.minimum_running_volume),
                    t.minimum_epochs.to_string(),
                    format!("{}%", factor_percent(t.reward_factor)),
                    format!("{}%", factor_percent(t.discount_factor)),
                ]
            })
            .collect();
        out += "<h3>Benefit tiers</h3>";
        out +=
            &table("benefit-tiers", &["running volume from#", "epochs in the set from#", "reward#", "referee discount#"], &rows);
    }
    if !c.staking_tiers.is_empty() {
        let rows: Vec<Vec<String>> = c
            .staking_tiers
            .iter()
            .map(|t| vec![units(t.minimum_staked), format!("x{}", factor_decimal(t.reward_multiplier))])
            .collect();
        out += "<h3>Staking tiers</h3>";
        out += &table("staking-tiers", &["associated from#", "reward multiplier#"], &rows);
    }
    if let Some(l) = c.multi_level {
        out += &format!(
            "<p id=\"levels\">Rewards up the referrer chain: {}% at level one, then x{} per level, at most {} levels and {}% in all.</p>",
            factor_percent(l.level_one_factor),
            factor_decimal(l.decay_factor),
            l.max_depth,
            factor_percent(l.total_cap)
        );
    }
    if let Some(b) = c.signup_bonus {
        let earned = match (b.minimum_stake, b.hold_epochs) {
            (0, _) => String::new(),
            (minimum, 0) => format!(" for a first stake of at least {}", money(minimum)),
            (minimum, hold) => format!(
                ", earned by a first stake of at least {} kept through the {hold} epochs after the binding's",
                money(minimum)
            ),
        };
        out += &format!(
            "<p id=\"signup-bonus\">Sign-up bonus: {} to the referrer and {} to the referee, once per new address{earned}.</p>",
            money(b.referrer),
            money(b.referee)
        );
    }
    out
}

fn claim_row(c: &ClaimRecord) -> Vec<String> {
    let periods = c.periods.map_or("-".into(), |p| {
        if p.first == p.last {
            format!("{}", p.first)
        } else {
            format!("{}..={} ({} periods)", p.first, p.last, p.count)
        }
    });
    vec![
        escape(&date(c.time)),
        units(c.amount),
        units(c.bonus),
        periods,
        escape(&short(&c.paid_to)),
        escape(&short(&c.triggered_by)),
    ]
}

fn partner_body(v: &PartnerView) -> String {
    let d = &v.dashboard;
    let r = &v.running;
    let mut out = format!("<section><h1>Partner {}</h1>", escape(&d.name_short()));
    out += &figures(&[
        ("account", "Account", ss58(&d.account)),
        ("codes", "Codes", if d.codes.is_empty() { "-".into() } else { d.codes.join(", ") }),
        ("referrals", "Referrals", d.referrals.to_string()),
        ("referred_shares", "Referred stake", format!("{} shares", units(d.referred_shares))),
        ("referred_value", "Its value", money(d.referred_value)),
        ("associated", "Associated governance tokens", units(d.associated)),
        ("accrued", &format!("Accrued in period {} so far", r.period), money(r.accrued)),
        ("pending", "Pending (challenge window)", money(d.pending)),
        ("claimable", "Claimable", money(d.claimable)),
        ("claimed_total", "Claimed in total", money(d.claimed_total)),
        ("payout_address", "Paid to", ss58(&d.payout_address)),
    ]);
    out += &format!("<p><a id=\"claim-link\" href=\"/claim?for={}\">How to claim</a></p></section>", escape(&ss58(&d.account)));
    let epochs = r.epochs.map_or("no epoch ended yet".into(), |(first, last)| format!("epochs {first}..={last}"));
    out += &format!("<section><h2>Period {} ({})</h2>", r.period, escape(&epochs));
    out += &period_chart(&r.per_epoch);
    out += "</section><section><h2>Claims</h2>";
    if d.claims.is_empty() {
        out += "<p id=\"no-claims\">No claim yet.</p>";
    } else {
        let rows: Vec<Vec<String>> = d.claims.iter().map(claim_row).collect();
        out += &table("claims", &["time", "amount#", "of it bonus#", "periods", "paid to", "triggered by"], &rows);
    }
    out += "</section>";
    out
}

fn claim_body((vault, claim, claim_for): (AccountId, Vec<u8>, Option<Vec<u8>>), account: Option<AccountId>) -> String {
    let vault = ss58(&vault);
    let who = account.map_or("<your address>".to_string(), |a| ss58(&a));
    format!(
        "<section><h1>How to claim</h1>\
         <p>Claimable rewards sit in the vault at <code id=\"vault\">{vault}</code>. A claim pays the whole claimable balance to the account's payout address.</p>\
         <h2>Yourself: <code>claim()</code></h2>\
         <p>The call a wallet sends: <code>contracts.call</code> to the vault, value 0, input <code id=\"claim-input\">{claim}</code> (the message's selector; it takes no argument).</p>\
         <p>With cargo-contract (in the vault's folder, <code>contracts/partner_vault</code>, or with its <code>partner_vault.contract</code> bundle as the last argument):</p>\
         <pre><code>cargo contract call --url wss://YOUR-NODE --suri \"$PARTNER_SEED\" --contract {vault} --message claim -x</code></pre>\
         <p>With this suite's command line: <code>scripts/referral claim --url wss://YOUR-NODE --suri-file PARTNER_SEED_FILE</code>.</p>\
         <h2>For someone else: <code>claim_for(account)</code></h2>\
         <p>Anyone (a keeper) may trigger a partner's claim; the funds still go to the partner's payout address, never to the caller. Input for <code>{who_text}</code>: <code id=\"claim-for-input\">{claim_for}</code>.</p>\
         <pre><code>cargo contract call --url wss://YOUR-NODE --suri \"$KEEPER_SEED\" --contract {vault} --message claim_for --args {who_text} -x</code></pre>\
         <form><label>Fill in for an address: <input name=\"for\" size=\"52\" value=\"{who_value}\"></label> <button>Show</button></form></section>",
        vault = escape(&vault),
        claim = hex(&claim),
        claim_for = claim_for.map_or("(give an address below)".into(), |input| hex(&input)),
        who_text = escape(&who),
        who_value = account.map_or(String::new(), |a| escape(&ss58(&a))),
    )
}
