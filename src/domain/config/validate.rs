//! Rules a well-formed config can still break (docs/rules.md, "Program
//! config"): ranges that keep every rule from overflowing, steps in the order
//! the rules read them, health points that add up to 100, bands that a score
//! can reach, tier thresholds that rise, and a 0-100 value matrix.

use super::ProgramConfig;

/// A config the rules cannot use: the keys it is about, most specific first
/// (the loader names the first one the user's file sets), and the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Invalid {
    pub keys: Vec<String>,
    pub message: String,
}

impl Invalid {
    fn at(key: &str, message: impl Into<String>) -> Self {
        Invalid {
            keys: vec![key.to_string()],
            message: message.into(),
        }
    }
}

/// Every check, in a fixed order; the first problem found is reported.
pub(super) fn check(cfg: &ProgramConfig) -> Result<(), Invalid> {
    check_finite(cfg)?;
    check_bands(cfg)?;
    check_steps(cfg)?;
    check_tiers(cfg)?;
    check_kpi(cfg)?;
    if cfg.trend.spark_weeks == 0 {
        return Err(Invalid::at("trend.spark_weeks", "must be at least 1"));
    }
    check_days(cfg)?;
    check_counts(cfg)?;
    check_health_total(cfg)?;
    check_matrix(cfg)?;
    super::money::check(cfg)?;
    check_benefits(cfg)?;
    match crate::domain::import::unknown_alias(&cfg.import) {
        Some((key, message)) => Err(Invalid::at(&key, message)),
        None => Ok(()),
    }
}

/// Numbers with a fraction are real numbers: TOML's `nan`, `inf` and
/// `-inf` would make every comparison of the rule that reads them false.
fn check_finite(cfg: &ProgramConfig) -> Result<(), Invalid> {
    let r = &cfg.health.revenue;
    for (key, value) in [
        ("strong_growth_pct", r.strong_growth_pct),
        ("flat_pct", r.flat_pct),
    ] {
        if !value.is_finite() {
            return Err(Invalid::at(
                &format!("health.revenue.{key}"),
                format!(
                    "{value} is not a number a rule can compare (write a percentage such as 20.0)"
                ),
            ));
        }
    }
    Ok(())
}

/// Bands fall strictly from Champion to Critical, and every band can be
/// reached by a score of 0 to 100.
fn check_bands(cfg: &ProgramConfig) -> Result<(), Invalid> {
    let b = &cfg.bands;
    if !(b.champion > b.healthy && b.healthy > b.at_risk && b.at_risk > b.critical) {
        return Err(Invalid::at(
            "bands",
            "band minimums must fall: champion > healthy > at_risk > critical \
             (a band whose minimum is not above the next one's can never be reached)",
        ));
    }
    if b.champion > 100 {
        return Err(Invalid::at(
            "bands.champion",
            format!(
                "must be at most 100: a score is 0-100, so Champion at {} can never be reached",
                b.champion
            ),
        ));
    }
    if b.critical == 0 {
        return Err(Invalid::at(
            "bands.critical",
            "must be at least 1: Churning is every score below it, so at 0 it can never be reached",
        ));
    }
    Ok(())
}

/// Step lists in the order the rules read them (first match wins).
fn check_steps(cfg: &ProgramConfig) -> Result<(), Invalid> {
    let h = &cfg.health;
    let descending = |mins: &[i64]| mins.windows(2).all(|w| w[0] > w[1]);
    let act: Vec<i64> = h.activity.steps.iter().map(|s| s.min).collect();
    if !descending(&act) {
        return Err(Invalid::at(
            "health.activity.steps",
            "steps must be listed from the highest `min` down",
        ));
    }
    let sat: Vec<i64> = h.satisfaction.steps.iter().map(|s| s.min).collect();
    if !descending(&sat) {
        return Err(Invalid::at(
            "health.satisfaction.steps",
            "steps must be listed from the highest `min` down",
        ));
    }
    let eng: Vec<i64> = h.engagement.steps.iter().map(|s| -s.max_days).collect();
    if !descending(&eng) {
        return Err(Invalid::at(
            "health.engagement.steps",
            "steps must be listed from the smallest `max_days` up",
        ));
    }
    Ok(())
}

