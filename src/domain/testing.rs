//! Builders for domain tests: a partner with nothing on file, then add records.

use chrono::{Months, NaiveDate};

use super::book::{
    Activity, ActivityKind, Attribution, Campaign, CampaignResults, CampaignStatus, CampaignTask,
    CampaignType, Certification, Contact, ContactRole, Deal, DealStage, Lifecycle, NpsResponse,
    Objective, Partner, PartnerFile, PartnerType, Referral, Revenue, StrategicFit, Tier, YearMonth,
};

/// `NaiveDate` from numbers (tests only).
///
/// # Panics
/// On an impossible date.
#[must_use]
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("bad test date {y}-{m}-{d}"))
}

/// The day the rule tests are written against: Wednesday 25 November 2026.
#[must_use]
pub fn today() -> NaiveDate {
    date(2026, 11, 25)
}

/// `n` days before [`today`].
///
/// # Panics
/// Never for test-sized `n`.
#[must_use]
pub fn days_ago(n: u64) -> NaiveDate {
    today()
        .checked_sub_days(chrono::Days::new(n))
        .unwrap_or_else(|| panic!("{n} days before the test day"))
}

/// `n` days after [`today`].
///
/// # Panics
/// Never for test-sized `n`.
#[must_use]
pub fn days_ahead(n: u64) -> NaiveDate {
    today()
        .checked_add_days(chrono::Days::new(n))
        .unwrap_or_else(|| panic!("{n} days after the test day"))
}

/// `n` months before [`today`].
///
/// # Panics
/// Never for test-sized `n`.
#[must_use]
pub fn months_ago(n: u32) -> NaiveDate {
    today()
        .checked_sub_months(chrono::Months::new(n))
        .unwrap_or_else(|| panic!("{n} months before the test day"))
}

/// The built-in program config.
#[must_use]
pub fn cfg() -> super::config::ProgramConfig {
    super::config::ProgramConfig::default()
}

/// A Registered technology partner with weak fit and no records.
#[must_use]
pub fn partner_file(name: &str) -> PartnerFile {
    PartnerFile::new(Partner {
        id: 1,
        name: name.to_string(),
        kind: Some(PartnerType::Technology),
        tier: Tier::Registered,
        tier_since: date(2024, 1, 1),
        provisional_until: None,
        owner: "Dana".into(),
        lifecycle: Lifecycle::Grow,
        fit: StrategicFit::Weak,
        segment_override: None,
        region: "EMEA".into(),
        website: String::new(),
        notes: String::new(),
        created_at: "2024-01-01T00:00:00Z".into(),
        updated_at: "2024-01-01T00:00:00Z".into(),
        archived: false,
        joined: None,
    })
}

/// A month, `YearMonth` from numbers (tests only).
#[must_use]
pub fn month(y: i32, m: u32) -> YearMonth {
    YearMonth { year: y, month: m }
}

/// One month of revenue.
#[must_use]
pub fn revenue(month: YearMonth, sourced: i64, influenced: i64) -> Revenue {
    Revenue {
        month,
        sourced,
        influenced,
    }
}

/// A sourced deal registered on a day, still at stage `registered`.
#[must_use]
pub fn deal(registered: NaiveDate) -> Deal {
    Deal {
        id: 0,
        name: format!("Deal {registered}"),
        value: Some(10_000),
        registered,
        stage: DealStage::Registered,
        stage_changed: registered,
        closed: None,
        attribution: Attribution::Sourced,
    }
}

/// An activity of a kind on a day.
#[must_use]
pub fn activity(date: NaiveDate, kind: ActivityKind) -> Activity {
    Activity {
        id: 0,
        date,
        kind,
        summary: format!("{kind} on {date}"),
        contact: None,
    }
}

/// An NPS response.
#[must_use]
pub fn nps(date: NaiveDate, score: i32) -> NpsResponse {
    NpsResponse { id: 0, date, score }
}

/// A certification passed on a day, valid for the default 12 months.
///
/// # Panics
/// When the expiry date cannot be represented.
#[must_use]
pub fn cert(person: &str, passed: NaiveDate) -> Certification {
    let expires = passed
        .checked_add_months(Months::new(12))
        .unwrap_or_else(|| panic!("bad test date {passed} + 12 months"));
    cert_until(person, passed, expires)
}

