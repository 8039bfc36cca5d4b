//! The demo company's whole revenue by month, made from what its partners
//! bring: partner-sourced revenue is a share of it that grows from 22.5% two
//! years back to about 27% now (with a small monthly wiggle), so the
//! Program screen's shares sit near their targets and show the program
//! improving year on year.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::book::{CompanyMonth, PartnerFile, YearMonth};

/// Months of company revenue the demo records, up to today's.
const MONTHS: i64 = 25;

/// Partner revenue by month, summed as the partners go by.
#[derive(Debug, Default)]
pub struct CompanyRevenue {
    sourced: BTreeMap<YearMonth, i64>,
}

impl CompanyRevenue {
    /// Count one partner's sourced revenue.
    pub fn see(&mut self, file: &PartnerFile) {
        let months = crate::domain::coverage::won_deal_revenue(&file.deals);
        let revenue = if file.revenue.is_empty() {
            &months
        } else {
            &file.revenue
        };
        for r in revenue {
            let s = self.sourced.entry(r.month).or_default();
            *s = s.saturating_add(r.sourced);
        }
    }

    /// The company's revenue for the `MONTHS` months up to `today`'s, in
    /// thousands: sourced ÷ the share of that month.
    #[must_use]
    pub fn months(&self, today: NaiveDate) -> Vec<CompanyMonth> {
        let now = YearMonth::of(today);
        let seen: Vec<i64> = self.sourced.values().copied().filter(|s| *s > 0).collect();
        let usual = seen.iter().sum::<i64>() / i64::try_from(seen.len().max(1)).unwrap_or(1);
        (0..MONTHS)
            .rev()
            .map(|back| {
                let month = now.plus(-back);
                // 22.5% two years back, rising 0.2 points a month; ±0.7 wiggle.
                let wiggle = [0, 7, -5, 3, -7, 5][usize::try_from(back % 6).unwrap_or(0)];
                let per_mille = 225 + 2 * (MONTHS - 1 - back) + wiggle;
                let sourced = self.sourced.get(&month).copied().unwrap_or(0);
                // A month without partner revenue still had the company's own.
                let base = if sourced > 0 { sourced } else { usual };
                let amount = base.saturating_mul(1000) / per_mille;
                CompanyMonth {
                    month,
                    amount: (amount + 500) / 1000 * 1000,
                }
            })
            .collect()
    }
}
