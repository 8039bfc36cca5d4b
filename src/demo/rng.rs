//! A tiny deterministic PRNG (`SplitMix64`) and the draws the demo needs.
//!
//! The demo book must be the same for the same seed on every machine and
//! every build, so it carries its own generator instead of a crate whose
//! stream may change between versions.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// `SplitMix64` (Steele, Lea and Flood 2014): one `u64` of state, good enough
/// statistics for fake data, and fast.
#[derive(Debug, Clone)]
pub(crate) struct Rng {
    state: u64,
}

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// The `SplitMix64` output function: a strong 64-bit mixer.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// A generator for one seed.
    pub(crate) fn new(seed: u64) -> Self {
        Rng { state: mix(seed) }
    }

    /// An independent stream per (seed, stream), e.g. one per partner, so
    /// one partner's draws never shift another's.
    pub(crate) fn stream(seed: u64, stream: u64) -> Self {
        Rng {
            state: mix(seed ^ mix(stream.wrapping_add(1).wrapping_mul(GOLDEN))),
        }
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN);
        mix(self.state)
    }

    /// Uniform in `0..n` (0 when `n` is 0), by multiply-high: no division,
    /// and a bias far below anything a demo could show.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        let wide = u128::from(self.next_u64()) * u128::from(n);
        u64::try_from(wide >> 64).unwrap_or(0)
    }

    /// Uniform index in `0..len` (0 when `len` is 0).
    pub(crate) fn index(&mut self, len: usize) -> usize {
        usize::try_from(self.below(len as u64)).unwrap_or(0)
    }

    /// Uniform in `lo..=hi`; `lo` when the range is empty.
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = hi.abs_diff(lo).saturating_add(1);
        lo.saturating_add_unsigned(self.below(span))
    }

    /// Uniform in `lo..=hi` for small counts.
    pub(crate) fn count(&mut self, lo: u32, hi: u32) -> u32 {
        u32::try_from(self.range(i64::from(lo), i64::from(hi))).unwrap_or(lo)
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        // 53 random bits: exactly representable.
        #[allow(clippy::cast_precision_loss)]
        let bits = (self.next_u64() >> 11) as f64;
        bits / 9_007_199_254_740_992.0
    }

    /// Uniform in `[lo, hi)`.
    pub(crate) fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of a non-empty list.
    ///
    /// # Panics
    /// On an empty list (the demo's lists are constants).
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    /// One element of a non-empty list, copied.
    pub(crate) fn pick_copy<T: Copy>(&mut self, items: &[T]) -> T {
        *self.pick(items)
    }

    /// An index drawn with the given weights (0 when all weights are 0).
    pub(crate) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
        let mut roll = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            let w = u64::from(*w);
            if roll < w {
                return i;
            }
            roll -= w;
        }
        0
    }

    /// Fisher-Yates shuffle.
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.index(i + 1);
            items.swap(i, j);
        }
    }
}

/// `today` moved by `days` (negative goes back); `today` itself if that
/// would leave the calendar.
pub(crate) fn shift(today: NaiveDate, days: i64) -> NaiveDate {
    let n = Days::new(days.unsigned_abs());
    if days >= 0 {
        today.checked_add_days(n)
    } else {
        today.checked_sub_days(n)
    }
    .unwrap_or(today)
}

/// `days` before `today`.
pub(crate) fn ago(today: NaiveDate, days: i64) -> NaiveDate {
    shift(today, -days)
}

/// The nearest weekday: Saturday moves back to Friday, Sunday on to Monday.
pub(crate) fn workday(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => shift(day, -1),
        Weekday::Sun => shift(day, 1),
        _ => day,
    }
}

/// The nearest Tuesday, Wednesday or Thursday (at most two days away):
/// when campaigns launch.
pub(crate) fn midweek(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Mon => shift(day, 1),
        Weekday::Fri => shift(day, -1),
        Weekday::Sat => shift(day, -2),
        Weekday::Sun => shift(day, 2),
        _ => day,
    }
}

/// A float rounded to whole units (saturating at the `i64` range).
pub(crate) fn whole(x: f64) -> i64 {
    // `as` saturates for out-of-range floats and maps NaN to 0: exactly
    // what money rounding wants here.
    #[allow(clippy::cast_possible_truncation)]
    let n = x.round() as i64;
    n
}

/// A count as a float, for scaling.
pub(crate) fn float(n: i64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let x = n as f64;
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_and_streams_differ() {
        let a: Vec<u64> = {
            let mut r = Rng::new(42);
            (0..8).map(|_| r.next_u64()).collect()
        };
        let b: Vec<u64> = {
            let mut r = Rng::new(42);
            (0..8).map(|_| r.next_u64()).collect()
        };
        assert_eq!(a, b);
        let mut s1 = Rng::stream(42, 1);
        let mut s2 = Rng::stream(42, 2);
        assert_ne!(s1.next_u64(), s2.next_u64());
    }

    #[test]
    fn draws_stay_in_range() {
        let mut r = Rng::new(7);
        for _ in 0..10_000 {
            let x = r.range(-3, 5);
            assert!((-3..=5).contains(&x));
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
            assert!(r.below(10) < 10);
        }
        assert_eq!(r.range(5, 5), 5);
        assert_eq!(r.range(5, 1), 5);
        assert_eq!(r.below(0), 0);
        assert_eq!(r.weighted(&[0, 0]), 0);
        assert_eq!(r.weighted(&[0, 3, 0]), 1);
    }

    #[test]
    fn every_value_of_a_small_range_comes_up() {
        let mut r = Rng::new(1);
        let mut seen = [false; 6];
        for _ in 0..200 {
            seen[r.index(6)] = true;
        }
        assert!(seen.iter().all(|s| *s));
    }

    #[test]
    fn meetings_fall_on_weekdays() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 11, day).expect("date");
        // 2026-11-21 is a Saturday.
        assert_eq!(workday(d(21)), d(20));
        assert_eq!(workday(d(22)), d(23));
        assert_eq!(workday(d(24)), d(24));
        for day in 16..=22 {
            let m = midweek(d(day));
            assert!(matches!(
                m.weekday(),
                Weekday::Tue | Weekday::Wed | Weekday::Thu
            ));
            assert!((m - d(day)).num_days().abs() <= 2);
        }
    }

    #[test]
    fn shift_moves_both_ways() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 31).expect("date");
        assert_eq!(
            shift(d, 1),
            NaiveDate::from_ymd_opt(2026, 4, 1).expect("date")
        );
        assert_eq!(
            ago(d, 31),
            NaiveDate::from_ymd_opt(2026, 2, 28).expect("date")
        );
    }
}
