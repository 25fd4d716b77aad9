//! Progress bars on standard error (drawn only on a terminal: redirected output stays a
//! clean report), with the narrative on standard output.
use indicatif::{ProgressBar, ProgressStyle};
use referral_client::progress::Progress;

#[derive(Default)]
pub struct Bars {
    bar: Option<ProgressBar>,
}

impl Progress for Bars {
    fn say(&mut self, line: String) {
        match &self.bar {
            Some(bar) => bar.suspend(|| println!("{line}")),
            None => println!("{line}"),
        }
    }

    fn begin(&mut self, label: &str, len: u64) {
        let bar = ProgressBar::new(len);
        let style = ProgressStyle::with_template("  {msg:<20} [{bar:40}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message(label.to_string());
        self.bar = Some(bar);
    }

    fn advance(&mut self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    fn end(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
