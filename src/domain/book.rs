//! The book: every record a partner manager keeps about their partners
//! (docs/rules.md, "The book").
//!
//! The book is held per partner: a [`PartnerFile`] carries the partner and
//! everything dated about it, so every rule (health, tiers, triage) reads one
//! file and a date. Ids are the store's row ids; they travel with the JSON
//! export so an import restores the same book.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::labels::text_enum;

text_enum! {
    /// What kind of partnership this is.
    pub enum PartnerType ("partner type") {
        Technology = "technology",
        Referral = "referral",
        Reseller = "reseller",
        Affiliate = "affiliate",
        Si = "si",
        Strategic = "strategic",
        Oem = "oem",
    }
}

impl PartnerType {
    /// How a partner's type reads on screens and in exports: its name, or
    /// "—" until the manager classifies it.
    #[must_use]
    pub fn name_of(kind: Option<PartnerType>) -> &'static str {
        kind.map_or("—", PartnerType::as_str)
    }
}

text_enum! {
    /// Program tier, lowest first (so `Ord` compares tiers).
    pub enum Tier ("tier") {
        Registered = "registered",
        Silver = "silver",
        Gold = "gold",
        Platinum = "platinum",
    }
}

impl Tier {
    /// 0 for Registered up to 3 for Platinum.
    #[must_use]
    pub fn index(self) -> usize {
        Tier::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// The tier above this one, if any.
    #[must_use]
    pub fn next(self) -> Option<Tier> {
        match self {
            Tier::Registered => Some(Tier::Silver),
            Tier::Silver => Some(Tier::Gold),
            Tier::Gold => Some(Tier::Platinum),
            Tier::Platinum => None,
        }
    }

    /// The tier below this one, if any (where a downgrade lands).
    #[must_use]
    pub fn below(self) -> Option<Tier> {
        match self {
            Tier::Registered => None,
            Tier::Silver => Some(Tier::Registered),
            Tier::Gold => Some(Tier::Silver),
            Tier::Platinum => Some(Tier::Gold),
        }
    }

    /// Capitalised name for prose ("70% to Gold").
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Tier::Registered => "Registered",
            Tier::Silver => "Silver",
            Tier::Gold => "Gold",
            Tier::Platinum => "Platinum",
        }
    }
}

text_enum! {
    /// Where the partner is in the partnership lifecycle.
    pub enum Lifecycle ("lifecycle stage") {
        Recruit = "recruit",
        Onboard = "onboard",
        Enable = "enable",
        Activate = "activate",
        Grow = "grow",
    }
}

text_enum! {
    /// The seed's six red flags in partner selection (docs/rules.md,
    /// "Prospects and the scorecard").
    pub enum RedFlag ("red flag") {
        NoPartnerTeam = "no_partner_team",
        CompetitiveOverlap = "competitive_overlap",
        PoorReviews = "poor_reviews",
        FinancialInstability = "financial_instability",
        MisalignedIncentives = "misaligned_incentives",
        OneWayInterest = "one_way_interest",
    }
}

impl Lifecycle {
    /// 0 for recruit up to 4 for grow.
    #[must_use]
    pub fn index_of(self) -> usize {
        Lifecycle::ALL.iter().position(|l| *l == self).unwrap_or(0)
    }

    /// The stage after this one (None at grow).
    #[must_use]
    pub fn next(self) -> Option<Lifecycle> {
        Lifecycle::ALL.get(self.index_of() + 1).copied()
    }
}

text_enum! {
    /// How well the partner fits our strategy (the health score's last dimension).
    pub enum StrategicFit ("strategic fit") {
        Strong = "strong",
        Moderate = "moderate",
        Weak = "weak",
    }
}

text_enum! {
    /// Management segment (docs/rules.md, "Segments and touch cadence");
    /// derived unless the partner overrides it.
    pub enum Segment ("segment") {
        Strategic = "strategic",
        Growth = "growth",
        Stable = "stable",
        AtRisk = "at_risk",
        LongTail = "long_tail",
    }
}

