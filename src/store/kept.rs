//! Screens' lists kept beside the summary cache, engine-neutral: which
//! lists, and how each is encoded (docs/architecture.md, "The first
//! frame").
//!
//! The QBR lines, the campaigns list and the tier statuses are read whole
//! the first time their screen is shown; the program's report
//! (`analyse::program_report`) is worked out from every partner's facts
//! the first time Program is shown, and kept in two rows: its metrics, and
//! the partners each counts (read only when a metric is explained). Each is kept encoded in one row
//! of `kept_lists`, under the summary cache's key and the argument it was
//! read for, and read back from there while the book is unchanged: any
//! change of `meta.summaries_key` (which every write of the book's records
//! makes, by trigger or by the writer, on both engines) empties the table
//! by trigger, so a kept list is as current as the summaries are. A list
//! is kept in the same transaction it was read in, and only when the cache
//! is current; a book that cannot be written reads the list every time.

use chrono::NaiveDate;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::domain::book::CompanyMonth;
use crate::domain::campaigns::CampaignRow;
use crate::domain::qbr_board::QbrLine;
use crate::domain::tiers::TierStatus;

/// Bump when what a kept list holds changes, so rows kept by another
/// build are read again rather than decoded wrongly.
const LAYOUT: u32 = 1;

/// A list a screen reads whole, and what it was read for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// The QBR board's lines from this date on (`BookStore::qbr_lines`).
    QbrLines(NaiveDate),
    /// The campaigns list as of this day (`BookStore::campaign_rows`).
    Campaigns(NaiveDate),
    /// Every partner's tier status, by id (`BookStore::cached_tiers`).
    Tiers,
    /// The program's metrics as of this day, without the partners each
    /// counts, for company revenue of this fingerprint
    /// ([`company_fingerprint`]: company revenue is not a record of a
    /// partner, so writing it does not make the summaries stale).
    Program(NaiveDate, u64),
    /// The partners each of those metrics counts, in the metrics' order.
    ProgramGroups(NaiveDate, u64),
}

impl Kept {
    /// Its row's name in `kept_lists`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Kept::QbrLines(_) => "qbr_lines",
            Kept::Campaigns(_) => "campaigns",
            Kept::Tiers => "tiers",
            Kept::Program(..) => "program",
            Kept::ProgramGroups(..) => "program_groups",
        }
    }

    /// What it was read for, with the layout: a kept row is used only when
    /// both are the same.
    #[must_use]
    pub fn arg(self) -> String {
        match self {
            Kept::QbrLines(day) | Kept::Campaigns(day) => format!("{LAYOUT} {day}"),
            Kept::Tiers => LAYOUT.to_string(),
            Kept::Program(day, company) | Kept::ProgramGroups(day, company) => {
                format!("{LAYOUT} {day} {company:016x}")
            }
        }
    }
}

/// A stable fingerprint of the company's revenue months (FNV-1a over each
/// month and amount), for the program's kept rows.
#[must_use]
pub fn company_fingerprint(months: &[CompanyMonth]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for m in months {
        for byte in format!("{}={};", m.month, m.amount).bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The QBR lines as kept.
pub type QbrLines = Vec<QbrLine>;
/// The campaigns list as kept.
pub type Campaigns = Vec<CampaignRow>;
/// The tier statuses as kept, by partner id.
pub type Tiers = Vec<(i64, TierStatus)>;

/// A list encoded to keep (None if it cannot be: it is then not kept).
pub fn encode<T: Serialize>(list: &T) -> Option<Vec<u8>> {
    postcard::to_allocvec(list).ok()
}

/// A kept list, or None when it does not decode (then it is read again).
#[must_use]
pub fn decode<T: DeserializeOwned>(data: &[u8]) -> Option<T> {
    postcard::from_bytes(data).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::{CampaignStatus, CampaignType, QbrStatus};

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
    }

    #[test]
    fn kept_lists_decode_to_what_was_kept() {
        let lines = vec![QbrLine {
            partner_id: 7,
            partner: "Atlas Grid GmbH".into(),
            qbr_id: 3,
            date: day(),
            status: QbrStatus::Planned,
            prep_done: 2,
            prep_total: 5,
            next_item: Some("Pull the pipeline".into()),
        }];
        let data = encode(&lines).expect("encoded");
        assert_eq!(decode::<QbrLines>(&data), Some(lines));
        let rows = vec![CampaignRow {
            id: 1,
            partner_id: 7,
            partner: "Atlas Grid GmbH".into(),
            owner: "dana".into(),
            name: "Webinar".into(),
            kind: CampaignType::JointWebinar,
            launch: day(),
            status: CampaignStatus::Live,
            done: 1,
            total: 4,
            percent: 25,
            overdue: 1,
            next: Some(("Send invites".into(), day())),
            budget_ours: 1_000,
            closed_won_value: 0,
        }];
        let data = encode(&rows).expect("encoded");
        assert_eq!(decode::<Campaigns>(&data), Some(rows));
        assert_eq!(decode::<Campaigns>(&[0xff, 0xff]), None);
    }

    #[test]
    fn a_list_kept_for_another_day_is_another_argument() {
        let other = day().succ_opt().expect("next day");
        assert_ne!(Kept::QbrLines(day()).arg(), Kept::QbrLines(other).arg());
        assert_ne!(Kept::QbrLines(day()).name(), Kept::Campaigns(day()).name());
    }

    #[test]
    fn the_program_kept_for_other_company_revenue_is_another_argument() {
        let month = |amount| CompanyMonth {
            month: crate::domain::book::YearMonth {
                year: 2026,
                month: 11,
            },
            amount,
        };
        let (a, b) = (
            company_fingerprint(&[month(1_000)]),
            company_fingerprint(&[month(1_001)]),
        );
        assert_ne!(a, b);
        assert_ne!(company_fingerprint(&[]), a);
        assert_ne!(Kept::Program(day(), a).arg(), Kept::Program(day(), b).arg());
        assert_ne!(
            Kept::Program(day(), a).name(),
            Kept::ProgramGroups(day(), a).name()
        );
    }
}
