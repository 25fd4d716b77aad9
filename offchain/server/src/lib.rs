//! The suite on the web: the partner dashboard and the overview as server-rendered pages
//! (with their charts drawn server-side as SVG), and a versioned JSON API for
//! integrators, over the client library on any chain backend.
//!
//! The client (and the chain under it: drink's in-process runtime or a node's
//! connection) stays on the thread that calls [`serve`]; the HTTP server runs on a tokio
//! runtime of its own and hands that thread one read at a time. A read that fails or
//! panics answers its request with an error and the server goes on.
//!
//! - [`model`]: what the pages and the API show, read from the chain;
//! - `api`: `/api/v1/...`, JSON; `pages`: `/`, `/partners/{who}`, `/claim`.
pub mod model;

mod api;
mod chart;
mod html;
mod lookup;
mod pages;

pub use model::{Model, ViewError, ViewResult};

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use referral_client::Chain;
use std::collections::HashMap;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How often the model is brought up to the chain's head (a reloaded sandbox file, a
/// node's new blocks): at most once per interval, before the read that finds it stale.
pub const REFRESH_INTERVAL: Duration = Duration::from_secs(1);

/// Answers kept at most (then all are dropped and made again as asked).
const MAX_ANSWERS: usize = 10_000;

/// How a model keeps up with its chain: `Ok(true)` when the chain moved (a reloaded
/// sandbox file, a node's new block); an `Err` is shown to the reader it met.
pub type Refresh<C> = Box<dyn FnMut(&mut Model<C>) -> Result<bool, String>>;

/// The model, how it keeps up with its chain, and the answers given since it last moved.
pub struct Served<C> {
    pub model: Model<C>,
    refresh: Refresh<C>,
    /// The chain, as the pages name it.
    pub chain: String,
    refreshed: Option<Instant>,
    /// Answers by request path: a view is a function of the chain's state, so an answer
    /// stands until the chain moves.
    answers: HashMap<String, Rendered>,
}

impl<C: Chain> Served<C> {
    pub fn new(model: Model<C>, refresh: Refresh<C>) -> Self {
        let chain = model.client.chain.describe();
        Served { model, refresh, chain, refreshed: None, answers: HashMap::new() }
    }

    fn keep_up(&mut self) -> Result<(), ViewError> {
        if self.refreshed.is_some_and(|at| at.elapsed() < REFRESH_INTERVAL) {
            return Ok(());
        }
        self.refreshed = Some(Instant::now());
        if (self.refresh)(&mut self.model).map_err(ViewError)? {
            self.answers.clear();
        }
        Ok(())
    }
}

/// An answer as sent: kept for the same path while the chain stands still, unless it
/// says the chain failed.
#[derive(Debug, Clone)]
pub(crate) struct Rendered {
    pub status: StatusCode,
    pub content_type: &'static str,
    pub body: String,
}

impl Rendered {
    pub fn json(status: StatusCode, body: &serde_json::Value) -> Self {
        Rendered { status, content_type: "application/json", body: body.to_string() }
    }

    pub fn html(status: StatusCode, body: String) -> Self {
        Rendered { status, content_type: "text/html; charset=utf-8", body }
    }
}

impl IntoResponse for Rendered {
    fn into_response(self) -> Response {
        (self.status, [(header::CONTENT_TYPE, self.content_type)], self.body).into_response()
    }
}

/// A read the HTTP side asks of the thread that owns the chain.
type Job<C> = Box<dyn FnOnce(&mut Served<C>) + Send>;

/// The HTTP side's way to the chain's thread.
pub(crate) struct Reads<C> {
    jobs: mpsc::Sender<Job<C>>,
}

impl<C> Clone for Reads<C> {
    fn clone(&self) -> Self {
        Reads { jobs: self.jobs.clone() }
    }
}

impl<C: Chain + 'static> Reads<C> {
    /// The answer to `path`: the one given since the chain last moved, or what `render`
    /// makes of the model on the chain's thread. `render` answers `Err` when the chain
    /// failed (never kept); `failed` turns that into the answer.
    pub(crate) async fn answer(
        &self,
        path: String,
        render: impl FnOnce(&mut Served<C>) -> ViewResult<Rendered> + Send + 'static,
        failed: fn(ViewError) -> Rendered,
    ) -> Response {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let job: Job<C> = Box::new(move |served| {
            let outcome = served.keep_up().and_then(|()| match served.answers.get(&path) {
                Some(kept) => Ok(kept.clone()),
                None => {
                    let rendered = render(served)?;
                    // Bounded: distinct paths (every address there is) would otherwise
                    // grow it for as long as the chain stands still.
                    if served.answers.len() >= MAX_ANSWERS {
                        served.answers.clear();
                    }
                    served.answers.insert(path, rendered.clone());
                    Ok(rendered)
                }
            });
            let _ = answer.send(outcome);
        });
        if self.jobs.send(job).is_err() {
            return failed(ViewError("the chain's thread has stopped".into())).into_response();
        }
        match answered.await {
            Ok(Ok(rendered)) => rendered.into_response(),
            Ok(Err(e)) => failed(e).into_response(),
            Err(_) => failed(ViewError("the read failed on the chain's thread (see the server's log)".into())).into_response(),
        }
    }
}

/// Serves `served` on `listener` until `shutdown` completes. Blocks the calling thread,
/// which runs the reads; the HTTP server runs on two threads of its own.
pub fn serve<C: Chain + 'static>(
    served: &mut Served<C>,
    listener: std::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (jobs, queue) = mpsc::channel::<Job<C>>();
    let app = router(Reads { jobs });
    listener.set_nonblocking(true)?;
    let http = std::thread::Builder::new().name("http".into()).spawn(move || -> std::io::Result<()> {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener)?;
            axum::serve(listener, app).with_graceful_shutdown(shutdown).await
        })
    })?;
    // Until the HTTP side ends (it holds the only sender).
    for job in queue {
        // A panicking read drops its answer (its request gets an error); the model may
        // be half-updated, so what it computed is dropped too.
        if catch_unwind(AssertUnwindSafe(|| job(served))).is_err() {
            served.refreshed = None;
            served.answers.clear();
        }
    }
    http.join().unwrap_or_else(|_| Err(std::io::Error::other("the HTTP thread panicked")))
}

fn router<C: Chain + 'static>(reads: Reads<C>) -> Router {
    api::routes::<C>().merge(pages::routes::<C>()).with_state(reads)
}