/// The program's targets: shares are ranges within 0-100%.
fn check_kpi(cfg: &ProgramConfig) -> Result<(), Invalid> {
    let k = &cfg.kpi;
    for (key, [low, high]) in [
        ("kpi.sourced_share_target_pct", k.sourced_share_target_pct),
        (
            "kpi.influenced_share_target_pct",
            k.influenced_share_target_pct,
        ),
    ] {
        if low > high || high > 100 {
            return Err(Invalid::at(
                key,
                "must be [low, high] with low ≤ high ≤ 100",
            ));
        }
    }
    for (key, pct) in [
        ("kpi.activation_target_pct", k.activation_target_pct),
        ("kpi.qbr_completion_target_pct", k.qbr_completion_target_pct),
        ("kpi.retention_target_pct", k.retention_target_pct),
    ] {
        if pct > 100 {
            return Err(Invalid::at(key, "must be at most 100"));
        }
    }
    if !(-100..=100).contains(&k.nps_target) {
        return Err(Invalid::at("kpi.nps_target", "must be -100 to 100"));
    }
    Ok(())
}

fn check_tiers(cfg: &ProgramConfig) -> Result<(), Invalid> {
    let t = &cfg.tiers;
    if !(t.silver.arr < t.gold.arr && t.gold.arr < t.platinum.arr) {
        return Err(Invalid::at(
            "tiers",
            "ARR thresholds must rise: silver < gold < platinum",
        ));
    }
    for (key, c) in [
        ("tiers.silver", &t.silver),
        ("tiers.gold", &t.gold),
        ("tiers.platinum", &t.platinum),
    ] {
        if c.arr <= 0 || c.referrals == 0 {
            return Err(Invalid::at(key, "arr and referrals must be above zero"));
        }
    }
    Ok(())
}

/// Day counts: at least `min`, at most ten years, so no rule can overflow on
/// a typo like `window_days = 1e11`.
fn check_days(cfg: &ProgramConfig) -> Result<(), Invalid> {
    const DAYS: i64 = 3660;
    let days: [(&str, i64, i64); 13] = [
        (
            "health.activity.window_days",
            cfg.health.activity.window_days,
            1,
        ),
        ("trend.delta_days", cfg.trend.delta_days, 1),
        (
            "tiers.provisional.warn_days",
            cfg.tiers.provisional.warn_days,
            0,
        ),
        ("cadence.strategic", cfg.cadence.strategic, 1),
        ("cadence.growth", cfg.cadence.growth, 1),
        ("cadence.stable", cfg.cadence.stable, 1),
        ("cadence.at_risk", cfg.cadence.at_risk, 1),
        ("cadence.long_tail", cfg.cadence.long_tail, 1),
        ("deals.stuck_days", cfg.deals.stuck_days, 1),
        ("triage.due_soon_days", cfg.triage.due_soon_days, 0),
        ("triage.qbr_window_days", cfg.triage.qbr_window_days, 0),
        ("qbr.cadence_days", cfg.qbr.cadence_days, 1),
        ("qbr.missed_after_days", cfg.qbr.missed_after_days, 0),
    ];
    for (key, value, min) in days {
        if !(min..=DAYS).contains(&value) {
            return Err(Invalid::at(key, format!("must be {min} to {DAYS} days")));
        }
    }
    Ok(())
}

/// Quarters, months, weeks and points.
fn check_counts(cfg: &ProgramConfig) -> Result<(), Invalid> {
    let small: [(&str, u32, u32); 6] = [
        (
            "tiers.silver.grace_quarters",
            cfg.tiers.silver.grace_quarters,
            40,
        ),
        (
            "tiers.gold.grace_quarters",
            cfg.tiers.gold.grace_quarters,
            40,
        ),
        (
            "tiers.platinum.grace_quarters",
            cfg.tiers.platinum.grace_quarters,
            40,
        ),
        ("qbr.kpi_quarters", cfg.qbr.kpi_quarters, 40),
        (
            "tiers.provisional.months",
            cfg.tiers.provisional.months,
            120,
        ),
        (
            "certifications.valid_months",
            cfg.certifications.valid_months,
            120,
        ),
    ];
    for (key, value, max) in small {
        if value > max {
            return Err(Invalid::at(key, format!("must be at most {max}")));
        }
    }
    if cfg.trend.spark_weeks > 104 {
        return Err(Invalid::at("trend.spark_weeks", "must be at most 104"));
    }
    for (key, top) in DIMENSIONS.iter().zip(cfg.health.top_points()) {
        if top > 100 {
            return Err(Invalid::at(key.table, "points must be at most 100"));
        }
    }
    Ok(())
}

/// A health dimension as the config writes it.
struct DimensionKeys {
    /// How the dimension is named in a message.
    name: &'static str,
    /// Its table in the config.
    table: &'static str,
}

/// In the order of [`super::HealthRules::top_points`].
const DIMENSIONS: [DimensionKeys; 5] = [
    DimensionKeys {
        name: "revenue",
        table: "health.revenue",
    },
    DimensionKeys {
        name: "activity",
        table: "health.activity.steps",
    },
    DimensionKeys {
        name: "engagement",
        table: "health.engagement.steps",
    },
    DimensionKeys {
        name: "satisfaction",
        table: "health.satisfaction.steps",
    },
    DimensionKeys {
        name: "fit",
        table: "health.fit",
    },
];

