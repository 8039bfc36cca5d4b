//! The detail's record menus: `a` adds a record, `E` edits one, `D`
//! deletes one (asking first; `u` undoes).

use crate::domain::edit::{Change, Edit, PartnerRef};
use crate::domain::format::day;
use crate::domain::record::{Record, RecordKind};
use crate::ui::modals::confirm::Confirm;
use crate::ui::modals::form::activity::TouchForm;
use crate::ui::modals::form::records::RecordForm;
use crate::ui::modals::picker::Picker;
use crate::ui::screen::{Ctx, Effect};

fn partner_ref(ctx: &Ctx, id: i64) -> Option<PartnerRef> {
    ctx.model.partner(id).map(|p| PartnerRef {
        id: p.id,
        name: p.name.clone(),
    })
}

/// Every record of the partner, newest kinds first, with its label.
fn records(ctx: &Ctx, id: i64) -> Vec<Record> {
    let Some(file) = ctx.model.file(id) else {
        return Vec::new();
    };
    RecordKind::ALL
        .into_iter()
        .flat_map(|k| k.of(file).into_iter().rev())
        .collect()
}

/// `a`: what to add.
#[must_use]
pub fn add(ctx: &Ctx, id: i64) -> Effect {
    let Some(partner) = partner_ref(ctx, id) else {
        return Effect::None;
    };
    let mut items: Vec<(String, Effect)> = vec![(
        "activity (a call, email, meeting… on any day)".into(),
        TouchForm::open(ctx, id),
    )];
    items.extend(RecordKind::ALL.into_iter().map(|kind| {
        (
            kind.noun().to_string(),
            Effect::Push(Box::new(RecordForm::create(partner.clone(), kind, ctx))),
        )
    }));
    Picker::open(format!("Add to {}", partner.name), items)
}

/// `E`: which record to edit.
#[must_use]
pub fn edit(ctx: &Ctx, id: i64) -> Effect {
    let Some(partner) = partner_ref(ctx, id) else {
        return Effect::None;
    };
    let items = records(ctx, id)
        .into_iter()
        .map(|r| {
            (
                r.pick_label(),
                Effect::Push(Box::new(RecordForm::edit(partner.clone(), r, ctx))),
            )
        })
        .collect();
    Picker::open(format!("Edit a record of {}", partner.name), items)
}

/// `D`: which record to delete; then a Confirm.
#[must_use]
pub fn delete(ctx: &Ctx, id: i64) -> Effect {
    let Some(partner) = partner_ref(ctx, id) else {
        return Effect::None;
    };
    let ask = |label: String, change: Change| {
        let question = format!(
            "Delete {label} of {}? {} undoes it.",
            partner.name,
            ctx.keymap.label_of(crate::ui::action::Action::Undo)
        );
        let edit = Edit {
            partner: partner.clone(),
            change,
        };
        (label, Confirm::ask(question, Effect::Edit(edit)))
    };
    let mut items: Vec<(String, Effect)> = records(ctx, id)
        .into_iter()
        .map(|r| ask(r.pick_label(), Change::RemoveRecord(r)))
        .collect();
    if let Some(file) = ctx.model.file(id) {
        items.extend(file.activities.iter().rev().map(|a| {
            let label = format!("{} of {}: {}", a.kind, day(a.date), a.summary);
            ask(label, Change::RemoveActivity(a.clone()))
        }));
    }
    Picker::open(format!("Delete a record of {}", partner.name), items)
}
