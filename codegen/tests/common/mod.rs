//! What the test files share: a small deterministic random source, so that generated and
//! mutated pages are the same on every run and a failure names a page that can be rebuilt.

/// Marsaglia's xorshift64: deterministic, fast and good enough to pick lines and mutations.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next() % n as u64) as usize
    }
}
