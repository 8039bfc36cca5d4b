//! What the book records at all (docs/rules.md, "What the book does not
//! track"): a health dimension is *tracked* when the book holds at least one
//! record of its kind for any partner, and revenue comes from won deals when
//! the book holds no revenue month. A book made from a CRM export has deals
//! and touches but no portal logins or NPS; scoring its partners on those
//! would call every one of them Churning for data the CRM never had.
//!
//! Coverage is a property of the whole book, not of a partner, so the rules
//! read it from the config the analysis hands them (`ProgramConfig::coverage`)
//! and the summary cache is keyed by it.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::book::{Attribution, Book, Deal, DealStage, PartnerFile, Revenue, YearMonth};
use super::health::Dimension;

/// Where a partner's revenue (T12M, growth, tier ARR) is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RevenueSource {
    /// The book's revenue months (sourced and influenced per month).
    Months,
    /// The book has no revenue month: each won deal's value counts in the
    /// month it closed, as its attribution says.
    WonDeals,
}

/// Which kinds of record the book holds at all (independent flags, one per
/// dimension the playbook scores).
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// A revenue month, or (with no revenue month) a won deal.
    pub revenue: bool,
    pub revenue_source: RevenueSource,
    /// A deal registration.
    pub deals: bool,
    /// A portal login or training.
    pub engagement: bool,
    /// An NPS response.
    pub nps: bool,
    /// A certification: without any, tier criteria leave certifications out.
    pub certifications: bool,
}

impl Default for Coverage {
    /// A book that records everything: every dimension counts.
    fn default() -> Self {
        Coverage {
            revenue: true,
            revenue_source: RevenueSource::Months,
            deals: true,
            engagement: true,
            nps: true,
            certifications: true,
        }
    }
}

/// What the book holds, as the store counts it (or a book in memory).
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Holdings {
    pub revenue_months: bool,
    pub won_deals: bool,
    pub deals: bool,
    pub engagement: bool,
    pub nps: bool,
    pub certifications: bool,
}

impl Holdings {
    /// What a book in memory holds.
    #[must_use]
    pub fn of_book(book: &Book) -> Holdings {
        book.partners
            .iter()
            .fold(Holdings::default(), |h, f| h.with(&Holdings::of_file(f)))
    }

    /// What one partner's file holds.
    #[must_use]
    pub fn of_file(f: &PartnerFile) -> Holdings {
        Holdings {
            revenue_months: !f.revenue.is_empty(),
            won_deals: f
                .deals
                .iter()
                .any(|d| d.stage == DealStage::Won && d.closed.is_some()),
            deals: !f.deals.is_empty(),
            engagement: f.activities.iter().any(|a| a.kind.is_engagement()),
            nps: !f.nps.is_empty(),
            certifications: !f.certifications.is_empty(),
        }
    }

    /// Both together.
    #[must_use]
    pub fn with(self, o: &Holdings) -> Holdings {
        Holdings {
            revenue_months: self.revenue_months || o.revenue_months,
            won_deals: self.won_deals || o.won_deals,
            deals: self.deals || o.deals,
            engagement: self.engagement || o.engagement,
            nps: self.nps || o.nps,
            certifications: self.certifications || o.certifications,
        }
    }

    /// The coverage these holdings give.
    #[must_use]
    pub fn coverage(self) -> Coverage {
        Coverage {
            revenue: self.revenue_months || self.won_deals,
            revenue_source: if self.revenue_months {
                RevenueSource::Months
            } else {
                RevenueSource::WonDeals
            },
            deals: self.deals,
            engagement: self.engagement,
            nps: self.nps,
            certifications: self.certifications,
        }
    }
}

impl Coverage {
    /// Of a book in memory.
    #[must_use]
    pub fn of_book(book: &Book) -> Coverage {
        Holdings::of_book(book).coverage()
    }

