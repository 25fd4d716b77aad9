//! A bounded load on a served suite: `clients` threads each sending `per_client` GETs
//! (one connection per request, as independent integrators would) over `paths` in turn.
//! Shared by the web test (no error allowed) and the web benchmark (its latencies).
use std::time::{Duration, Instant};

/// What a load run measured.
#[derive(Debug, Clone)]
pub struct LoadReport {
    pub requests: usize,
    pub clients: usize,
    /// Answers other than 200, with their path.
    pub failures: Vec<(String, String)>,
    pub elapsed: Duration,
    /// Sorted, one per request.
    pub latencies: Vec<Duration>,
}

impl LoadReport {
    /// The latency below which a fraction `q` of the requests were answered.
    pub fn quantile(&self, q: f64) -> Duration {
        let last = self.latencies.len().saturating_sub(1);
        self.latencies.get(((self.latencies.len() as f64 * q) as usize).min(last)).copied().unwrap_or_default()
    }

    pub fn per_second(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

pub fn run(base: &str, paths: &[String], clients: usize, per_client: usize) -> LoadReport {
    let started = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|c| {
            let (base, paths) = (base.to_string(), paths.to_vec());
            std::thread::spawn(move || {
                (0..per_client)
                    .map(|i| {
                        let path = &paths[(c + i) % paths.len()];
                        let asked = Instant::now();
                        let outcome = match ureq::get(&format!("{base}{path}")).timeout(Duration::from_secs(60)).call() {
                            Ok(response) if response.status() == 200 => {
                                response.into_string().map(|_| ()).map_err(|e| e.to_string())
                            }
                            Ok(response) => Err(format!("status {}", response.status())),
                            Err(e) => Err(e.to_string()),
                        };
                        (path.clone(), outcome, asked.elapsed())
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut report = LoadReport { requests: 0, clients, failures: Vec::new(), elapsed: Duration::ZERO, latencies: Vec::new() };
    for worker in workers {
        for (path, outcome, latency) in worker.join().expect("a client thread") {
            report.requests += 1;
            report.latencies.push(latency);
            if let Err(e) = outcome {
                report.failures.push((path, e));
            }
        }
    }
    report.elapsed = started.elapsed();
    report.latencies.sort();
    report
}