text_enum! {
    /// A contact's role at the partner.
    pub enum ContactRole ("contact role") {
        ExecutiveSponsor = "executive_sponsor",
        PartnerManager = "partner_manager",
        Technical = "technical",
        Marketing = "marketing",
        Sales = "sales",
        Other = "other",
    }
}

text_enum! {
    /// Kind of logged activity.
    pub enum ActivityKind ("activity kind") {
        Call = "call",
        Email = "email",
        Meeting = "meeting",
        Qbr = "qbr",
        PortalLogin = "portal_login",
        Training = "training",
        Event = "event",
        Note = "note",
        /// A CRM's "last activity" date, brought in with its partner: a touch.
        Crm = "crm",
    }
}

impl ActivityKind {
    /// Portal logins and training are the partner engaging with us.
    #[must_use]
    pub fn is_engagement(self) -> bool {
        matches!(self, ActivityKind::PortalLogin | ActivityKind::Training)
    }

    /// Everything else is a touch: us reaching the partner.
    #[must_use]
    pub fn is_touch(self) -> bool {
        !self.is_engagement()
    }
}

text_enum! {
    /// Stage of a registered deal.
    pub enum DealStage ("deal stage") {
        Registered = "registered",
        Qualified = "qualified",
        Proposal = "proposal",
        Negotiation = "negotiation",
        Won = "won",
        Lost = "lost",
    }
}

impl DealStage {
    /// Still in the pipeline (neither won nor lost).
    #[must_use]
    pub fn is_open(self) -> bool {
        !matches!(self, DealStage::Won | DealStage::Lost)
    }
}

text_enum! {
    /// Whether the partner sourced or influenced a deal.
    pub enum Attribution ("attribution") {
        Sourced = "sourced",
        Influenced = "influenced",
    }
}

text_enum! {
    /// QBR status.
    pub enum QbrStatus ("QBR status") {
        Planned = "planned",
        Held = "held",
        Cancelled = "cancelled",
    }
}

text_enum! {
    /// Phase of the QBR checklist.
    pub enum QbrPhase ("QBR phase") {
        Before = "before",
        During = "during",
        After = "after",
    }
}

text_enum! {
    /// Who owns an action item.
    pub enum Side ("owner side") {
        Us = "us",
        Partner = "partner",
        Both = "both",
    }
}

text_enum! {
    /// Kind of co-marketing campaign.
    pub enum CampaignType ("campaign type") {
        JointWebinar = "joint_webinar",
        CoBrandedContent = "co_branded_content",
        EmailSwap = "email_swap",
        Social = "social",
        CaseStudy = "case_study",
        CoSponsoredEvent = "co_sponsored_event",
        BundleOffer = "bundle_offer",
        /// A new partner's onboarding plan (docs/rules.md, "Onboarding plan").
        Onboarding = "onboarding",
    }
}

text_enum! {
    /// What a campaign is for.
    pub enum Objective ("campaign objective") {
        Awareness = "awareness",
        Leads = "leads",
        Revenue = "revenue",
    }
}

text_enum! {
    /// Campaign status.
    pub enum CampaignStatus ("campaign status") {
        Planning = "planning",
        Live = "live",
        Done = "done",
        Cancelled = "cancelled",
    }
}

/// A calendar month, written `YYYY-MM` (revenue is booked per month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: i32,
    /// 1..=12
    pub month: u32,
}