    /// Does the health score count this dimension? Strategic fit always.
    #[must_use]
    pub fn tracks(&self, d: Dimension) -> bool {
        match d {
            Dimension::Revenue => self.revenue,
            Dimension::Activity => self.deals,
            Dimension::Engagement => self.engagement,
            Dimension::Satisfaction => self.nps,
            Dimension::Fit => true,
        }
    }

    /// How many of the five dimensions count.
    #[must_use]
    pub fn tracked(&self) -> usize {
        Dimension::ALL.iter().filter(|d| self.tracks(**d)).count()
    }

    /// Are all five counted (the plain sum of the playbook)?
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.tracked() == Dimension::ALL.len()
    }

    /// Does the book score anyone (more than strategic fit is tracked)?
    #[must_use]
    pub fn scores(&self) -> bool {
        self.tracked() > 1
    }

    /// What the book records no trace of, as a manager reads it: "portal
    /// activity or NPS".
    #[must_use]
    pub fn missing(&self) -> String {
        let names: Vec<&str> = Dimension::ALL
            .iter()
            .filter(|d| !self.tracks(**d))
            .map(|d| match d {
                Dimension::Revenue => "revenue or won deals",
                Dimension::Activity => "deal registrations",
                Dimension::Engagement => "portal activity",
                Dimension::Satisfaction => "NPS",
                Dimension::Fit => "strategic fit",
            })
            .collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => (*one).to_string(),
            [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
        }
    }

    /// "health over 3 of 5 dimensions: this book records no portal activity
    /// or NPS"; None when all five count.
    #[must_use]
    pub fn note(&self) -> Option<String> {
        if self.is_complete() {
            return None;
        }
        if !self.scores() {
            return Some(format!(
                "not scored: this book records no {}; import deals, revenue, activities or NPS to score (partnerdeck import --csv TABLE FILE)",
                self.missing()
            ));
        }
        Some(format!(
            "health over {} of 5 dimensions: this book records no {}",
            self.tracked(),
            self.missing()
        ))
    }

    /// What the book scores with and what to bring in next, as the import
    /// summary and the empty book's first screen say it.
    #[must_use]
    pub fn report(&self) -> Vec<String> {
        let tracked: Vec<&str> = Dimension::ALL
            .iter()
            .filter(|d| self.tracks(**d))
            .map(|d| match d {
                Dimension::Revenue if self.revenue_source == RevenueSource::WonDeals => {
                    "revenue (from won deals)"
                }
                Dimension::Revenue => "revenue",
                Dimension::Activity => "deal activity",
                Dimension::Engagement => "engagement",
                Dimension::Satisfaction => "satisfaction (NPS)",
                Dimension::Fit => "strategic fit",
            })
            .collect();
        let mut lines = vec![if self.scores() {
            format!(
                "health is scored over {} of 5 dimensions: {}",
                self.tracked(),
                tracked.join(", ")
            )
        } else {
            "health is not scored yet: the book holds no deals, revenue, portal activity or NPS"
                .to_string()
        }];
        let next = self.next_imports();
        if !next.is_empty() {
            lines.push(format!("to score more, import {}", next.join("; ")));
        }
        lines
    }

    /// "this book records no certifications: tier criteria count ARR and
    /// referrals only"; None when it records some.
    #[must_use]
    pub fn tier_note(&self) -> Option<&'static str> {
        (!self.certifications).then_some(
            "this book records no certifications: tier criteria count ARR and referrals only",
        )
    }

    /// What to import next to score more, one line per missing kind.
    #[must_use]
    pub fn next_imports(&self) -> Vec<&'static str> {
        let mut next = Vec::new();
        if !self.deals {
            next.push("deals (partnerdeck import --csv deals FILE) for activity and revenue");
        }
        if !self.engagement {
            next.push("portal logins and training (partnerdeck import --csv activities FILE) for engagement");
        }
        if !self.nps {
            next.push("NPS responses (partnerdeck import --csv nps FILE) for satisfaction");
        }
        if self.revenue_source == RevenueSource::WonDeals {
            next.push(
                "revenue by month (partnerdeck import --csv revenue FILE) for influenced revenue",
            );
        }
        if !self.certifications {
            next.push(
                "certifications (partnerdeck import --csv certifications FILE) for the tier criteria",
            );
        }
        next
    }
}

