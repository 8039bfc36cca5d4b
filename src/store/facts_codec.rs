//! A partner's facts (`domain::facts`) as bytes, for any engine to keep
//! in one blob per partner.
//!
//! Compact and quick to read back: integers as LEB128 varints (signed ones
//! zigzagged), dates as days since 0001-01-01, enums as their index in the
//! enum's `ALL`, text as length + UTF-8. The partner row itself is not in
//! the blob (it is read from its own table); every record under it is,
//! field for field, so `decode(encode(f)) == f`. Change the layout → bump
//! [`LAYOUT`], and blobs of another layout are read as missing.

use chrono::NaiveDate;

use crate::domain::book::{
    ActionItem, Activity, Campaign, CampaignResults, CampaignTask, Certification, ChecklistItem,
    Contact, Deal, NpsResponse, Partner, PartnerFile, Qbr, Referral, Revenue, Scorecard,
    StageChange, TierChange, YearMonth,
};

/// The first byte of every blob.
pub const LAYOUT: u8 = 5;

/// The blob of `file`'s records (the partner row is left out).
#[must_use]
pub fn encode(file: &PartnerFile) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(512));
    w.0.push(LAYOUT);
    w.list(&file.contacts, |w, c| {
        w.int(c.id);
        w.choice(c.role, crate::domain::book::ContactRole::ALL);
        w.text(&c.name);
        w.text(&c.email);
        w.text(&c.phone);
        w.flag(c.active);
    });
    w.list(&file.activities, |w, a| {
        w.int(a.id);
        w.date(a.date);
        w.choice(a.kind, crate::domain::book::ActivityKind::ALL);
        w.text(&a.summary);
        w.opt(a.contact, Writer::int);
    });
    w.list(&file.revenue, |w, r| {
        w.int(i64::from(r.month.year));
        w.int(i64::from(r.month.month));
        w.int(r.sourced);
        w.int(r.influenced);
    });
    w.list(&file.deals, |w, d| {
        w.int(d.id);
        w.text(&d.name);
        w.opt(d.value, Writer::int);
        w.date(d.registered);
        w.choice(d.stage, crate::domain::book::DealStage::ALL);
        w.date(d.stage_changed);
        w.opt(d.closed, Writer::date);
        w.choice(d.attribution, crate::domain::book::Attribution::ALL);
    });
    w.list(&file.referrals, |w, r| {
        w.int(r.id);
        w.date(r.date);
        w.text(&r.lead);
        w.flag(r.qualified);
    });
    w.list(&file.certifications, |w, c| {
        w.int(c.id);
        w.text(&c.person);
        w.text(&c.name);
        w.date(c.passed);
        w.date(c.expires);
    });
    w.list(&file.nps, |w, n| {
        w.int(n.id);
        w.date(n.date);
        w.int(i64::from(n.score));
    });
    w.list(&file.qbrs, write_qbr);
    w.list(&file.campaigns, write_campaign);
    w.list(&file.tier_changes, |w, t| {
        w.int(t.id);
        w.choice(t.from, crate::domain::book::Tier::ALL);
        w.choice(t.to, crate::domain::book::Tier::ALL);
        w.date(t.date);
        w.text(&t.reason);
        w.flag(t.provisional);
    });
    w.list(&file.stage_changes, |w, c| {
        w.choice(c.from, crate::domain::book::Lifecycle::ALL);
        w.choice(c.to, crate::domain::book::Lifecycle::ALL);
        w.date(c.date);
    });
    w.opt(file.scorecard.as_ref(), |w, card| {
        w.date(card.date);
        for s in card.scores() {
            w.int(i64::from(s));
        }
        w.list(&card.red_flags, |w, f| {
            w.choice(*f, crate::domain::book::RedFlag::ALL);
        });
    });
    w.0
}

/// `partner` with the records of `blob`; None when the blob is of another
/// layout or damaged (the caller then reads the partner's rows instead).
#[must_use]
pub fn decode(partner: Partner, blob: &[u8]) -> Option<PartnerFile> {
    decode_taking(&mut Some(partner), blob)
}

/// [`decode`] of the partner in `slot`, taken from it only when the blob
/// is read (so a caller need not copy it first).
pub fn decode_taking(slot: &mut Option<Partner>, blob: &[u8]) -> Option<PartnerFile> {
    let mut file = records(blob)?;
    file.partner = slot.take()?;
    Some(file)
}

