//! Tier changes as edits: promote, demote or confirm a provisional tier.
//! The manager confirms every one (docs/rules.md, "Standing"); the edit
//! sets the tier held and records the change in the tier history, and its
//! inverse restores both.

use chrono::{Months, NaiveDate};

use super::{Change, Edit, EditError, PartnerRef};
use crate::domain::book::{ActionItem, Partner, PartnerFile, QbrStatus, Side, Tier, TierChange};
use crate::domain::config::ProgramConfig;
use crate::domain::dates::add_days;
use crate::domain::format::{day, day_year, money, plural};
use crate::domain::qbr::new_qbr;
use crate::domain::tiers::{Standing, TierStatus};

/// The tier a partner holds: the tier, since when, and until when it is
/// provisional.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TierHeld {
    pub tier: Tier,
    pub since: NaiveDate,
    pub provisional_until: Option<NaiveDate>,
}

impl TierHeld {
    /// What the partner holds now.
    #[must_use]
    pub fn of(p: &Partner) -> TierHeld {
        TierHeld {
            tier: p.tier,
            since: p.tier_since,
            provisional_until: p.provisional_until,
        }
    }

    fn put(self, file: &mut PartnerFile) {
        file.partner.tier = self.tier;
        file.partner.tier_since = self.since;
        file.partner.provisional_until = self.provisional_until;
    }
}

/// What the manager can do to a partner's tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TierAction {
    /// To the qualified tier when upgrade eligible, else one tier up.
    Promote,
    /// To the proposed tier when a downgrade is due, else one tier down.
    Demote,
    /// Keep the provisional tier for good.
    Confirm,
}

