//! Health levels: which step of each health dimension a partner's data is
//! made to land on, and the points that gives under the program config.
//!
//! The demo does not guess at scores: it picks a step per dimension, works
//! out the score the domain will compute from the config, and then writes
//! records that land exactly on those steps.

use crate::domain::book::StrategicFit;
use crate::domain::config::ProgramConfig;
use crate::domain::health::Band;

use super::rng::Rng;

/// How revenue moves, year over year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RevShape {
    Strong,
    Growing,
    Flat,
    Declining,
    /// Started within the last year, nothing before.
    New,
    /// No revenue at all.
    None,
}

/// Latest NPS: a satisfaction step, negative, or no response at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NpsLevel {
    Step(usize),
    Negative,
    Missing,
}

/// One step per health dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Levels {
    pub revenue: RevShape,
    /// Index into the activity steps; None = no deals in the window.
    pub deals: Option<usize>,
    /// Index into the engagement steps; None = inactive.
    pub engagement: Option<usize>,
    pub nps: NpsLevel,
    pub fit: StrategicFit,
}

impl Levels {
    /// The score the domain will give these levels.
    pub(crate) fn score(&self, cfg: &ProgramConfig) -> u32 {
        let h = &cfg.health;
        let r = &h.revenue;
        let revenue = match self.revenue {
            RevShape::Strong => r.strong_points,
            RevShape::Growing => r.growing_points,
            RevShape::Flat => r.flat_points,
            RevShape::Declining => r.declining_points,
            RevShape::New => r.new_revenue_points,
            RevShape::None => 0,
        };
        let deals = self
            .deals
            .and_then(|i| h.activity.steps.get(i))
            .map_or(0, |s| s.points);
        let engagement = self
            .engagement
            .and_then(|i| h.engagement.steps.get(i))
            .map_or(0, |s| s.points);
        let nps = match self.nps {
            NpsLevel::Step(i) => h.satisfaction.steps.get(i).map_or(0, |s| s.points),
            NpsLevel::Negative | NpsLevel::Missing => 0,
        };
        let fit = match self.fit {
            StrategicFit::Strong => h.fit.strong,
            StrategicFit::Moderate => h.fit.moderate,
            StrategicFit::Weak => h.fit.weak,
        };
        (revenue + deals + engagement + nps + fit).min(100)
    }

    pub(crate) fn band(&self, cfg: &ProgramConfig) -> Band {
        Band::of(self.score(cfg), cfg)
    }
}

/// A step index leaning on `vitality` (1.0 = best step 0, 0.0 = worst).
fn lean(rng: &mut Rng, vitality: f64, steps: usize) -> usize {
    let n = super::rng::float(i64::try_from(steps).unwrap_or(1));
    let x = (1.0 - vitality) * n + rng.between(-0.9, 0.9);
    let i = super::rng::whole(x.floor()).clamp(0, i64::try_from(steps).unwrap_or(1) - 1);
    usize::try_from(i).unwrap_or(0)
}

/// Levels for an ordinary partner: a hidden "vitality" pulls every
/// dimension the same way, with noise, so the book spreads over the bands
/// (leaning healthy, lifted further by `lift`). `has_revenue` says whether
/// the partner books any revenue.
pub(crate) fn random(rng: &mut Rng, cfg: &ProgramConfig, has_revenue: bool, lift: f64) -> Levels {
    let spread = (rng.unit() + rng.unit() + rng.unit()) / 3.0;
    let vitality = (0.1 + 0.9 * spread + lift).clamp(0.0, 1.0);
    random_with(rng, cfg, has_revenue, vitality)
}

pub(crate) fn random_with(
    rng: &mut Rng,
    cfg: &ProgramConfig,
    has_revenue: bool,
    vitality: f64,
) -> Levels {
    let h = &cfg.health;
    let revenue = if has_revenue {
        match lean(rng, vitality, 4) {
            0 if rng.chance(0.2) => RevShape::New,
            0 => RevShape::Strong,
            1 => RevShape::Growing,
            2 => RevShape::Flat,
            _ => RevShape::Declining,
        }
    } else {
        RevShape::None
    };
    let optional = |i: usize, len: usize| (i < len).then_some(i);
    let deal_steps = h.activity.steps.len();
    let deals = optional(lean(rng, vitality, deal_steps + 1), deal_steps);
    let eng_steps = h.engagement.steps.len();
    let engagement = optional(lean(rng, vitality, eng_steps + 1), eng_steps);
    let sat_steps = h.satisfaction.steps.len();
    let nps = if rng.chance(0.12) {
        NpsLevel::Missing
    } else {
        match lean(rng, vitality, sat_steps + 1) {
            i if i < sat_steps => NpsLevel::Step(i),
            _ => NpsLevel::Negative,
        }
    };
    let fit = match lean(rng, vitality, 3) {
        0 => StrategicFit::Strong,
        1 => StrategicFit::Moderate,
        _ => StrategicFit::Weak,
    };
    Levels {
        revenue,
        deals,
        engagement,
        nps,
        fit,
    }
}

