//! Logging a touch (`t`) — any kind of activity, on any date (yesterday's
//! call too), optionally with one of the partner's contacts: what happened,
//! the kind, the day, with whom.

use super::field::Field;
use super::{Form, Problems, Purpose, Values};
use crate::domain::book::{Activity, ActivityKind};
use crate::domain::edit::{Change, Edit, PartnerRef};
use crate::domain::parse::{self, DateOrder};
use crate::domain::validate;
use crate::ui::screen::{Ctx, Effect};

pub struct TouchForm {
    partner: PartnerRef,
    /// The active contacts offered in "With" (id, name), in the choice's
    /// order after the first ("—", no one in particular).
    contacts: Vec<(i64, String)>,
}

/// The "With" choice when no contact is named.
const NO_ONE: &str = "—";

impl TouchForm {
    /// The form for a partner, offering its active `contacts` (id, name).
    #[must_use]
    pub fn form(partner: PartnerRef, contacts: &[(i64, String)]) -> Form {
        let kinds = ActivityKind::ALL.iter().map(ToString::to_string).collect();
        let mut with = vec![NO_ONE.to_string()];
        with.extend(contacts.iter().map(|(_, name)| name.clone()));
        Form::new(
            Box::new(TouchForm {
                partner,
                contacts: contacts.to_vec(),
            }),
            vec![
                Field::text("summary", "What happened", ""),
                Field::choice("kind", "Kind", kinds, ActivityKind::Call.as_str()),
                Field::date("date", "Date", "today"),
                Field::choice("with", "With", with, NO_ONE),
            ],
        )
    }

    /// As an effect that opens it for the partner with this id, its file
    /// read first (for its contacts).
    #[must_use]
    pub fn open(_ctx: &Ctx, partner_id: i64) -> Effect {
        Effect::WithFile {
            partner: partner_id,
            then: TouchForm::open_loaded,
        }
    }

    /// The form for a partner whose file is read.
    #[must_use]
    pub fn open_loaded(ctx: &Ctx, partner_id: i64) -> Effect {
        let Some(p) = ctx.model.partner(partner_id) else {
            return Effect::None;
        };
        let contacts = contacts_of(ctx, partner_id);
        let who = PartnerRef {
            id: p.id,
            name: p.name.clone(),
        };
        Effect::Push(Box::new(TouchForm::form(who, &contacts)))
    }
}

/// A partner's active contacts as the "With" choice names them.
#[must_use]
pub fn contacts_of(ctx: &Ctx, partner_id: i64) -> Vec<(i64, String)> {
    ctx.model.file(partner_id).map_or_else(Vec::new, |f| {
        f.contacts
            .iter()
            .filter(|c| c.active)
            .map(|c| (c.id, format!("{} ({})", c.name, c.role)))
            .collect()
    })
}

impl Purpose for TouchForm {
    fn title(&self) -> String {
        format!("Log a touch with {}", self.partner.name)
    }

    fn draft_key(&self) -> String {
        format!("touch:{}", self.partner.id)
    }

    fn build(&self, values: &Values, ctx: &Ctx) -> Result<Edit, Problems> {
        let mut problems = Vec::new();
        let kind = values.get("kind").parse::<ActivityKind>();
        if let Err(e) = &kind {
            problems.push(("kind", e.to_string()));
        }
        let date = parse::date(&values.get("date"), ctx.model.today, DateOrder::default());
        if let Err(e) = &date {
            problems.push(("date", e.clone()));
        }
        let summary = values.get("summary").trim().to_string();
        // The choice's options are "—" then the contacts, in order.
        let contact = values.get("with");
        let contact = self
            .contacts
            .iter()
            .find(|(_, name)| *name == contact)
            .map(|(id, _)| *id);
        problems.extend(validate::line("summary", &summary).map(|p| (p.field, p.message)));
        match (kind, date) {
            (Ok(kind), Ok(date)) if problems.is_empty() => Ok(Edit {
                partner: self.partner.clone(),
                change: Change::AddActivity(Activity {
                    id: 0,
                    date,
                    kind,
                    summary,
                    contact,
                }),
            }),
            _ => Err(problems),
        }
    }
}