impl YearMonth {
    /// The month a date falls in.
    #[must_use]
    pub fn of(date: NaiveDate) -> Self {
        YearMonth {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Months since year 0, for month arithmetic.
    #[must_use]
    pub fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    /// The month `n` months later (negative `n` goes back).
    #[must_use]
    pub fn plus(self, n: i64) -> Self {
        let idx = self.index() + n;
        YearMonth {
            year: i32::try_from(idx.div_euclid(12)).unwrap_or(i32::MAX),
            month: u32::try_from(idx.rem_euclid(12)).unwrap_or(0) + 1,
        }
    }

    /// The first day of the month.
    #[must_use]
    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl std::str::FromStr for YearMonth {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("'{s}' is not a month (expected YYYY-MM)");
        let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        let digits = |t: &str, n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
        if !digits(y, 4)
            || !digits(m, 2)
            || !super::dates::year_in_range(year)
            || !(1..=12).contains(&month)
        {
            return Err(bad());
        }
        Ok(YearMonth { year, month })
    }
}

impl Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// The company's revenue in one month: all of it, partners' or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyMonth {
    pub month: YearMonth,
    pub amount: i64,
}

/// The partner itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub id: i64,
    pub name: String,
    /// None until the manager classifies it (a CRM's "Other" imports so).
    #[serde(rename = "type")]
    pub kind: Option<PartnerType>,
    pub tier: Tier,
    #[serde(with = "super::dates::ymd")]
    pub tier_since: NaiveDate,
    #[serde(default, with = "super::dates::ymd_opt")]
    pub provisional_until: Option<NaiveDate>,
    pub owner: String,
    pub lifecycle: Lifecycle,
    pub fit: StrategicFit,
    pub segment_override: Option<Segment>,
    pub region: String,
    pub website: String,
    pub notes: String,
    /// RFC 3339 timestamps, kept as written.
    pub created_at: String,
    pub updated_at: String,
    pub archived: bool,
    /// When the agreement was signed; None reads as the created date.
    #[serde(
        default,
        with = "super::dates::ymd_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub joined: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: i64,
    pub name: String,
    pub role: ContactRole,
    pub email: String,
    pub phone: String,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    pub id: i64,
    #[serde(with = "super::dates::ymd")]
    pub date: NaiveDate,
    pub kind: ActivityKind,
    pub summary: String,
    /// Which of the partner's contacts it was with, if one was named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revenue {
    pub month: YearMonth,
    pub sourced: i64,
    pub influenced: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deal {
    pub id: i64,
    pub name: String,
    /// None when the CRM had no amount (an early deal): shown as "—", never 0.
    pub value: Option<i64>,
    #[serde(with = "super::dates::ymd")]
    pub registered: NaiveDate,
    pub stage: DealStage,
    #[serde(with = "super::dates::ymd")]
    pub stage_changed: NaiveDate,
    #[serde(default, with = "super::dates::ymd_opt")]
    pub closed: Option<NaiveDate>,
    pub attribution: Attribution,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    pub id: i64,
    #[serde(with = "super::dates::ymd")]
    pub date: NaiveDate,
    pub lead: String,
    pub qualified: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    pub id: i64,
    pub person: String,
    pub name: String,
    #[serde(with = "super::dates::ymd")]
    pub passed: NaiveDate,
    #[serde(with = "super::dates::ymd")]
    pub expires: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NpsResponse {
    pub id: i64,
    #[serde(with = "super::dates::ymd")]
    pub date: NaiveDate,
    /// -100..=100
    pub score: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    pub id: i64,
    pub phase: QbrPhase,
    pub title: String,
    /// What the step covers ("Revenue (sourced, influenced); Deals …").
    pub detail: String,
    /// Due date = QBR date + this many days (D-7 is -7).
    pub offset_days: i32,
    #[serde(default, with = "super::dates::ymd_opt")]
    pub done: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaSection {
    pub id: i64,
    pub title: String,
    pub minutes: u32,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionItem {
    pub id: i64,
    pub owner: Side,
    pub text: String,
    #[serde(default, with = "super::dates::ymd_opt")]
    pub due: Option<NaiveDate>,
    #[serde(default, with = "super::dates::ymd_opt")]
    pub done: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qbr {
    pub id: i64,
    #[serde(with = "super::dates::ymd")]
    pub date: NaiveDate,
    pub status: QbrStatus,
    pub notes: String,
    pub checklist: Vec<ChecklistItem>,
    pub agenda: Vec<AgendaSection>,
    pub actions: Vec<ActionItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignTask {
    pub id: i64,
    /// W-6 is -6, launch week is 0.
    pub week: i32,
    pub title: String,
    pub owner: String,
    #[serde(with = "super::dates::ymd")]
    pub due: NaiveDate,
    #[serde(default, with = "super::dates::ymd_opt")]
    pub done: Option<NaiveDate>,
    /// How many times its due date moved: its calendar event's SEQUENCE
    /// (`campaigns::moves_after`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub moves: u32,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if takes &T"
)]
fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Results of a campaign, as far as they are known: what its type counts
/// (webinars and events registrants and attendees, email swaps sends, opens
/// and clicks, social reach and engagements, content downloads) and the
/// funnel every type shares.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignResults {
    pub registrants: u32,
    pub attendees: u32,
    pub demo_requests: u32,
    pub sqls: u32,
    pub opportunities: u32,
    pub closed_won: u32,
    #[serde(default)]
    pub sends: u32,
    #[serde(default)]
    pub opens: u32,
    #[serde(default)]
    pub clicks: u32,
    #[serde(default)]
    pub reach: u32,
    #[serde(default)]
    pub engagements: u32,
    #[serde(default)]
    pub downloads: u32,
    /// Pipeline the campaign brought, in whole units of the book's currency.
    #[serde(default)]
    pub pipeline_value: i64,
    /// Revenue closed-won from it (ROI = this / our budget).
    #[serde(default)]
    pub closed_won_value: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    pub id: i64,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: CampaignType,
    #[serde(with = "super::dates::ymd")]
    pub launch: NaiveDate,
    pub objective: Objective,
    pub audience: String,
    pub key_message: String,
    pub kpi: String,
    pub kpi_target: i64,
    pub lead_model: String,
    pub budget_ours: i64,
    pub budget_partner: i64,
    pub status: CampaignStatus,
    pub results: CampaignResults,
    pub tasks: Vec<CampaignTask>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierChange {
    pub id: i64,
    pub from: Tier,
    pub to: Tier,
    #[serde(with = "super::dates::ymd")]
    pub date: NaiveDate,
    pub reason: String,
    pub provisional: bool,
}

/// A move from one lifecycle stage to another, on a date (the lifecycle
/// clock, docs/rules.md "Lifecycle clock").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageChange {
    pub from: Lifecycle,
    pub to: Lifecycle,
    #[serde(with = "super::dates::ymd")]
    pub date: NaiveDate,
}

/// A prospect's qualification scorecard: the seed's seven dimensions, each
/// 1-5, and the red flags seen (docs/rules.md, "Prospects and the
/// scorecard").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scorecard {
    /// When it was scored.
    #[serde(with = "super::dates::ymd")]
    pub date: NaiveDate,
    pub customer_overlap: u8,
    pub product_synergy: u8,
    pub sales_capacity: u8,
    pub marketing_capability: u8,
    pub technical_depth: u8,
    pub brand_alignment: u8,
    pub commitment_level: u8,
    #[serde(default)]
    pub red_flags: Vec<RedFlag>,
}

impl Scorecard {
    /// The seven scores in the seed's order.
    #[must_use]
    pub fn scores(&self) -> [u8; 7] {
        [
            self.customer_overlap,
            self.product_synergy,
            self.sales_capacity,
            self.marketing_capability,
            self.technical_depth,
            self.brand_alignment,
            self.commitment_level,
        ]
    }

    /// A scorecard of `date` with these seven scores (in the seed's order).
    #[must_use]
    pub fn with_scores(date: NaiveDate, s: [u8; 7], red_flags: Vec<RedFlag>) -> Scorecard {
        Scorecard {
            date,
            customer_overlap: s[0],
            product_synergy: s[1],
            sales_capacity: s[2],
            marketing_capability: s[3],
            technical_depth: s[4],
            brand_alignment: s[5],
            commitment_level: s[6],
            red_flags,
        }
    }

    /// 7..=35.
    #[must_use]
    pub fn total(&self) -> u32 {
        self.scores().iter().map(|s| u32::from(*s)).sum()
    }
}

/// One partner and everything dated about it. Every list is kept sorted by
/// date (then id), oldest first; [`PartnerFile::normalize`] restores that.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerFile {
    pub partner: Partner,
    pub contacts: Vec<Contact>,
    pub activities: Vec<Activity>,
    pub revenue: Vec<Revenue>,
    pub deals: Vec<Deal>,
    pub referrals: Vec<Referral>,
    pub certifications: Vec<Certification>,
    pub nps: Vec<NpsResponse>,
    pub qbrs: Vec<Qbr>,
    pub campaigns: Vec<Campaign>,
    pub tier_changes: Vec<TierChange>,
    /// Lifecycle stage moves, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stage_changes: Vec<StageChange>,
    /// The qualification scorecard, once the prospect is scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scorecard: Option<Scorecard>,
}

impl PartnerFile {
    /// A partner with nothing recorded yet.
    #[must_use]
    pub fn new(partner: Partner) -> Self {
        PartnerFile {
            partner,
            contacts: Vec::new(),
            activities: Vec::new(),
            revenue: Vec::new(),
            deals: Vec::new(),
            referrals: Vec::new(),
            certifications: Vec::new(),
            nps: Vec::new(),
            qbrs: Vec::new(),
            campaigns: Vec::new(),
            tier_changes: Vec::new(),
            stage_changes: Vec::new(),
            scorecard: None,
        }
    }

    /// Sort every list into its canonical order (dated lists by date, then id).
    pub fn normalize(&mut self) {
        self.contacts.sort_by_key(|c| c.id);
        self.activities.sort_by_key(|a| (a.date, a.id));
        self.revenue.sort_by_key(|r| r.month);
        self.deals.sort_by_key(|d| (d.registered, d.id));
        self.referrals.sort_by_key(|r| (r.date, r.id));
        self.certifications.sort_by_key(|c| (c.passed, c.id));
        self.nps.sort_by_key(|n| (n.date, n.id));
        self.qbrs.sort_by_key(|q| (q.date, q.id));
        for qbr in &mut self.qbrs {
            qbr.checklist.sort_by_key(|c| (c.offset_days, c.id));
            qbr.agenda.sort_by_key(|a| a.id);
            qbr.actions.sort_by_key(|a| a.id);
        }
        self.campaigns.sort_by_key(|c| (c.launch, c.id));
        for campaign in &mut self.campaigns {
            campaign.tasks.sort_by_key(|t| (t.due, t.week, t.id));
        }
        self.tier_changes.sort_by_key(|t| (t.date, t.id));
        self.stage_changes
            .sort_by_key(|c| (c.date, c.from.index_of(), c.to.index_of()));
    }

    /// The largest id of any row in the file (the partner's own included): what a
    /// book's id counter must start after.
    #[must_use]
    pub fn max_id(&self) -> i64 {
        let ids = std::iter::once(self.partner.id)
            .chain(self.contacts.iter().map(|r| r.id))
            .chain(self.activities.iter().map(|r| r.id))
            .chain(self.deals.iter().map(|r| r.id))
            .chain(self.referrals.iter().map(|r| r.id))
            .chain(self.certifications.iter().map(|r| r.id))
            .chain(self.nps.iter().map(|r| r.id))
            .chain(self.tier_changes.iter().map(|r| r.id))
            .chain(self.qbrs.iter().flat_map(|q| {
                std::iter::once(q.id)
                    .chain(q.checklist.iter().map(|r| r.id))
                    .chain(q.agenda.iter().map(|r| r.id))
                    .chain(q.actions.iter().map(|r| r.id))
            }))
            .chain(
                self.campaigns
                    .iter()
                    .flat_map(|c| std::iter::once(c.id).chain(c.tasks.iter().map(|t| t.id))),
            );
        ids.max().unwrap_or(0)
    }
}

/// The whole book: every partner's file, ordered by partner id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Book {
    pub partners: Vec<PartnerFile>,
    /// The company's whole revenue by month, oldest first: what the
    /// program's revenue shares are a share of (docs/rules.md, "Program
    /// numbers").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub company_revenue: Vec<CompanyMonth>,
}

impl Book {
    /// The partner whose name matches exactly, ignoring case.
    #[must_use]
    pub fn find(&self, name: &str) -> Option<&PartnerFile> {
        self.partners
            .iter()
            .find(|f| super::search::name_key(&f.partner.name) == super::search::name_key(name))
    }
}
