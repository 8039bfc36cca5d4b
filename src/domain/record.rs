//! A partner's child records as one type, so adding, editing and deleting
//! any of them is one kind of edit (docs/architecture.md, "Forms and
//! drafts"): contacts, deals, referrals, certifications, NPS responses and
//! revenue months.

use super::book::{Certification, Contact, Deal, NpsResponse, PartnerFile, Referral, Revenue};
use super::format::{day, day_year, thousands};

/// One child record of a partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Contact(Contact),
    Deal(Deal),
    Referral(Referral),
    Certification(Certification),
    Nps(NpsResponse),
    Revenue(Revenue),
}

/// The kinds of record, in the order menus offer them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Contact,
    Deal,
    Referral,
    Certification,
    Nps,
    Revenue,
}

impl RecordKind {
    pub const ALL: [RecordKind; 6] = [
        RecordKind::Contact,
        RecordKind::Deal,
        RecordKind::Referral,
        RecordKind::Certification,
        RecordKind::Nps,
        RecordKind::Revenue,
    ];

    /// `contact`, `NPS response`, … as a person says it.
    #[must_use]
    pub fn noun(self) -> &'static str {
        match self {
            RecordKind::Contact => "contact",
            RecordKind::Deal => "deal",
            RecordKind::Referral => "referral",
            RecordKind::Certification => "certification",
            RecordKind::Nps => "NPS response",
            RecordKind::Revenue => "revenue month",
        }
    }

    /// Parse `noun`'s short key (`contact`, `deal`, `referral`,
    /// `certification`, `nps`, `revenue`).
    #[must_use]
    pub fn from_key(key: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// A short key for drafts.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            RecordKind::Nps => "nps",
            RecordKind::Revenue => "revenue",
            k => k.noun(),
        }
    }

    /// Every record of this kind in a file, newest last.
    #[must_use]
    pub fn of(self, f: &PartnerFile) -> Vec<Record> {
        match self {
            RecordKind::Contact => f.contacts.iter().cloned().map(Record::Contact).collect(),
            RecordKind::Deal => f.deals.iter().cloned().map(Record::Deal).collect(),
            RecordKind::Referral => f.referrals.iter().cloned().map(Record::Referral).collect(),
            RecordKind::Certification => f
                .certifications
                .iter()
                .cloned()
                .map(Record::Certification)
                .collect(),
            RecordKind::Nps => f.nps.iter().cloned().map(Record::Nps).collect(),
            RecordKind::Revenue => f.revenue.iter().cloned().map(Record::Revenue).collect(),
        }
    }
}

impl Record {
    #[must_use]
    pub fn kind(&self) -> RecordKind {
        match self {
            Record::Contact(_) => RecordKind::Contact,
            Record::Deal(_) => RecordKind::Deal,
            Record::Referral(_) => RecordKind::Referral,
            Record::Certification(_) => RecordKind::Certification,
            Record::Nps(_) => RecordKind::Nps,
            Record::Revenue(_) => RecordKind::Revenue,
        }
    }

    /// The record's id (a revenue month is keyed by its month: 0).
    #[must_use]
    pub fn id(&self) -> i64 {
        match self {
            Record::Contact(r) => r.id,
            Record::Deal(r) => r.id,
            Record::Referral(r) => r.id,
            Record::Certification(r) => r.id,
            Record::Nps(r) => r.id,
            Record::Revenue(_) => 0,
        }
    }

    /// The same record with a new id (revenue months have none).
    #[must_use]
    pub fn with_id(mut self, id: i64) -> Record {
        match &mut self {
            Record::Contact(r) => r.id = id,
            Record::Deal(r) => r.id = id,
            Record::Referral(r) => r.id = id,
            Record::Certification(r) => r.id = id,
            Record::Nps(r) => r.id = id,
            Record::Revenue(_) => {}
        }
        self
    }

    /// Does it still need an id from the store?
    #[must_use]
    pub fn needs_id(&self) -> bool {
        self.id() == 0 && self.kind() != RecordKind::Revenue
    }

    /// Is `other` the same row (same id, or the same month of revenue)?
    #[must_use]
    pub fn same_row(&self, other: &Record) -> bool {
        match (self, other) {
            (Record::Revenue(a), Record::Revenue(b)) => a.month == b.month,
            (a, b) => a.kind() == b.kind() && a.id() == b.id(),
        }
    }

    /// A line naming the record: `deal Contoso renewal`, `NPS 40 of Tue 03 Nov`.
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            Record::Contact(c) => format!("contact {} ({})", c.name, c.role),
            Record::Deal(d) => format!("deal {} ({})", d.name, d.stage),
            Record::Referral(r) => format!("referral {} of {}", r.lead, day(r.date)),
            Record::Certification(c) => format!("certification {} of {}", c.name, c.person),
            Record::Nps(n) => format!("NPS {} of {}", n.score, day(n.date)),
            Record::Revenue(r) => format!("revenue of {}", r.month),
        }
    }

    /// A line telling the record apart from others of its kind, for a list
    /// to pick from: deals often share a name, so a deal adds its amount
    /// and the day it was registered (`deal Pilot (negotiation, 12,500,
    /// Tue 03 Nov 2026)`); other records are told apart by [`Record::label`].
    #[must_use]
    pub fn pick_label(&self) -> String {
        match self {
            Record::Deal(d) => {
                let amount = d.value.map_or_else(
                    || "no amount".to_string(),
                    |v| {
                        let sign = if v < 0 { "-" } else { "" };
                        format!("{sign}{}", thousands(v.unsigned_abs()))
                    },
                );
                format!(
                    "deal {} ({}, {amount}, {})",
                    d.name,
                    d.stage,
                    day_year(d.registered)
                )
            }
            other => other.label(),
        }
    }

    /// The record as the file holds it now, if it is there.
    #[must_use]
    pub fn find_in(&self, f: &PartnerFile) -> Option<Record> {
        self.kind().of(f).into_iter().find(|r| r.same_row(self))
    }

    /// Put the record into the file, replacing its row if there is one.
    pub fn put_into(&self, f: &mut PartnerFile) {
        fn put<T: Clone>(list: &mut Vec<T>, item: &T, same: impl Fn(&T) -> bool) {
            match list.iter().position(same) {
                Some(i) => list[i] = item.clone(),
                None => list.push(item.clone()),
            }
        }
        match self {
            Record::Contact(r) => put(&mut f.contacts, r, |x| x.id == r.id),
            Record::Deal(r) => put(&mut f.deals, r, |x| x.id == r.id),
            Record::Referral(r) => put(&mut f.referrals, r, |x| x.id == r.id),
            Record::Certification(r) => put(&mut f.certifications, r, |x| x.id == r.id),
            Record::Nps(r) => put(&mut f.nps, r, |x| x.id == r.id),
            Record::Revenue(r) => put(&mut f.revenue, r, |x| x.month == r.month),
        }
    }

    /// Take the record's row out of the file.
    pub fn take_from(&self, f: &mut PartnerFile) {
        match self {
            Record::Contact(r) => f.contacts.retain(|x| x.id != r.id),
            Record::Deal(r) => f.deals.retain(|x| x.id != r.id),
            Record::Referral(r) => f.referrals.retain(|x| x.id != r.id),
            Record::Certification(r) => f.certifications.retain(|x| x.id != r.id),
            Record::Nps(r) => f.nps.retain(|x| x.id != r.id),
            Record::Revenue(r) => f.revenue.retain(|x| x.month != r.month),
        }
    }
}
