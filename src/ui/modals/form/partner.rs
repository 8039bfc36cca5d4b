//! Adding a partner (`n`) and editing one (`e`): its own fields, checked by
//! `domain::validate::partner` (the name must be free, as you type).

use std::str::FromStr;

use super::field::Field;
use super::{Form, Problems, Purpose, Values};
use crate::domain::book::{
    Lifecycle, Partner, PartnerFile, PartnerType, Segment, StrategicFit, Tier,
};
use crate::domain::edit::{Change, Edit, PartnerRef};
use crate::domain::segments::segment_title;
use crate::domain::validate;
use crate::ui::modals::confirm::Confirm;
use crate::ui::screen::{Ctx, Effect};

/// A new partner, or the one being edited as it was when the form opened.
pub struct PartnerForm {
    before: Option<Partner>,
}

impl PartnerForm {
    /// The form for a new partner.
    #[must_use]
    pub fn create(ctx: &Ctx) -> Form {
        Form::new(Box::new(PartnerForm { before: None }), fields(None, ctx))
    }

    /// The form editing `partner`.
    #[must_use]
    pub fn edit(partner: &Partner, ctx: &Ctx) -> Form {
        Form::new(
            Box::new(PartnerForm {
                before: Some(partner.clone()),
            }),
            fields(Some(partner), ctx),
        )
    }
}

fn names<T: Copy + std::fmt::Display>(all: &[T]) -> Vec<String> {
    all.iter().map(ToString::to_string).collect()
}

fn fields(p: Option<&Partner>, ctx: &Ctx) -> Vec<Field> {
    let text = |f: fn(&Partner) -> &str| p.map(f).unwrap_or_default().to_string();
    let pick = |all: Vec<String>, now: Option<String>, default: &str| {
        (all, now.unwrap_or_else(|| default.to_string()))
    };
    // "—" is no type yet (a CRM's "Other" came in so).
    let mut types = vec![PartnerType::name_of(None).to_string()];
    types.extend(names(PartnerType::ALL));
    let (types, kind) = pick(
        types,
        p.map(|p| PartnerType::name_of(p.kind).to_string()),
        "reseller",
    );
    let (tiers, tier) = pick(
        names(Tier::ALL),
        p.map(|p| p.tier.to_string()),
        "registered",
    );
    let (stages, stage) = pick(
        names(Lifecycle::ALL),
        p.map(|p| p.lifecycle.to_string()),
        "recruit",
    );
    let (fits, fit) = pick(
        names(StrategicFit::ALL),
        p.map(|p| p.fit.to_string()),
        "moderate",
    );
    let mut regions: Vec<String> = ctx.model.rows.iter().map(|p| p.region.clone()).collect();
    regions.sort();
    regions.dedup();
    vec![
        Field::text("name", "Name", &text(|p| &p.name)),
        Field::choice("type", "Type", types, &kind),
        Field::choice("tier", "Tier", tiers, &tier),
        Field::text("owner", "Owner", &text(|p| &p.owner)).completing(ctx.model.owners()),
        Field::text("region", "Region", &text(|p| &p.region)).completing(regions),
        Field::choice("lifecycle", "Lifecycle", stages, &stage),
        Field::choice("fit", "Strategic fit", fits, &fit),
        Field::choice(
            "segment",
            "Segment",
            std::iter::once(DERIVED.to_string())
                .chain(Segment::ALL.iter().map(|s| segment_title(*s).to_string()))
                .collect(),
            p.and_then(|p| p.segment_override)
                .map_or(DERIVED, segment_title),
        ),
        Field::text("website", "Website", &text(|p| &p.website)),
        Field::lines("notes", "Notes", &text(|p| &p.notes)),
    ]
}

/// The segment choice that leaves it to the rules (docs/rules.md, "Segments").
const DERIVED: &str = "derived";

/// A choice's value as its enum (choices only offer valid ones).
fn parsed<T: FromStr>(values: &Values, key: &'static str, problems: &mut Problems) -> Option<T> {
    let v = values.get(key);
    let parsed = v.parse().ok();
    if parsed.is_none() {
        problems.push((key, format!("'{v}' is not one of the choices")));
    }
    parsed
}

impl Purpose for PartnerForm {
    fn title(&self) -> String {
        match &self.before {
            None => "New partner".into(),
            Some(p) => format!("Edit {}", p.name),
        }
    }

    fn draft_key(&self) -> String {
        match &self.before {
            None => "partner:new".into(),
            Some(p) => format!("partner:{}", p.id),
        }
    }

