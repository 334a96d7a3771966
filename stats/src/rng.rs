//! Small deterministic pseudo-random number generator for bootstrap
//! resampling.
//!
//! The crate has no dependencies, and bootstrap intervals must be reproducible
//! from a seed (the same data and seed give the same interval on every
//! machine), so we carry our own generator: xoshiro256++ seeded through
//! SplitMix64, both by Blackman & Vigna (<https://prng.di.unimi.it/>,
//! reference C files `xoshiro256plusplus.c` and `splitmix64.c`). Not
//! cryptographic; statistical quality is ample for resampling.

/// SplitMix64 (Steele, Lea & Flood 2014), used to expand a 64-bit seed into
/// xoshiro's 256-bit state as Vigna recommends.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// Starts the sequence at `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// Next 64-bit output.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// xoshiro256++ generator.
#[derive(Debug, Clone)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// Seeds the generator from `seed` via SplitMix64.
    pub fn new(seed: u64) -> Self {
        let mut sm = SplitMix64::new(seed);
        // SplitMix64 never yields four zero words in a row from one seed, so
        // the all-zero state (a fixed point of xoshiro) cannot occur.
        Rng {
            s: [sm.next_u64(), sm.next_u64(), sm.next_u64(), sm.next_u64()],
        }
    }

    /// Independent-looking stream `stream` for the same `seed`: lets each
    /// rater pair get its own resamples while staying reproducible.
    pub fn with_stream(seed: u64, stream: u64) -> Self {
        let mut sm = SplitMix64::new(stream);
        Rng::new(seed ^ sm.next_u64())
    }

    /// Builds a generator from a raw state (tests against the reference).
    /// Returns `None` for the all-zero state, which never leaves zero.
    pub fn from_state(s: [u64; 4]) -> Option<Self> {
        if s == [0; 4] {
            None
        } else {
            Some(Rng { s })
        }
    }

    /// Next 64-bit output.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform integer in `0..n` without modulo bias (Lemire 2019, "Fast
    /// Random Integer Generation in an Interval", ACM TOMACS 29(1)).
    /// Returns 0 when `n == 0` so callers need no special case.
    #[inline]
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let mut m = u128::from(self.next_u64()) * u128::from(n);
        let mut low = m as u64;
        if low < n {
            let threshold = n.wrapping_neg() % n;
            while low < threshold {
                m = u128::from(self.next_u64()) * u128::from(n);
                low = m as u64;
            }
        }
        (m >> 64) as u64
    }

    /// Calls `f` with `count` uniform draws from `0..n` (nothing when
    /// `n == 0`). The bootstrap's hot loop: each 64-bit output yields two
    /// 32-bit draws, each made exact with Lemire's rejection step; the
    /// threshold (2³² − n) mod n is computed once instead of per draw.
    #[inline]
    pub fn for_each_below(&mut self, n: u32, count: usize, mut f: impl FnMut(usize)) {
        if n == 0 {
            return;
        }
        let threshold = n.wrapping_neg() % n;
        let mut remaining = count;
        while remaining > 0 {
            let r = self.next_u64();
            for half in [r as u32, (r >> 32) as u32] {
                let m = u64::from(half) * u64::from(n);
                if (m as u32) >= threshold && remaining > 0 {
                    f((m >> 32) as usize);
                    remaining -= 1;
                }
            }
        }
    }

    /// Uniform float in `[0, 1)` with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_reference_outputs_for_seed_zero() {
        // First outputs of Vigna's splitmix64.c with state 0, as pinned by
        // many independent test suites.
        let mut sm = SplitMix64::new(0);
        assert_eq!(sm.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(sm.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(sm.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn xoshiro_first_output_matches_hand_computation() {
        // xoshiro256plusplus.c: result = rotl(s0 + s3, 23) + s0.
        // With s = [1, 2, 3, 4]: rotl(5, 23) + 1 = 5 * 2^23 + 1 = 41943041.
        let mut r = Rng::from_state([1, 2, 3, 4]).expect("non-zero state");
        assert_eq!(r.next_u64(), 41_943_041);
    }

    #[test]
    fn for_each_below_draws_exactly_count_in_range() {
        let mut r = Rng::new(3);
        let mut seen = [0usize; 5];
        let mut draws = 0;
        r.for_each_below(5, 5001, |x| {
            seen[x] += 1;
            draws += 1;
        });
        assert_eq!(draws, 5001);
        assert!(seen.iter().all(|&c| c > 850 && c < 1150), "{seen:?}");
        r.for_each_below(0, 10, |_| panic!("no draws from an empty range"));
    }

    #[test]
    fn zero_state_is_rejected() {
        assert!(Rng::from_state([0; 4]).is_none());
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut r = Rng::new(7);
        let mut seen = [0usize; 7];
        for _ in 0..7000 {
            let x = r.below(7) as usize;
            seen[x] += 1;
        }
        assert!(seen.iter().all(|&c| c > 800 && c < 1200), "{seen:?}");
        assert_eq!(r.below(0), 0);
        assert_eq!(r.below(1), 0);
    }

    #[test]
    fn same_seed_same_stream_different_stream_differs() {
        let a: Vec<u64> = (0..5)
            .map({
                let mut r = Rng::with_stream(42, 1);
                move |_| r.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..5)
            .map({
                let mut r = Rng::with_stream(42, 1);
                move |_| r.next_u64()
            })
            .collect();
        let c: Vec<u64> = (0..5)
            .map({
                let mut r = Rng::with_stream(42, 2);
                move |_| r.next_u64()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
        let f = Rng::new(1).next_f64();
        assert!((0.0..1.0).contains(&f));
    }
}
