//! What a tier brings, from the playbook's Benefits Matrix (`[benefits]`):
//! the tier block tells a partner what the next tier unlocks, the playbook's
//! "tier benefits preview: show what they'll unlock" (docs/rules.md,
//! "Benefits matrix").

use std::borrow::Cow;

use crate::domain::book::Tier;
use crate::domain::config::ProgramConfig;

/// The rows whose values are not under `[benefits.<tier>]` but are the
/// money the program pays, kept once where it is computed: the commission
/// is the tier rate of `[commissions.tier_rate_pct]`, the MDF the year's
/// allotment of `[mdf]`.
pub const FROM_ELSEWHERE: [(&str, &str); 2] = [
    ("commission", "[commissions.tier_rate_pct]"),
    ("mdf", "[mdf]"),
];

/// A tier's value of the benefit row `key`: `20%` and `$25K/yr` for the
/// commission and MDF rows, otherwise the value under `[benefits.<tier>]`.
#[must_use]
pub fn value<'a>(tier: Tier, key: &str, cfg: &'a ProgramConfig) -> Cow<'a, str> {
    match key {
        "commission" => Cow::Owned(crate::domain::commission::tier_rate_text(tier, cfg)),
        "mdf" => Cow::Owned(crate::domain::mdf::allotment_text(tier, cfg)),
        _ => Cow::Borrowed(cfg.benefits.value(tier, key)),
    }
}

/// The benefits the tier above `tier` brings that `tier` does not have,
/// each as its row's `unlock` words with the new value: `dedicated partner
/// manager`, `4hr support SLA`. None at the top tier.
#[must_use]
pub fn next_unlocks(tier: Tier, cfg: &ProgramConfig) -> Option<(Tier, Vec<String>)> {
    let next = tier.next()?;
    let unlocks = cfg
        .benefits
        .rows
        .iter()
        .filter_map(|row| {
            let (then, now) = (value(next, &row.key, cfg), value(tier, &row.key, cfg));
            (then != now).then(|| unlock_words(&row.unlock, &then))
        })
        .collect();
    Some((next, unlocks))
}

/// `Gold unlocks: dedicated partner manager, 4hr support SLA, …`; None at the
/// top tier.
#[must_use]
pub fn unlocks_text(tier: Tier, cfg: &ProgramConfig) -> Option<String> {
    let (next, unlocks) = next_unlocks(tier, cfg)?;
    (!unlocks.is_empty()).then(|| format!("{} unlocks: {}", next.title(), unlocks.join(", ")))
}

/// The row's words with the value put in: a plain `Yes` adds nothing (`deal
/// registration`), a capitalised word reads in lower case (`dedicated`) but
/// an acronym keeps its capitals (`Named SE`, `SE` stays).
fn unlock_words(template: &str, value: &str) -> String {
    let value = if value.eq_ignore_ascii_case("yes") {
        String::new()
    } else {
        let mut chars = value.chars();
        match (chars.next(), chars.next()) {
            (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
                first.to_lowercase().chain(value.chars().skip(1)).collect()
            }
            _ => value.to_string(),
        }
    };
    template.replace("{}", &value).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::config::ProgramConfig;

    #[test]
    fn the_next_tier_says_what_it_unlocks() {
        let cfg = ProgramConfig::default();
        assert_eq!(
            unlocks_text(Tier::Silver, &cfg).as_deref(),
            Some(
                "Gold unlocks: premium logo rights, featured directory listing, 20% commission, \
                 $25K/yr MDF, dedicated partner manager, custom training, dedicated SE sales support, \
                 full lead sharing, quarterly executive access, beta early access, sponsor at events, \
                 4hr support SLA"
            )
        );
        let (next, from_registered) = next_unlocks(Tier::Registered, &cfg).expect("Silver");
        assert_eq!(next, Tier::Silver);
        assert!(from_registered.contains(&"deal registration".to_string()));
        assert!(
            !from_registered
                .iter()
                .any(|u| u.contains("partner manager")),
            "pooled both"
        );
        assert_eq!(unlocks_text(Tier::Platinum, &cfg), None);
    }

    #[test]
    fn the_matrix_has_the_playbooks_fourteen_rows() {
        let cfg = ProgramConfig::default();
        assert_eq!(cfg.benefits.rows.len(), 14);
        assert_eq!(cfg.benefits.value(Tier::Gold, "support_sla"), "4hr");
        assert_eq!(cfg.benefits.value(Tier::Platinum, "early_access"), "Alpha");
        // Commission and MDF are the program's money, from [commissions] and [mdf].
        assert_eq!(value(Tier::Gold, "commission", &cfg), "20%");
        assert_eq!(value(Tier::Platinum, "mdf", &cfg), "$100K/yr");
        assert_eq!(value(Tier::Registered, "mdf", &cfg), "$0");
    }
}
