//! `/api/v1`: JSON for integrators. Amounts are decimal strings in units of the token
//! (`"1.5"`; `decimals` says how many places an amount can have), addresses SS58 with
//! their hex beside them, times milliseconds since 1970 with an ISO form. A malformed
//! segment answers 400 naming the field, an unknown one 404, a chain that fails 502:
//! always `{"error": ..., "field"?: ...}`.
use crate::lookup::{self, BadField};
use crate::model::{AccountView, PartnerView, PeriodView, ViewError};
use crate::{Reads, Rendered, Served};
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use partner_vault::{ClaimRecord, PeriodRange, PeriodState, PeriodStatus};
use program_governance::Program;
use referral_client::address::{hex, ss58};
use referral_client::amount::{factor_decimal, units_exact};
use referral_client::constants::DECIMALS;
use referral_client::{AccountId, Chain};
use serde_json::{json, Value};

pub fn routes<C: Chain + 'static>() -> Router<Reads<C>> {
    Router::new()
        .route("/api/v1", get(endpoints))
        .route("/api/v1/accounts/:address/partner", get(account_partner::<C>))
        .route("/api/v1/partners/:partner", get(partner::<C>))
        .route("/api/v1/periods/:period", get(period::<C>))
        .route("/api/v1/program", get(program::<C>))
}

/// 400, naming the field: answered at once, without the chain.
pub fn bad(e: BadField) -> Response {
    Rendered::json(StatusCode::BAD_REQUEST, &json!({ "error": e.message, "field": e.field })).into_response()
}

pub fn not_found(what: String) -> Rendered {
    Rendered::json(StatusCode::NOT_FOUND, &json!({ "error": what }))
}

/// 502: the chain did not answer (never kept).
fn chain_failed(e: ViewError) -> Rendered {
    Rendered::json(StatusCode::BAD_GATEWAY, &json!({ "error": format!("reading the chain: {e}") }))
}

fn found(body: Value) -> Rendered {
    Rendered::json(StatusCode::OK, &body)
}

async fn endpoints() -> Json<Value> {
    Json(json!({
        "version": 1,
        "decimals": DECIMALS,
        "endpoints": [
            "GET /api/v1/accounts/{address}/partner",
            "GET /api/v1/partners/{address or code}",
            "GET /api/v1/periods/{n}",
            "GET /api/v1/program",
        ],
    }))
}

async fn account_partner<C: Chain + 'static>(State(reads): State<Reads<C>>, uri: Uri, Path(address): Path<String>) -> Response {
    let who = match lookup::account("address", &address) {
        Ok(who) => who,
        Err(e) => return bad(e),
    };
    reads.answer(uri.to_string(), move |s| Ok(found(account_json(&s.model.account(who)?))), chain_failed).await
}

async fn partner<C: Chain + 'static>(State(reads): State<Reads<C>>, uri: Uri, Path(partner): Path<String>) -> Response {
    let key = match lookup::partner("partner", &partner) {
        Ok(key) => key,
        Err(e) => return bad(e),
    };
    let render = move |s: &mut Served<C>| {
        Ok(match s.model.partner_by_key(&key)? {
            Some(view) => found(partner_json(&view)),
            None => not_found(format!("not a partner: {partner}")),
        })
    };
    reads.answer(uri.to_string(), render, chain_failed).await
}

async fn period<C: Chain + 'static>(State(reads): State<Reads<C>>, uri: Uri, Path(period): Path<String>) -> Response {
    let n = match lookup::period("period", &period) {
        Ok(n) => n,
        Err(e) => return bad(e),
    };
    let render = move |s: &mut Served<C>| {
        Ok(match s.model.period(n)? {
            Some(view) => found(period_json(&view)),
            None => not_found(format!("no period {n} in the vault")),
        })
    };
    reads.answer(uri.to_string(), render, chain_failed).await
}

async fn program<C: Chain + 'static>(State(reads): State<Reads<C>>, uri: Uri) -> Response {
    let render = |s: &mut Served<C>| {
        Ok(match s.model.program()? {
            Some(program) => found(program_json(&program)),
            None => not_found("no program in force".into()),
        })
    };
    reads.answer(uri.to_string(), render, chain_failed).await
}

/// JSON 404 for a path under `/api/` that names no endpoint.
pub fn unknown_endpoint(path: &str) -> Response {
    not_found(format!("no such endpoint: {path} (GET /api/v1 lists them)")).into_response()
}

fn address(who: &AccountId) -> Value {
    Value::String(ss58(who))
}

fn address_hex(who: &AccountId) -> Value {
    let bytes: &[u8] = who.as_ref();
    Value::String(hex(bytes))
}

fn amount(value: u128) -> Value {
    Value::String(units_exact(value))
}

fn time(ms: u64) -> Value {
    json!({ "ms": ms, "utc": referral_client::amount::date(ms) })
}

fn range(r: &PeriodRange) -> Value {
    json!({ "first": r.first, "last": r.last, "count": r.count })
}