/// The records of `blob`, under a partner with nothing in it yet.
fn records(blob: &[u8]) -> Option<PartnerFile> {
    let (&layout, rest) = blob.split_first()?;
    if layout != LAYOUT {
        return None;
    }
    let mut r = Reader(rest);
    let file = PartnerFile {
        partner: unnamed(),
        contacts: r.list(|r| {
            Some(Contact {
                id: r.int()?,
                role: r.choice(crate::domain::book::ContactRole::ALL)?,
                name: r.text()?,
                email: r.text()?,
                phone: r.text()?,
                active: r.flag()?,
            })
        })?,
        activities: r.list(|r| {
            Some(Activity {
                id: r.int()?,
                date: r.date()?,
                kind: r.choice(crate::domain::book::ActivityKind::ALL)?,
                summary: r.text()?,
                contact: r.opt(Reader::int)?,
            })
        })?,
        revenue: r.list(|r| {
            Some(Revenue {
                month: YearMonth {
                    year: i32::try_from(r.int()?).ok()?,
                    month: u32::try_from(r.int()?).ok()?,
                },
                sourced: r.int()?,
                influenced: r.int()?,
            })
        })?,
        deals: r.list(|r| {
            Some(Deal {
                id: r.int()?,
                name: r.text()?,
                value: r.opt(Reader::int)?,
                registered: r.date()?,
                stage: r.choice(crate::domain::book::DealStage::ALL)?,
                stage_changed: r.date()?,
                closed: r.opt(Reader::date)?,
                attribution: r.choice(crate::domain::book::Attribution::ALL)?,
            })
        })?,
        referrals: r.list(|r| {
            Some(Referral {
                id: r.int()?,
                date: r.date()?,
                lead: r.text()?,
                qualified: r.flag()?,
            })
        })?,
        certifications: r.list(|r| {
            Some(Certification {
                id: r.int()?,
                person: r.text()?,
                name: r.text()?,
                passed: r.date()?,
                expires: r.date()?,
            })
        })?,
        nps: r.list(|r| {
            Some(NpsResponse {
                id: r.int()?,
                date: r.date()?,
                score: i32::try_from(r.int()?).ok()?,
            })
        })?,
        qbrs: r.list(read_qbr)?,
        campaigns: r.list(read_campaign)?,
        tier_changes: r.list(|r| {
            Some(TierChange {
                id: r.int()?,
                from: r.choice(crate::domain::book::Tier::ALL)?,
                to: r.choice(crate::domain::book::Tier::ALL)?,
                date: r.date()?,
                reason: r.text()?,
                provisional: r.flag()?,
            })
        })?,
        stage_changes: r.list(read_stage_change)?,
        scorecard: r.opt(read_scorecard)?,
    };
    r.0.is_empty().then_some(file)
}

/// A partner with nothing in it, until the blob's is put in.
fn unnamed() -> Partner {
    Partner {
        id: 0,
        name: String::new(),
        kind: None,
        tier: crate::domain::book::Tier::Registered,
        tier_since: NaiveDate::MIN,
        provisional_until: None,
        owner: String::new(),
        lifecycle: crate::domain::book::Lifecycle::Recruit,
        fit: crate::domain::book::StrategicFit::Weak,
        segment_override: None,
        region: String::new(),
        website: String::new(),
        notes: String::new(),
        created_at: String::new(),
        updated_at: String::new(),
        archived: false,
        joined: None,
    }
}

fn read_stage_change(r: &mut Reader) -> Option<StageChange> {
    Some(StageChange {
        from: r.choice(crate::domain::book::Lifecycle::ALL)?,
        to: r.choice(crate::domain::book::Lifecycle::ALL)?,
        date: r.date()?,
    })
}

fn read_scorecard(r: &mut Reader) -> Option<Scorecard> {
    let date = r.date()?;
    let mut scores = [0u8; 7];
    for s in &mut scores {
        *s = u8::try_from(r.int()?).ok()?;
    }
    let flags = r.list(|r| r.choice(crate::domain::book::RedFlag::ALL))?;
    Some(Scorecard::with_scores(date, scores, flags))
}

fn write_qbr(w: &mut Writer, q: &Qbr) {
    w.int(q.id);
    w.date(q.date);
    w.choice(q.status, crate::domain::book::QbrStatus::ALL);
    w.text(&q.notes);
    w.list(&q.checklist, |w, i| {
        w.int(i.id);
        w.choice(i.phase, crate::domain::book::QbrPhase::ALL);
        w.text(&i.title);
        w.text(&i.detail);
        w.int(i64::from(i.offset_days));
        w.opt(i.done, Writer::date);
    });
    w.list(&q.agenda, |w, a| {
        w.int(a.id);
        w.text(&a.title);
        w.int(i64::from(a.minutes));
        w.text(&a.notes);
    });
    w.list(&q.actions, |w, a| {
        w.int(a.id);
        w.choice(a.owner, crate::domain::book::Side::ALL);
        w.text(&a.text);
        w.opt(a.due, Writer::date);
        w.opt(a.done, Writer::date);
    });
}

