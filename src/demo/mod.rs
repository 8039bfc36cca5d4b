//! A realistic, deterministic demo book, generated a partner at a time
//! (README, `partnerdeck demo`).
//!
//! The same seed, size and day always give the same book. Every record is
//! dated relative to `today`, so the demo looks alive whenever it is made.
//! Each partner is first *planned* (tier numbers, which step of each health
//! dimension, contacts, touches, QBRs, campaigns) and then written so the
//! domain rules find exactly what was planned. A book of 60 partners or more
//! also holds one partner per *role* (see `roles.rs`), so every band, tier
//! event and Today section has something to show.

mod activity;
mod campaigns;
mod company;
mod ids;
mod levels;
mod lifecycle;
mod names;
mod partner;
mod people;
mod pipeline;
mod plan;
mod program;
mod qbrs;
mod revenue;
mod rng;
mod roles;
mod tiers;

use chrono::NaiveDate;

use crate::domain::book::{Book, PartnerFile};
use crate::domain::config::ProgramConfig;

pub use company::CompanyRevenue;
use ids::Ids;
use names::PartnerName;
use plan::Plan;
use rng::{Rng, ago};

/// How big a demo book to make, and from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    pub partners: usize,
    pub seed: u64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            partners: 60,
            seed: 42,
        }
    }
}

/// The smallest book that holds every demo situation (one partner per role).
pub const FULL_COVERAGE_PARTNERS: usize = roles::ROLES.len();

// The default book must show everything.
const _: () = assert!(FULL_COVERAGE_PARTNERS <= 60);

/// Generate a demo book as of `today`: partners with ids `1..=N`, two years
/// of history, QBRs and campaigns in flight. The whole book in memory, for
/// tests and benchmarks; `partnerdeck demo` writes [`partners`] as they come.
#[must_use]
pub fn generate(opts: &DemoOptions, today: NaiveDate, cfg: &ProgramConfig) -> Book {
    let partners: Vec<PartnerFile> = partners(opts, today, cfg).collect();
    let mut company = CompanyRevenue::default();
    for f in &partners {
        company.see(f);
    }
    Book {
        partners,
        company_revenue: company.months(today),
    }
}

/// The demo book's partners one at a time, in id order: the same files
/// [`generate`] puts in its book, without holding them all. What is
/// book-wide is made up front and kept — the unique names, each partner's
/// role, the row-id counters — and is small; each partner's file is made
/// from its own random stream (`Rng::stream`, by index) when it is asked
/// for, so the book does not depend on how it is consumed.
#[must_use]
pub fn partners<'a>(
    opts: &DemoOptions,
    today: NaiveDate,
    cfg: &'a ProgramConfig,
) -> impl ExactSizeIterator<Item = PartnerFile> + 'a {
    let (n, seed) = (opts.partners, opts.seed);
    let mut rng = Rng::new(seed);
    let names = names::partner_names(n, &mut rng);
    let roles = roles::assign(n, &mut rng);
    let mut ids = Ids::default();
    names
        .into_iter()
        .zip(roles)
        .enumerate()
        .map(move |(i, (name, role))| {
            let mut rng = Rng::stream(seed, i as u64);
            let plan = match role {
                Some(role) => roles::plan(&mut rng, role, today, cfg),
                None => plan::base(&mut rng, today, cfg),
            };
            let id = i64::try_from(i + 1).unwrap_or(i64::MAX);
            let mut file = write(id, &name, &plan, &mut rng, &mut ids, today, cfg);
            lifecycle::shape(&mut file, role, &mut ids, today, cfg);
            program::history(&mut file, role, &mut ids, today, cfg);
            file
        })
}

/// Write one partner's file from its plan.
fn write(
    id: i64,
    name: &PartnerName,
    plan: &Plan,
    rng: &mut Rng,
    ids: &mut Ids,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> PartnerFile {
    let (tier_changes, signed) = tiers::history(plan, rng, ids, cfg);
    // Two years of records need a partner at least that old.
    let signed = signed.min(ago(today, rng.range(760, 1600)));
    let mut file = PartnerFile::new(partner::partner(id, name, plan, signed, rng, today));
    file.tier_changes = tier_changes;
    // Room for the usual counts, so the lists are not regrown record by record.
    file.activities.reserve(48);
    file.deals.reserve(16);
    file.referrals.reserve(8);
    people::contacts(
        &mut file,
        plan.active_contacts,
        plan.inactive_contacts,
        &name.slug,
        rng,
        ids,
    );
    people::certifications(&mut file, &plan.metrics, rng, ids, today, cfg);
    file.revenue = revenue::monthly(plan.levels.revenue, &plan.metrics, rng, today, cfg);
    pipeline::deals(&mut file, plan, rng, ids, today, cfg);
    pipeline::referrals(&mut file, plan, rng, ids, today);
    activity::touches(&mut file, plan, rng, ids, today);
    activity::engagement(&mut file, plan, rng, ids, today, cfg);
    activity::nps(&mut file, plan, rng, ids, today, cfg);
    qbrs::build(&mut file, plan.qbr, rng, ids, &qbrs::Ctx { today, cfg });
    if let Some(story) = plan.campaign {
        let campaign = campaigns::build(story, rng, ids, today, cfg);
        file.campaigns.push(campaign);
    }
    file.normalize();
    file
}