fn epochs(e: Option<(u32, u32)>) -> Value {
    e.map_or(Value::Null, |(first, last)| json!({ "first": first, "last": last }))
}

pub fn account_json(v: &AccountView) -> Value {
    json!({
        "account": address(&v.account),
        "account_hex": address_hex(&v.account),
        "bound": v.partner.is_some(),
        "partner": v.partner.as_ref().map(address),
        "partner_hex": v.partner.as_ref().map(address_hex),
        "partner_codes": v.partner_codes,
        "binding_epoch": v.bound_epoch,
        "has_held": v.has_held,
        "can_be_bound": v.can_be_bound,
        "is_partner": v.is_partner,
    })
}

fn claim_json(c: &ClaimRecord) -> Value {
    json!({
        "amount": amount(c.amount),
        "bonus": amount(c.bonus),
        "time": time(c.time),
        "paid_to": address(&c.paid_to),
        "triggered_by": address(&c.triggered_by),
        "periods": c.periods.as_ref().map(range),
    })
}

pub fn partner_json(v: &PartnerView) -> Value {
    let d = &v.dashboard;
    let r = &v.running;
    json!({
        "decimals": DECIMALS,
        "account": address(&d.account),
        "account_hex": address_hex(&d.account),
        "codes": d.codes,
        "referrals": d.referrals,
        "referred_shares": amount(d.referred_shares),
        "referred_value": amount(d.referred_value),
        "associated": amount(d.associated),
        "pending": amount(d.pending),
        "claimable": amount(d.claimable),
        "claimed_total": amount(d.claimed_total),
        "payout_address": address(&d.payout_address),
        "claims": d.claims.iter().map(claim_json).collect::<Vec<_>>(),
        "running_period": {
            "period": r.period,
            "epochs": epochs(r.epochs),
            "accrued": amount(r.accrued),
            "per_epoch": r.per_epoch.iter().map(|p| json!({
                "epoch": p.epoch,
                "share_of_tvl_ppm": p.share_ppm(),
                "referred_share_seconds": p.referred_share_seconds.to_string(),
                "total_share_seconds": p.total_share_seconds.to_string(),
                "reward": amount(p.reward),
            })).collect::<Vec<_>>(),
        },
    })
}

/// A period's state as the API and the pages name it.
pub fn state_name(state: PeriodState) -> &'static str {
    match state {
        PeriodState::Open => "open",
        PeriodState::Pending { .. } => "pending",
        PeriodState::Claimable => "claimable",
        PeriodState::Revoked => "revoked",
    }
}

pub fn period_json(v: &PeriodView) -> Value {
    let record = &v.info.record;
    let hash: &[u8] = record.allocation_hash.as_ref();
    let (sealed_at, pending_until) = match record.status {
        PeriodStatus::Sealed { sealed_at, pending_until } => (Some(time(sealed_at)), Some(time(pending_until))),
        _ => (None, None),
    };
    json!({
        "decimals": DECIMALS,
        "period": v.info.period,
        "state": state_name(v.info.state),
        "start": time(record.start),
        "end": time(record.end),
        "epochs": epochs(v.epochs),
        "allocation_hash": hex(hash),
        "total": amount(record.total),
        "count": record.count,
        "chunks": record.chunks,
        "distributor": address(&record.distributor),
        "opened_at": time(record.opened_at),
        "sealed_at": sealed_at,
        "pending_until": pending_until,
        "verified": v.verified,
    })
}

pub fn program_json(p: &Program) -> Value {
    let c = &p.changes;
    json!({
        "decimals": DECIMALS,
        "version": p.version,
        "proposal": p.proposal,
        "starts_at": time(p.starts_at),
        "ends_at": time(p.ends_at),
        "window_length": c.window_length,
        "benefit_tiers": c.benefit_tiers.iter().map(|t| json!({
            "minimum_running_volume": amount(t.minimum_running_volume),
            "minimum_epochs": t.minimum_epochs,
            "reward_factor": factor_decimal(t.reward_factor),
            "discount_factor": factor_decimal(t.discount_factor),
        })).collect::<Vec<_>>(),
        "staking_tiers": c.staking_tiers.iter().map(|t| json!({
            "minimum_staked": amount(t.minimum_staked),
            "reward_multiplier": factor_decimal(t.reward_multiplier),
        })).collect::<Vec<_>>(),
        "multi_level": c.multi_level.map(|l| json!({
            "level_one_factor": factor_decimal(l.level_one_factor),
            "decay_factor": factor_decimal(l.decay_factor),
            "max_depth": l.max_depth,
            "total_cap": factor_decimal(l.total_cap),
        })),
        "signup_bonus": c.signup_bonus.map(|b| json!({
            "referrer": amount(b.referrer),
            "referee": amount(b.referee),
            "minimum_stake": amount(b.minimum_stake),
            "hold_epochs": b.hold_epochs,
        })),
    })
}