fn read_qbr(r: &mut Reader<'_>) -> Option<Qbr> {
    Some(Qbr {
        id: r.int()?,
        date: r.date()?,
        status: r.choice(crate::domain::book::QbrStatus::ALL)?,
        notes: r.text()?,
        checklist: r.list(|r| {
            Some(ChecklistItem {
                id: r.int()?,
                phase: r.choice(crate::domain::book::QbrPhase::ALL)?,
                title: r.text()?,
                detail: r.text()?,
                offset_days: i32::try_from(r.int()?).ok()?,
                done: r.opt(Reader::date)?,
            })
        })?,
        agenda: r.list(|r| {
            Some(crate::domain::book::AgendaSection {
                id: r.int()?,
                title: r.text()?,
                minutes: u32::try_from(r.int()?).ok()?,
                notes: r.text()?,
            })
        })?,
        actions: r.list(|r| {
            Some(ActionItem {
                id: r.int()?,
                owner: r.choice(crate::domain::book::Side::ALL)?,
                text: r.text()?,
                due: r.opt(Reader::date)?,
                done: r.opt(Reader::date)?,
            })
        })?,
    })
}

fn write_campaign(w: &mut Writer, c: &Campaign) {
    w.int(c.id);
    w.text(&c.name);
    w.choice(c.kind, crate::domain::book::CampaignType::ALL);
    w.date(c.launch);
    w.choice(c.objective, crate::domain::book::Objective::ALL);
    for text in [&c.audience, &c.key_message, &c.kpi] {
        w.text(text);
    }
    w.int(c.kpi_target);
    w.text(&c.lead_model);
    w.int(c.budget_ours);
    w.int(c.budget_partner);
    w.choice(c.status, crate::domain::book::CampaignStatus::ALL);
    let res = &c.results;
    for n in [
        res.registrants,
        res.attendees,
        res.demo_requests,
        res.sqls,
        res.opportunities,
        res.closed_won,
        res.sends,
        res.opens,
        res.clicks,
        res.reach,
        res.engagements,
        res.downloads,
    ] {
        w.int(i64::from(n));
    }
    w.int(res.pipeline_value);
    w.int(res.closed_won_value);
    w.list(&c.tasks, |w, t| {
        w.int(t.id);
        w.int(i64::from(t.week));
        w.text(&t.title);
        w.text(&t.owner);
        w.date(t.due);
        w.opt(t.done, Writer::date);
        w.int(i64::from(t.moves));
    });
}

fn read_campaign(r: &mut Reader<'_>) -> Option<Campaign> {
    let count = |r: &mut Reader<'_>| u32::try_from(r.int()?).ok();
    Some(Campaign {
        id: r.int()?,
        name: r.text()?,
        kind: r.choice(crate::domain::book::CampaignType::ALL)?,
        launch: r.date()?,
        objective: r.choice(crate::domain::book::Objective::ALL)?,
        audience: r.text()?,
        key_message: r.text()?,
        kpi: r.text()?,
        kpi_target: r.int()?,
        lead_model: r.text()?,
        budget_ours: r.int()?,
        budget_partner: r.int()?,
        status: r.choice(crate::domain::book::CampaignStatus::ALL)?,
        results: CampaignResults {
            registrants: count(r)?,
            attendees: count(r)?,
            demo_requests: count(r)?,
            sqls: count(r)?,
            opportunities: count(r)?,
            closed_won: count(r)?,
            sends: count(r)?,
            opens: count(r)?,
            clicks: count(r)?,
            reach: count(r)?,
            engagements: count(r)?,
            downloads: count(r)?,
            pipeline_value: r.int()?,
            closed_won_value: r.int()?,
        },
        tasks: r.list(|r| {
            Some(CampaignTask {
                id: r.int()?,
                week: i32::try_from(r.int()?).ok()?,
                title: r.text()?,
                owner: r.text()?,
                due: r.date()?,
                done: r.opt(Reader::date)?,
                moves: u32::try_from(r.int()?).ok()?,
            })
        })?,
    })
}

struct Writer(Vec<u8>);

impl Writer {
    fn uint(&mut self, mut n: u64) {
        // Seven bits a byte, low first; the high bit says "more follows".
        while n >= 0x80 {
            self.0.push((n & 0x7f) as u8 | 0x80);
            n >>= 7;
        }
        self.0.push((n & 0x7f) as u8);
    }