/// A certification with an explicit expiry date.
#[must_use]
pub fn cert_until(person: &str, passed: NaiveDate, expires: NaiveDate) -> Certification {
    Certification {
        id: 0,
        person: person.to_string(),
        name: "Partner Certified".into(),
        passed,
        expires,
    }
}

/// A referral on a day.
#[must_use]
pub fn referral(date: NaiveDate, qualified: bool) -> Referral {
    Referral {
        id: 0,
        date,
        lead: format!("Lead {date}"),
        qualified,
    }
}

/// An active partner-side contact.
#[must_use]
pub fn contact(name: &str, role: ContactRole) -> Contact {
    Contact {
        id: 0,
        name: name.to_string(),
        role,
        email: String::new(),
        phone: String::new(),
        active: true,
    }
}

/// Chainable additions to a [`PartnerFile`]; each keeps the file in its
/// canonical order and gives new records the next free id.
pub trait FileBuilder: Sized {
    #[must_use]
    fn with_revenue(self, month: YearMonth, sourced: i64, influenced: i64) -> Self;
    #[must_use]
    fn with_deal(self, deal: Deal) -> Self;
    #[must_use]
    fn with_activity(self, date: NaiveDate, kind: ActivityKind) -> Self;
    #[must_use]
    fn with_nps(self, date: NaiveDate, score: i32) -> Self;
    #[must_use]
    fn with_cert(self, cert: Certification) -> Self;
    #[must_use]
    fn with_referral(self, date: NaiveDate, qualified: bool) -> Self;
    #[must_use]
    fn with_contact(self, contact: Contact) -> Self;
}

fn next_id(len: usize) -> i64 {
    i64::try_from(len).unwrap_or(i64::MAX - 1) + 1
}

impl FileBuilder for PartnerFile {
    fn with_revenue(mut self, month: YearMonth, sourced: i64, influenced: i64) -> Self {
        self.revenue.push(revenue(month, sourced, influenced));
        self.normalize();
        self
    }

    fn with_deal(mut self, mut deal: Deal) -> Self {
        deal.id = next_id(self.deals.len());
        self.deals.push(deal);
        self.normalize();
        self
    }

    fn with_activity(mut self, date: NaiveDate, kind: ActivityKind) -> Self {
        let mut a = activity(date, kind);
        a.id = next_id(self.activities.len());
        self.activities.push(a);
        self.normalize();
        self
    }

    fn with_nps(mut self, date: NaiveDate, score: i32) -> Self {
        let mut n = nps(date, score);
        n.id = next_id(self.nps.len());
        self.nps.push(n);
        self.normalize();
        self
    }

    fn with_cert(mut self, mut cert: Certification) -> Self {
        cert.id = next_id(self.certifications.len());
        self.certifications.push(cert);
        self.normalize();
        self
    }

    fn with_referral(mut self, date: NaiveDate, qualified: bool) -> Self {
        let mut r = referral(date, qualified);
        r.id = next_id(self.referrals.len());
        self.referrals.push(r);
        self.normalize();
        self
    }

    fn with_contact(mut self, mut contact: Contact) -> Self {
        contact.id = next_id(self.contacts.len());
        self.contacts.push(contact);
        self.normalize();
        self
    }
}

/// A live email-swap campaign launching on a day, with no tasks yet.
#[must_use]
pub fn campaign(name: &str, launch: NaiveDate) -> Campaign {
    Campaign {
        id: 1,
        name: name.to_string(),
        kind: CampaignType::EmailSwap,
        launch,
        objective: Objective::Leads,
        audience: String::new(),
        key_message: String::new(),
        kpi: "registrants".into(),
        kpi_target: 100,
        lead_model: "shared".into(),
        budget_ours: 0,
        budget_partner: 0,
        status: CampaignStatus::Live,
        results: CampaignResults::default(),
        tasks: Vec::new(),
    }
}

/// An open campaign task (week offset, title, due date).
#[must_use]
pub fn task(id: i64, week: i32, title: &str, due: NaiveDate) -> CampaignTask {
    CampaignTask {
        id,
        week,
        title: title.to_string(),
        owner: "both".into(),
        due,
        done: None,
        moves: 0,
    }
}