/// The keys holding a dimension's top points (every one, on a tie).
fn top_keys(cfg: &ProgramConfig, dimension: usize, top: u32) -> Vec<String> {
    let h = &cfg.health;
    let fields = |table: &str, fields: &[(&str, u32)]| -> Vec<String> {
        fields
            .iter()
            .filter(|(_, points)| *points == top)
            .map(|(name, _)| format!("{table}.{name}"))
            .collect()
    };
    let steps = |table: &str, points: &mut dyn Iterator<Item = u32>| -> Vec<String> {
        points
            .enumerate()
            .filter(|(_, points)| *points == top)
            .map(|(i, _)| format!("{table}[{i}].points"))
            .collect()
    };
    let table = DIMENSIONS[dimension].table;
    match dimension {
        0 => {
            let r = &h.revenue;
            fields(
                table,
                &[
                    ("strong_points", r.strong_points),
                    ("growing_points", r.growing_points),
                    ("flat_points", r.flat_points),
                    ("declining_points", r.declining_points),
                    ("new_revenue_points", r.new_revenue_points),
                ],
            )
        }
        1 => steps(table, &mut h.activity.steps.iter().map(|s| s.points)),
        2 => steps(table, &mut h.engagement.steps.iter().map(|s| s.points)),
        3 => steps(table, &mut h.satisfaction.steps.iter().map(|s| s.points)),
        _ => fields(
            table,
            &[
                ("strong", h.fit.strong),
                ("moderate", h.fit.moderate),
                ("weak", h.fit.weak),
            ],
        ),
    }
}

/// The dimensions' top points add up to 100: the best partner scores 100
/// and the bands keep their meaning.
fn check_health_total(cfg: &ProgramConfig) -> Result<(), Invalid> {
    let tops = cfg.health.top_points();
    let total: u64 = tops.iter().map(|&t| u64::from(t)).sum();
    if total == 100 {
        return Ok(());
    }
    let parts = DIMENSIONS
        .iter()
        .zip(tops)
        .map(|(d, top)| format!("{} {top}", d.name))
        .collect::<Vec<_>>()
        .join(" + ");
    let mut keys: Vec<String> = (0..DIMENSIONS.len())
        .flat_map(|i| top_keys(cfg, i, tops[i]))
        .collect();
    // A dimension whose steps are all gone has no key holding its top.
    keys.extend(DIMENSIONS.iter().map(|d| d.table.to_string()));
    keys.push("health".to_string());
    Err(Invalid {
        keys,
        message: format!(
            "the dimensions' top points must add up to 100, but they add up to {total}: {parts}"
        ),
    })
}

fn check_matrix(cfg: &ProgramConfig) -> Result<(), Invalid> {
    let m = &cfg.matrix;
    if m.high_revenue <= 0 {
        return Err(Invalid::at("matrix.high_revenue", "must be above zero"));
    }
    if m.max_value() > 100 {
        return Err(Invalid::at(
            "matrix",
            format!(
                "strategic value is 0-100, but the strongest fit, the heaviest type and the executive sponsor add up to {}",
                m.max_value()
            ),
        ));
    }
    if m.high_value == 0 || m.high_value > m.max_value() {
        return Err(Invalid::at(
            "matrix.high_value",
            format!(
                "must be between 1 and {} (the highest strategic value the weights give)",
                m.max_value()
            ),
        ));
    }
    Ok(())
}