    fn int(&mut self, n: i64) {
        // Zigzag: small negative numbers stay short.
        self.uint(((n << 1) ^ (n >> 63)).cast_unsigned());
    }

    fn flag(&mut self, b: bool) {
        self.0.push(u8::from(b));
    }

    fn date(&mut self, d: NaiveDate) {
        self.int(i64::from(chrono::Datelike::num_days_from_ce(&d)));
    }

    fn text(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    fn choice<T: PartialEq + Copy>(&mut self, v: T, all: &[T]) {
        self.uint(all.iter().position(|x| *x == v).unwrap_or(0) as u64);
    }

    fn opt<T>(&mut self, v: Option<T>, put: fn(&mut Writer, T)) {
        match v {
            None => self.flag(false),
            Some(v) => {
                self.flag(true);
                put(self, v);
            }
        }
    }

    fn list<T>(&mut self, items: &[T], mut put: impl FnMut(&mut Writer, &T)) {
        self.uint(items.len() as u64);
        for item in items {
            put(self, item);
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }

    fn uint(&mut self) -> Option<u64> {
        let mut n = 0_u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(n);
            }
        }
        None
    }

    fn int(&mut self) -> Option<i64> {
        let n = self.uint()?;
        Some((n >> 1).cast_signed() ^ -((n & 1).cast_signed()))
    }

    fn flag(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn date(&mut self) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(i32::try_from(self.int()?).ok()?)
    }

    fn text(&mut self) -> Option<String> {
        let len = usize::try_from(self.uint()?).ok()?;
        if len > self.0.len() {
            return None;
        }
        let (bytes, rest) = self.0.split_at(len);
        self.0 = rest;
        String::from_utf8(bytes.to_vec()).ok()
    }

    fn choice<T: Copy>(&mut self, all: &[T]) -> Option<T> {
        all.get(usize::try_from(self.uint()?).ok()?).copied()
    }

    /// Outer None: the blob is damaged; inner None: the field is empty.
    #[allow(clippy::option_option)]
    fn opt<T>(&mut self, get: fn(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.flag()? {
            get(self).map(Some)
        } else {
            Some(None)
        }
    }

    fn list<T>(&mut self, mut get: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = usize::try_from(self.uint()?).ok()?;
        // A damaged length must not reserve memory the blob cannot fill.
        let mut out = Vec::with_capacity(n.min(self.0.len()));
        for _ in 0..n {
            out.push(get(self)?);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::{ActivityKind, ContactRole, QbrStatus};
    use crate::domain::config::ProgramConfig;
    use crate::domain::qbr::new_qbr;
    use crate::domain::testing::{
        activity, campaign, cert, contact, date, deal, month, nps, partner_file, referral, revenue,
        task,
    };

    #[test]
    fn every_record_comes_back_as_it_went_in() {
        let cfg = ProgramConfig::default();
        let mut f = partner_file("Contoso");
        f.contacts = vec![contact("Ana Ruiz ✓", ContactRole::Technical)];
        f.activities = vec![activity(date(2026, 1, 2), ActivityKind::Meeting)];
        f.activities[0].contact = Some(7);
        f.activities[0].summary = "long talk".into();
        f.revenue = vec![revenue(month(2026, 3), -5, i64::MAX)];
        f.deals = vec![deal(date(2025, 12, 31))];
        f.deals[0].closed = Some(date(2026, 2, 1));
        f.referrals = vec![referral(date(2026, 4, 4), true)];
        f.certifications = vec![cert("Bo", date(1900, 1, 1))];
        f.nps = vec![nps(date(2026, 5, 5), -100)];
        let mut q = new_qbr(date(2026, 6, 6), &cfg);
        q.status = QbrStatus::Held;
        q.checklist[0].done = Some(date(2026, 6, 1));
        f.qbrs = vec![q];
        let mut c = campaign("Webinar", date(2026, 12, 1));
        c.tasks = vec![task(3, -6, "Topic", date(2026, 10, 20))];
        c.results.attendees = 41;
        f.campaigns = vec![c];
        let blob = encode(&f);
        assert_eq!(decode(f.partner.clone(), &blob), Some(f.clone()));
        // A cut blob or another layout is read as missing, never half-read.
        assert_eq!(decode(f.partner.clone(), &blob[..blob.len() - 1]), None);
        let mut other = blob.clone();
        other[0] = LAYOUT + 1;
        assert_eq!(decode(f.partner, &other), None);
    }
}
