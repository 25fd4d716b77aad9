//! A deterministic pseudo-random sequence (xorshift64*): the same seed replays the same
//! sequence. For seeded tests and for the demo's reproducible month; never for anything
//! that must be unpredictable.
pub struct Xorshift(pub u64);

impl Xorshift {
    /// A sequence from any seed (xorshift needs a state other than zero).
    pub fn from_seed(seed: u64) -> Self {
        Xorshift((seed << 1) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n`; 0 when `n` is 0.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64().checked_rem(n).unwrap_or(0)
    }
}