/// Every tier has a value for every benefit row, and no value for a row
/// that is not there; the commission and MDF rows take theirs from
/// `[commissions]` and `[mdf]`, so a value for them here is refused rather
/// than silently ignored.
fn check_benefits(cfg: &ProgramConfig) -> Result<(), Invalid> {
    use crate::domain::tiers::benefits::FROM_ELSEWHERE;
    let b = &cfg.benefits;
    let elsewhere = |key: &str| FROM_ELSEWHERE.iter().find(|(k, _)| *k == key);
    for tier in crate::domain::book::Tier::ALL.iter().copied() {
        let values = b.of(tier);
        let name = tier.as_str();
        for row in &b.rows {
            if !values.contains_key(&row.key) && elsewhere(&row.key).is_none() {
                return Err(Invalid::at(
                    &format!("benefits.{name}"),
                    format!("no value for the benefit '{}'", row.key),
                ));
            }
        }
        if let Some(extra) = values.keys().find(|k| b.rows.iter().all(|r| &r.key != *k)) {
            return Err(Invalid::at(
                &format!("benefits.{name}.{extra}"),
                format!("'{extra}' is not a benefit row (benefits.rows)"),
            ));
        }
        if let Some((key, from)) = values.keys().find_map(|k| elsewhere(k)) {
            return Err(Invalid::at(
                &format!("benefits.{name}.{key}"),
                format!("the {key} row is the program's own figure: set it in {from}"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::domain::config::ProgramConfig;

    fn refuse(text: &str) -> crate::domain::config::ConfigError {
        ProgramConfig::from_layers(Some(("c.toml", text))).expect_err(text)
    }

    #[test]
    fn the_defaults_hold_every_check() {
        let c = ProgramConfig::default();
        assert_eq!(c.health.top_points(), [30, 25, 20, 15, 10]);
        assert!(super::check(&c).is_ok());
    }

    #[test]
    fn a_commission_or_mdf_value_in_the_benefits_is_sent_to_its_own_table() {
        let err = refuse("[benefits.gold]\ncommission = \"30%\"\n");
        assert_eq!(err.key.as_deref(), Some("benefits.gold.commission"));
        assert!(
            err.message.contains("[commissions.tier_rate_pct]"),
            "{}",
            err.message
        );
        let err = refuse("[benefits.silver]\nmdf = \"$9K/yr\"\n");
        assert_eq!(err.key.as_deref(), Some("benefits.silver.mdf"));
        assert!(err.message.contains("[mdf]"), "{}", err.message);
    }

    #[test]
    fn nan_and_infinite_percentages_are_refused_with_their_line() {
        for value in ["nan", "inf", "-inf", "+nan"] {
            let err = refuse(&format!("[health.revenue]\n\nflat_pct = {value}\n"));
            assert_eq!(
                err.key.as_deref(),
                Some("health.revenue.flat_pct"),
                "{value}"
            );
            assert_eq!(err.line, Some(3), "{value}");
            assert!(err.message.contains("is not a number"), "{}", err.message);
        }
        let err = refuse("[health.revenue]\nstrong_growth_pct = inf\n");
        assert_eq!(err.key.as_deref(), Some("health.revenue.strong_growth_pct"));
    }

    #[test]
    fn health_top_points_that_do_not_add_up_to_100_are_refused_at_the_key_changed() {
        let err = refuse("[health.fit]\nstrong = 20\n");
        assert_eq!(err.key.as_deref(), Some("health.fit.strong"));
        assert_eq!(err.file, "c.toml");
        assert_eq!(err.line, Some(2));
        assert!(
            err.message.contains("add up to 110")
                && err.message.contains("revenue 30 + activity 25"),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_lowered_top_step_is_named_with_its_own_line() {
        let err = refuse(
            "[health.activity]\nsteps = [\n  { min = 5, points = 20 },\n  { min = 1, points = 10 },\n]\n",
        );
        assert_eq!(err.key.as_deref(), Some("health.activity.steps[0].points"));
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("add up to 95"), "{}", err.message);
    }

    #[test]
    fn a_dimension_with_no_steps_is_named_by_its_list() {
        let err = refuse("[health.satisfaction]\nsteps = []\n");
        assert_eq!(err.key.as_deref(), Some("health.satisfaction.steps"));
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("add up to 85"), "{}", err.message);
    }

    #[test]
    fn a_revenue_top_moved_to_another_field_still_adds_up() {
        // Strong growth lowered, new revenue still 30: the top is unchanged.
        let c =
            ProgramConfig::from_layers(Some(("c.toml", "[health.revenue]\nstrong_points = 25\n")))
                .expect("top still 30");
        assert_eq!(c.health.top_points()[0], 30);
    }

    #[test]
    fn an_import_alias_must_name_a_column_of_its_table() {
        let e = refuse("[import.aliases.deals]\n\"Opp Value\" = \"valeu\"\n");
        assert_eq!(
            e.to_string(),
            "config error in c.toml line 2, key `import.aliases.deals.Opp Value`: 'valeu' is not a column of deals (one of: partner, name, value, registered, stage, closed, attribution, external_id)"
        );
    }

    #[test]
    fn a_band_above_100_cannot_be_reached() {
        let err = refuse("[bands]\nchampion = 120\n");
        assert_eq!(err.key.as_deref(), Some("bands.champion"));
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("never be reached"), "{}", err.message);
    }

    #[test]
    fn equal_band_minimums_leave_a_band_unreachable() {
        let err = refuse("[bands]\nat_risk = 60\n");
        assert_eq!(err.key.as_deref(), Some("bands"));
        assert_eq!(err.line, Some(1));
        assert!(err.message.contains("never be reached"), "{}", err.message);
    }

    #[test]
    fn churning_needs_a_critical_minimum_above_zero() {
        let err = refuse("bands.critical = 0\n");
        assert_eq!(err.key.as_deref(), Some("bands.critical"));
        assert_eq!(err.line, Some(1));
    }
}