/// Levels that `accept` takes once `adjust` has pinned some steps: random
/// draws around `aim` first, then every combination in turn.
pub(crate) fn search(
    rng: &mut Rng,
    cfg: &ProgramConfig,
    has_revenue: bool,
    aim: f64,
    adjust: impl Fn(Levels) -> Levels,
    accept: impl Fn(&Levels) -> bool,
) -> Option<Levels> {
    for _ in 0..64 {
        let vitality = (aim + rng.between(-0.2, 0.2)).clamp(0.0, 1.0);
        let l = adjust(random_with(rng, cfg, has_revenue, vitality));
        if accept(&l) {
            return Some(l);
        }
    }
    every(cfg, has_revenue).map(adjust).find(|l| accept(l))
}

/// Levels whose score lands in `band`, with the steps `adjust` pins.
pub(crate) fn in_band(
    rng: &mut Rng,
    cfg: &ProgramConfig,
    has_revenue: bool,
    band: Band,
    adjust: impl Fn(Levels) -> Levels,
) -> Levels {
    let aim = f64::from(band.rank()) / 4.0;
    search(rng, cfg, has_revenue, aim, &adjust, |l| l.band(cfg) == band)
        .unwrap_or_else(|| adjust(random(rng, cfg, has_revenue, 0.0)))
}

/// Every combination of levels (for searches that must not miss).
pub(crate) fn every(cfg: &ProgramConfig, has_revenue: bool) -> impl Iterator<Item = Levels> {
    let shapes: Vec<RevShape> = if has_revenue {
        vec![
            RevShape::Strong,
            RevShape::Growing,
            RevShape::Flat,
            RevShape::Declining,
        ]
    } else {
        vec![RevShape::None]
    };
    let with_none = |n: usize| (0..n).map(Some).chain([None]).collect::<Vec<_>>();
    let deals = with_none(cfg.health.activity.steps.len());
    let eng = with_none(cfg.health.engagement.steps.len());
    let nps: Vec<NpsLevel> = (0..cfg.health.satisfaction.steps.len())
        .map(NpsLevel::Step)
        .chain([NpsLevel::Negative, NpsLevel::Missing])
        .collect();
    let fits = [
        StrategicFit::Strong,
        StrategicFit::Moderate,
        StrategicFit::Weak,
    ];
    let mut all = Vec::new();
    for revenue in shapes {
        for d in &deals {
            for e in &eng {
                for n in &nps {
                    for fit in fits {
                        all.push(Levels {
                            revenue,
                            deals: *d,
                            engagement: *e,
                            nps: *n,
                            fit,
                        });
                    }
                }
            }
        }
    }
    all.into_iter()
}

/// The engagement step that `days` since the last event falls in.
pub(crate) fn engagement_step(cfg: &ProgramConfig, days: i64) -> Option<usize> {
    cfg.health
        .engagement
        .steps
        .iter()
        .position(|s| days <= s.max_days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_band_can_be_aimed_at() {
        let cfg = ProgramConfig::default();
        let mut rng = Rng::new(9);
        for band in Band::SCORED {
            let l = in_band(&mut rng, &cfg, true, band, |l| l);
            assert_eq!(l.band(&cfg), band);
        }
        let pinned = |mut l: Levels| {
            l.revenue = RevShape::Declining;
            l.engagement = None;
            l
        };
        let l = in_band(&mut rng, &cfg, true, Band::Critical, pinned);
        assert_eq!((l.revenue, l.engagement), (RevShape::Declining, None));
        assert_eq!(l.band(&cfg), Band::Critical);
        let l = in_band(&mut rng, &cfg, false, Band::Churning, |l| l);
        assert_eq!(l.revenue, RevShape::None);
        assert_eq!(l.band(&cfg), Band::Churning);
    }

    #[test]
    fn top_levels_score_one_hundred() {
        let cfg = ProgramConfig::default();
        let l = Levels {
            revenue: RevShape::Strong,
            deals: Some(0),
            engagement: Some(0),
            nps: NpsLevel::Step(0),
            fit: StrategicFit::Strong,
        };
        assert_eq!(l.score(&cfg), 100);
        assert_eq!(engagement_step(&cfg, 33), Some(2));
        assert_eq!(engagement_step(&cfg, 3), Some(0));
    }
}