/// The file as the rules read it: in a book whose revenue comes from won
/// deals, its revenue months are made from them (docs/rules.md, "Revenue
/// from won deals"); otherwise the file itself. Reading it twice gives the
/// same file.
#[must_use]
pub fn as_scored<'a>(file: &'a PartnerFile, coverage: &Coverage) -> Cow<'a, PartnerFile> {
    if coverage.revenue_source != RevenueSource::WonDeals {
        return Cow::Borrowed(file);
    }
    let months = won_deal_revenue(&file.deals);
    if months == file.revenue {
        return Cow::Borrowed(file);
    }
    let mut f = file.clone();
    f.revenue = months;
    Cow::Owned(f)
}

/// Each month's won value: a won deal counts in the month it closed, as
/// sourced or influenced by its attribution; a deal without an amount adds
/// nothing. Oldest month first.
#[must_use]
pub fn won_deal_revenue(deals: &[Deal]) -> Vec<Revenue> {
    let mut months: std::collections::BTreeMap<YearMonth, (i64, i64)> =
        std::collections::BTreeMap::new();
    for d in deals.iter().filter(|d| d.stage == DealStage::Won) {
        let (Some(closed), Some(value)) = (d.closed, d.value) else {
            continue;
        };
        let (s, i) = months.entry(YearMonth::of(closed)).or_default();
        match d.attribution {
            Attribution::Sourced => *s = s.saturating_add(value),
            Attribution::Influenced => *i = i.saturating_add(value),
        }
    }
    months
        .into_iter()
        .map(|(month, (sourced, influenced))| Revenue {
            month,
            sourced,
            influenced,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crm_book_says_what_it_lacks() {
        let c = Holdings {
            won_deals: true,
            deals: true,
            ..Holdings::default()
        }
        .coverage();
        assert_eq!(c.revenue_source, RevenueSource::WonDeals);
        assert_eq!(c.tracked(), 3);
        assert_eq!(
            c.note().as_deref(),
            Some("health over 3 of 5 dimensions: this book records no portal activity or NPS")
        );
    }

    #[test]
    fn a_partner_list_alone_scores_no_one() {
        let c = Holdings::default().coverage();
        assert!(!c.scores());
        assert!(c.note().is_some_and(|n| n.starts_with("not scored")));
    }

    #[test]
    fn won_deals_are_revenue_in_their_closing_month() {
        use crate::domain::testing::{deal, partner_file};
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).expect("date");
        let mut f = partner_file("Humongous Insurance");
        let mut won = deal(day(1, 5));
        won.stage = DealStage::Won;
        won.closed = Some(day(3, 14));
        won.value = Some(99_500);
        let mut open = deal(day(2, 1));
        open.value = Some(50_000);
        let mut no_amount = won.clone();
        no_amount.value = None;
        f.deals = vec![won, open, no_amount];
        let cov = Holdings::of_file(&f).coverage();
        let scored = as_scored(&f, &cov);
        assert_eq!(
            scored.revenue,
            [Revenue {
                month: YearMonth {
                    year: 2026,
                    month: 3
                },
                sourced: 99_500,
                influenced: 0
            }]
        );
        assert_eq!(
            as_scored(&scored, &cov).revenue,
            scored.revenue,
            "idempotent"
        );
        // A book with revenue months reads only those.
        assert!(as_scored(&f, &Coverage::default()).revenue.is_empty());
    }

    #[test]
    fn a_full_book_counts_all_five() {
        assert!(Coverage::default().is_complete());
        assert_eq!(Coverage::default().note(), None);
    }
}
