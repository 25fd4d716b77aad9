//! How a long run reports as it goes: lines of narrative, and steps of known length (the
//! command line draws progress bars; tests keep the lines).
pub trait Progress {
    fn say(&mut self, line: String);
    /// A step of `len` units begins.
    fn begin(&mut self, label: &str, len: u64);
    /// One unit of the current step is done.
    fn advance(&mut self);
    fn end(&mut self);
}

/// Keeps the narrative, draws nothing.
#[derive(Debug, Default)]
pub struct Transcript {
    pub lines: Vec<String>,
}

impl Progress for Transcript {
    fn say(&mut self, line: String) {
        self.lines.push(line);
    }
    fn begin(&mut self, _: &str, _: u64) {}
    fn advance(&mut self) {}
    fn end(&mut self) {}
}