/// The question to ask and the edit to apply on yes, or why the action
/// does not apply to this partner. A promotion the partner does not
/// qualify for is provisional for `tiers.provisional.months`.
///
/// # Errors
/// A sentence for the status line: `Platinum is the top tier`.
pub fn tier_edit(
    p: &Partner,
    status: &TierStatus,
    action: TierAction,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Result<(String, Edit), String> {
    let currency = &cfg.currency;
    let from = TierHeld::of(p);
    let m = &status.metrics;
    let evidence = format!(
        "{} sourced ARR, {}, {} certified",
        money(m.sourced_arr, currency),
        plural(i64::from(m.referrals), "referral", "referrals"),
        m.certified
    );
    let mut provisional_until = None;
    let (to, reason, verb) = match action {
        TierAction::Promote => {
            if let Standing::UpgradeEligible { to } = status.standing {
                let reason = format!("qualifies for {} ({evidence})", to.title());
                (to, reason, "Promote")
            } else {
                let to = p
                    .tier
                    .next()
                    .ok_or_else(|| format!("{} is the top tier", p.tier.title()))?;
                let until = today
                    .checked_add_months(Months::new(cfg.tiers.provisional.months))
                    .unwrap_or(today);
                provisional_until = Some(until);
                let reason = format!(
                    "promoted provisionally until {} ({evidence})",
                    day_year(until)
                );
                (to, reason, "Promote")
            }
        }
        TierAction::Demote => {
            if let Standing::DowngradeDue { to, since, .. } = status.standing {
                let reason = format!(
                    "grace used up: below {} criteria since {}",
                    p.tier.title(),
                    day_year(since)
                );
                (to, reason, "Demote")
            } else {
                let to = p
                    .tier
                    .below()
                    .ok_or_else(|| format!("{} is the lowest tier", p.tier.title()))?;
                let reason = format!("demoted by the manager ({evidence})");
                (to, reason, "Demote")
            }
        }
        TierAction::Confirm => {
            let until = p
                .provisional_until
                .ok_or_else(|| format!("{} of {} is not provisional", p.tier.title(), p.name))?;
            let reason = format!(
                "provisional {} (until {}) confirmed ({evidence})",
                p.tier.title(),
                day(until)
            );
            (p.tier, reason, "Confirm")
        }
    };
    let question = question(action, p, to, provisional_until, &evidence, verb);
    let held = TierHeld {
        tier: to,
        since: today,
        provisional_until,
    };
    let edit = Edit {
        partner: PartnerRef {
            id: p.id,
            name: p.name.clone(),
        },
        change: Change::SetTier {
            from,
            to: held,
            record: TierChange {
                id: 0,
                from: p.tier,
                to,
                date: today,
                reason,
                provisional: provisional_until.is_some(),
            },
        },
    };
    Ok((question, edit))
}

/// The playbook's soft landing ("Special Tier Considerations": declining
/// partners get a support plan): after a demotion from `from` to `to`, an
/// action item for us, due `tiers.support_plan_days` from today, on the
/// partner's next planned QBR; with none planned ahead, on a new QBR
/// planned for that day (the plan needs a meeting to agree it). The
/// question to ask and the edit to apply on yes.
#[must_use]
pub fn support_plan(
    file: &PartnerFile,
    from: Tier,
    to: Tier,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> (String, Edit) {
    let p = &file.partner;
    let due = add_days(today, i64::from(cfg.tiers.support_plan_days));
    let item = ActionItem {
        id: 0,
        owner: Side::Us,
        text: format!(
            "Support plan after {} → {}: agree the way back to {}",
            from.title(),
            to.title(),
            from.title()
        ),
        due: Some(due),
        done: None,
    };
    let next = file
        .qbrs
        .iter()
        .filter(|q| q.status == QbrStatus::Planned && q.date >= today)
        .min_by_key(|q| q.date);
    let (place, change) = if let Some(q) = next {
        (
            format!("on QBR {}", day_year(q.date)),
            Change::AddAction { qbr: q.id, item },
        )
    } else {
        let mut q = new_qbr(due, cfg);
        q.actions.push(item);
        (format!("on a new QBR {}", day_year(due)), Change::AddQbr(q))
    };
    let question = format!(
        "Create a support plan for {}? (soft landing: an action item for us {place}, due {})",
        p.name,
        day_year(due)
    );
    let edit = Edit {
        partner: PartnerRef {
            id: p.id,
            name: p.name.clone(),
        },
        change,
    };
    (question, edit)
}

/// `Promote Acme from Silver to Gold? (…)`, `Confirm Gold of Acme for good? (…)`.
fn question(
    action: TierAction,
    p: &Partner,
    to: Tier,
    provisional_until: Option<NaiveDate>,
    evidence: &str,
    verb: &str,
) -> String {
    if action == TierAction::Confirm {
        format!(
            "Confirm {} of {} for good? ({evidence})",
            to.title(),
            p.name
        )
    } else {
        let provisionally = provisional_until.map_or(String::new(), |until| {
            format!(" provisionally, until {}", day_year(until))
        });
        format!(
            "{verb} {} from {} to {}{provisionally}? ({evidence})",
            p.name,
            p.tier.title(),
            to.title()
        )
    }
}

/// `Silver → Gold`, or `Gold confirmed` when the tier stays.
fn words(record: &TierChange) -> String {
    if record.from == record.to {
        format!("{} confirmed", record.to.title())
    } else {
        format!("{} → {}", record.from.title(), record.to.title())
    }
}

fn check(file: &PartnerFile, expected: &TierHeld) -> Result<(), EditError> {
    if TierHeld::of(&file.partner) == *expected {
        Ok(())
    } else {
        Err(EditError::RowChanged {
            what: format!("the tier of {}", file.partner.name),
        })
    }
}

pub(super) fn set(
    file: &mut PartnerFile,
    from: &TierHeld,
    to: &TierHeld,
    record: &TierChange,
) -> Result<(Change, String), EditError> {
    check(file, from)?;
    if file.tier_changes.iter().any(|t| t.id == record.id) {
        return Err(EditError::RowChanged {
            what: format!("the tier history of {}", file.partner.name),
        });
    }
    to.put(file);
    file.tier_changes.push(record.clone());
    let what = format!("tier of {}: {}", file.partner.name, words(record));
    Ok((
        Change::RevertTier {
            from: *to,
            to: *from,
            record: record.clone(),
        },
        what,
    ))
}

pub(super) fn revert(
    file: &mut PartnerFile,
    from: &TierHeld,
    to: &TierHeld,
    record: &TierChange,
) -> Result<(Change, String), EditError> {
    check(file, from)?;
    let Some(at) = file.tier_changes.iter().position(|t| t == record) else {
        return Err(EditError::RowChanged {
            what: format!("the tier history of {}", file.partner.name),
        });
    };
    file.tier_changes.remove(at);
    to.put(file);
    let what = format!(
        "tier change of {} ({}) taken back: {} again",
        file.partner.name,
        words(record),
        to.tier.title()
    );
    Ok((
        Change::SetTier {
            from: *to,
            to: *from,
            record: record.clone(),
        },
        what,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{FileBuilder, cert, cfg, date, month, partner_file, today};
    use crate::domain::tiers::tier_status;

    /// Silver since 2025, qualifying for Gold.
    fn eligible() -> PartnerFile {
        let mut f = partner_file("Atlas Grid GmbH");
        f.partner.id = 7;
        f.partner.tier = Tier::Silver;
        f.partner.tier_since = date(2025, 3, 1);
        f.with_revenue(month(2026, 11), 112_000, 0)
            .with_cert(cert("Ana", date(2026, 5, 1)))
            .with_cert(cert("Ben", date(2026, 5, 1)))
    }

    fn promote(f: &PartnerFile) -> (String, Edit) {
        let status = tier_status(f, today(), &cfg());
        tier_edit(&f.partner, &status, TierAction::Promote, today(), &cfg()).expect("promotes")
    }

    #[test]
    fn a_support_plan_goes_on_the_next_planned_qbr_due_in_14_days() {
        let mut f = eligible();
        let mut q = crate::domain::qbr::new_qbr(date(2026, 12, 3), &cfg());
        q.id = 5;
        f.qbrs.push(q);
        let (question, edit) = support_plan(&f, Tier::Gold, Tier::Silver, today(), &cfg());
        assert_eq!(
            question,
            "Create a support plan for Atlas Grid GmbH? (soft landing: an action item for us on QBR Thu 03 Dec 2026, due Wed 09 Dec 2026)"
        );
        let Change::AddAction { qbr, item } = edit.change else {
            panic!("an action item: {:?}", edit.change);
        };
        assert_eq!(qbr, 5);
        assert_eq!(
            item.text,
            "Support plan after Gold → Silver: agree the way back to Gold"
        );
        assert_eq!((item.owner, item.due), (Side::Us, Some(date(2026, 12, 9))));
    }

    #[test]
    fn promoting_sets_the_tier_and_records_it_and_the_inverse_restores_both() {
        let mut f = eligible();
        let before = f.clone();
        let (question, edit) = promote(&f);
        assert_eq!(
            question,
            "Promote Atlas Grid GmbH from Silver to Gold? ($112K sourced ARR, 0 referrals, 2 certified)"
        );
        let done = edit.with_id(4).apply(&mut f).expect("applies");
        assert_eq!(f.partner.tier, Tier::Gold);
        assert_eq!(f.partner.tier_since, today());
        assert_eq!(f.tier_changes.len(), 1);
        assert_eq!(f.tier_changes[0].id, 4);
        assert_eq!(
            f.tier_changes[0].reason,
            "qualifies for Gold ($112K sourced ARR, 0 referrals, 2 certified)"
        );
        assert_eq!(done.what, "tier of Atlas Grid GmbH: Silver → Gold");
        let undone = done.inverse.apply(&mut f).expect("inverse applies");
        assert_eq!(f, before);
        assert_eq!(
            undone.what,
            "tier change of Atlas Grid GmbH (Silver → Gold) taken back: Silver again"
        );
        assert_eq!(undone.inverse, done.edit);
    }

    #[test]
    fn a_tier_edit_is_refused_when_the_tier_changed_meanwhile() {
        let mut f = eligible();
        let (_, edit) = promote(&f);
        f.partner.tier = Tier::Gold;
        assert!(matches!(
            edit.apply(&mut f),
            Err(EditError::RowChanged { .. })
        ));
        assert!(f.tier_changes.is_empty());
    }

    #[test]
    fn confirming_a_provisional_tier_keeps_the_tier_and_ends_the_provisional_period() {
        let mut f = eligible();
        f.partner.provisional_until = Some(date(2026, 12, 8));
        let status = tier_status(&f, today(), &cfg());
        let (question, edit) =
            tier_edit(&f.partner, &status, TierAction::Confirm, today(), &cfg()).expect("confirms");
        assert!(
            question.starts_with("Confirm Silver of Atlas Grid GmbH for good?"),
            "{question}"
        );
        let done = edit.apply(&mut f).expect("applies");
        assert_eq!(
            (f.partner.tier, f.partner.provisional_until),
            (Tier::Silver, None)
        );
        assert_eq!(done.what, "tier of Atlas Grid GmbH: Silver confirmed");
    }

    #[test]
    fn there_is_nothing_above_platinum_nor_to_confirm_without_a_provisional_tier() {
        let mut f = eligible();
        f.partner.tier = Tier::Platinum;
        let status = tier_status(&f, today(), &cfg());
        let err =
            tier_edit(&f.partner, &status, TierAction::Promote, today(), &cfg()).expect_err("top");
        assert_eq!(err, "Platinum is the top tier");
        let err = tier_edit(&f.partner, &status, TierAction::Confirm, today(), &cfg())
            .expect_err("not provisional");
        assert_eq!(err, "Platinum of Atlas Grid GmbH is not provisional");
    }

    #[test]
    fn promoting_a_partner_that_does_not_qualify_is_provisional_for_six_months() {
        let mut f = eligible();
        f.revenue.clear();
        let status = tier_status(&f, today(), &cfg());
        let (question, edit) =
            tier_edit(&f.partner, &status, TierAction::Promote, today(), &cfg()).expect("promotes");
        assert_eq!(
            question,
            "Promote Atlas Grid GmbH from Silver to Gold provisionally, until Tue 25 May 2027? ($0 sourced ARR, 0 referrals, 2 certified)"
        );
        edit.apply(&mut f).expect("applies");
        assert_eq!(f.partner.provisional_until, Some(date(2027, 5, 25)));
        assert!(f.tier_changes[0].provisional);
        assert_eq!(
            f.tier_changes[0].reason,
            "promoted provisionally until Tue 25 May 2027 ($0 sourced ARR, 0 referrals, 2 certified)"
        );
    }
}
