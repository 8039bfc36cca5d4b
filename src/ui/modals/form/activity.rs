//! Logging a touch (`t`) — any kind of activity, on any date (yesterday's
//! call too): what happened, the kind, the day.

use super::field::Field;
use super::{Form, Problems, Purpose, Values};
use crate::domain::book::{Activity, ActivityKind};
use crate::domain::edit::{Change, Edit, PartnerRef};
use crate::domain::parse::{self, DateOrder};
use crate::domain::validate;
use crate::ui::screen::{Ctx, Effect};

pub struct TouchForm {
    partner: PartnerRef,
}

impl TouchForm {
    /// The form for the partner with this id.
    #[must_use]
    pub fn form(partner: PartnerRef) -> Form {
        let kinds = ActivityKind::ALL.iter().map(ToString::to_string).collect();
        Form::new(
            Box::new(TouchForm { partner }),
            vec![
                Field::text("summary", "What happened", ""),
                Field::choice("kind", "Kind", kinds, ActivityKind::Call.as_str()),
                Field::date("date", "Date", "today"),
            ],
        )
    }

    /// As an effect that opens it for the partner with this id.
    #[must_use]
    pub fn open(ctx: &Ctx, partner_id: i64) -> Effect {
        match ctx.model.partner(partner_id) {
            Some((p, _)) => Effect::Push(Box::new(TouchForm::form(PartnerRef {
                id: p.id,
                name: p.name.clone(),
            }))),
            None => Effect::None,
        }
    }
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
        problems.extend(validate::line("summary", &summary).map(|p| (p.field, p.message)));
        match (kind, date) {
            (Ok(kind), Ok(date)) if problems.is_empty() => Ok(Edit {
                partner: self.partner.clone(),
                change: Change::AddActivity(Activity {
                    id: 0,
                    date,
                    kind,
                    summary,
                }),
            }),
            _ => Err(problems),
        }
    }
}
