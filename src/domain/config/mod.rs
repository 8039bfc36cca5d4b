//! Program config (docs/rules.md, "Program config"): every threshold the
//! rules use.
//!
//! The defaults live in `assets/program.toml`, embedded in the binary. A user
//! file overrides them key by key: tables merge, any other value replaces. A
//! malformed file is reported with the file, the line and the key, so the
//! manager can fix it without reading code.
//!
//! - `types`: one struct per table of the file;
//! - `load`: parsing, layering and where each key is written;
//! - `validate`: rules a well-formed file can still break.

mod load;
mod money;
mod types;
mod validate;

use serde::Deserialize;

pub use types::{
    ActivityRule, AgendaTemplate, BandRules, BenefitRow, Benefits, BenefitsMatrix, Cadence,
    CampaignRules, CertificationRules, ChecklistTemplate, CloseRule, CountStep, DealRules,
    EngagementRule, FitRule, HealthRules, ImportAliases, ImportRules, KpiRules, MatrixRules,
    ProvisionalRule, QbrRules, RecencyStep, RevenueRule, SatisfactionRule, SegmentRules,
    TaskTemplate, ThemeChoice, TierCriteria, TierRules, TrendRules, TriageRules, TypeWeights,
    UiPrefs,
};

pub use money::{
    Bracket, BudgetRules, CommissionModel, CommissionRules, MdfAllotment, MdfRules, TierRates,
};

/// The embedded default config.
pub const DEFAULT_TOML: &str = include_str!("../../../assets/program.toml");

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramConfig {
    pub currency: String,
    /// The manager using the program, as partner owners are written; empty
    /// for everyone (docs/rules.md, "Mine").
    pub me: String,
    pub health: HealthRules,
    pub bands: BandRules,
    pub trend: TrendRules,
    pub tiers: TierRules,
    pub certifications: CertificationRules,
    pub benefits: BenefitsMatrix,
    pub commissions: CommissionRules,
    pub mdf: MdfRules,
    pub budget: BudgetRules,
    pub segments: SegmentRules,
    pub cadence: Cadence,
    pub deals: DealRules,
    pub triage: TriageRules,
    pub kpi: KpiRules,
    pub qbr: QbrRules,
    pub campaigns: CampaignRules,
    pub matrix: MatrixRules,
    pub focus: crate::domain::focus::FocusRules,
    pub lifecycle: crate::domain::lifecycle::LifecycleRules,
    pub ui: UiPrefs,
    pub import: ImportRules,
    /// Each person, with the spellings CRMs write them in
    /// (`Dana = ["dana@example.com", "Dana Reyes"]`; docs/rules.md, "Owners").
    #[serde(default)]
    pub owners: std::collections::BTreeMap<String, Vec<String>>,
    /// What the book records at all, set by the analysis from the book
    /// (never from a file): the rules read it, and the summary cache is
    /// keyed by it (docs/rules.md, "What the book does not track").
    #[serde(skip)]
    pub coverage: crate::domain::coverage::Coverage,
}

impl ProgramConfig {
    /// These rules as they apply to a book with this coverage.
    #[must_use]
    pub fn for_book(self, coverage: crate::domain::coverage::Coverage) -> ProgramConfig {
        ProgramConfig { coverage, ..self }
    }

    /// A tier's criteria as they apply to this book: one that records no
    /// certification at all leaves certifications out (docs/rules.md,
    /// "What the book does not track"). None for Registered.
    #[must_use]
    pub fn tier_criteria(&self, tier: crate::domain::book::Tier) -> Option<TierCriteria> {
        let mut c = self.tiers.criteria(tier)?.clone();
        if !self.coverage.certifications {
            c.certified = 0;
        }
        Some(c)
    }
}

/// A config file that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("config error in {file}{}{}: {message}", line.map(|l| format!(" line {l}")).unwrap_or_default(), key.as_ref().map(|k| format!(", key `{k}`")).unwrap_or_default())]
pub struct ConfigError {
    pub file: String,
    pub line: Option<usize>,
    pub key: Option<String>,
    pub message: String,
}

impl ConfigError {
    /// A problem with `key` found outside the config's own checks (the
    /// cockpit's key remaps), placed on its line of the user's file.
    #[must_use]
    pub fn at_key(file: &str, text: &str, key: &str, message: String) -> ConfigError {
        load::locate(file, text, key, message)
    }
}

impl Default for ProgramConfig {
    fn default() -> Self {
        // The embedded defaults are checked by a unit test, so this cannot fail
        // in a released build.
        #[allow(clippy::expect_used)]
        ProgramConfig::from_layers(None).expect("embedded program.toml is valid")
    }
}

impl ProgramConfig {
    /// The defaults overridden by a user file (`(file name, text)`), if any.
    ///
    /// # Errors
    /// A [`ConfigError`] naming the file, line and key that is wrong.
    pub fn from_layers(user: Option<(&str, &str)>) -> Result<Self, ConfigError> {
        load::from_layers(user)
    }
}