    fn build(&self, values: &Values, ctx: &Ctx) -> Result<Edit, Problems> {
        let mut problems = Vec::new();
        let kind = if values.get("type") == PartnerType::name_of(None) {
            Some(None)
        } else {
            parsed(values, "type", &mut problems).map(Some)
        };
        let tier = parsed(values, "tier", &mut problems);
        let lifecycle = parsed(values, "lifecycle", &mut problems);
        let fit = parsed(values, "fit", &mut problems);
        let (Some(kind), Some(tier), Some(lifecycle), Some(fit)) = (kind, tier, lifecycle, fit)
        else {
            return Err(problems);
        };
        let before = self.before.as_ref();
        let id = before.map_or(0, |p| p.id);
        let tier_changed = before.is_some_and(|p| p.tier != tier);
        let after = Partner {
            id,
            name: values.get("name").trim().to_string(),
            kind,
            tier,
            // A tier set here starts today; a confirmed change of tier is
            // recorded from the Tiers screen.
            tier_since: match before {
                Some(p) if !tier_changed => p.tier_since,
                _ => ctx.model.today,
            },
            provisional_until: before.and_then(|p| p.provisional_until),
            owner: values.get("owner").trim().to_string(),
            lifecycle,
            fit,
            segment_override: Segment::ALL
                .iter()
                .copied()
                .find(|s| segment_title(*s) == values.get("segment")),
            region: values.get("region").trim().to_string(),
            website: values.get("website").trim().to_string(),
            notes: values.get("notes"),
            created_at: before.map(|p| p.created_at.clone()).unwrap_or_default(),
            updated_at: before.map(|p| p.updated_at.clone()).unwrap_or_default(),
            archived: before.is_some_and(|p| p.archived),
            joined: before.and_then(|p| p.joined),
        };
        let taken = |key: &str| {
            ctx.model
                .rows
                .iter()
                .find(|p| p.id != id && validate::name_unique_key(&p.name) == key)
                .map(|p| p.name.clone())
        };
        problems.extend(
            validate::partner(&after, taken)
                .into_iter()
                .map(|p| (p.field, p.message)),
        );
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(match before {
            None => Edit {
                partner: PartnerRef {
                    id: 0,
                    name: after.name.clone(),
                },
                change: Change::AddPartner(after),
            },
            // A new stage is a dated move (with the onboarding plan when
            // it enters onboard): `domain::lifecycle::save_partner`.
            Some(b) => Edit {
                partner: PartnerRef {
                    id: b.id,
                    name: b.name.clone(),
                },
                change: crate::domain::lifecycle::save_partner(
                    &ctx.model.file(b.id).cloned().map_or_else(
                        || PartnerFile::new(b.clone()),
                        |f| PartnerFile {
                            partner: b.clone(),
                            ..f
                        },
                    ),
                    after,
                    ctx.model.today,
                    &ctx.model.config,
                ),
            },
        })
    }
}

/// `A`: archive a partner (or bring an archived one back), after asking.
/// Archived partners leave Today, the lists and the KPIs; nothing of their
/// history is deleted, and `u` undoes it.
#[must_use]
pub fn archive(p: &Partner) -> Effect {
    let mut after = p.clone();
    after.archived = !p.archived;
    let question = if p.archived {
        format!("Bring {} back from the archive?", p.name)
    } else {
        format!(
            "Archive {}? It leaves Today, the lists and the KPIs; its history is kept.",
            p.name
        )
    };
    Confirm::ask(
        question,
        Effect::Edit(Edit {
            partner: PartnerRef {
                id: p.id,
                name: p.name.clone(),
            },
            change: Change::EditPartner {
                before: p.clone(),
                after,
            },
        }),
    )
}

/// `e`: edit the partner with this id (its record read first).
#[must_use]
pub fn edit(_ctx: &Ctx, id: i64) -> Effect {
    Effect::WithFile {
        partner: id,
        then: |ctx, id| {
            ctx.model.record(id).map_or(Effect::None, |p| {
                Effect::Push(Box::new(PartnerForm::edit(p, ctx)))
            })
        },
    }
}

/// `A`: archive the partner with this id, or bring it back (its record
/// read first).
#[must_use]
pub fn archive_by_id(id: i64) -> Effect {
    Effect::WithFile {
        partner: id,
        then: |ctx, id| ctx.model.record(id).map_or(Effect::None, archive),
    }
}
