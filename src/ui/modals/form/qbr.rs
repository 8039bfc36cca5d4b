//! The QBR workspace's forms: the notes of the agenda's sections (`e`), an
//! action item (`a` adds, Enter edits), and the QBR's date and status (`r`:
//! reschedule, or mark held on the day it really happened).

use super::field::Field;
use super::{Form, Problems, Purpose, Values};
use crate::domain::book::{ActionItem, Qbr, QbrStatus, Side};
use crate::domain::edit::{Change, Edit, PartnerRef, QbrWhen};
use crate::domain::parse::{self, DateOrder};
use crate::domain::validate;
use crate::ui::screen::Ctx;

/// The notes of every agenda section, one multi-line field each.
pub struct NotesForm {
    partner: PartnerRef,
    qbr: i64,
    /// `(section id, notes)` as they were when the form opened.
    before: Vec<(i64, String)>,
}

/// Field keys for up to eight agenda sections (drafts name fields by key).
const SECTION_KEYS: [&str; 8] = ["s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7"];

impl NotesForm {
    #[must_use]
    pub fn form(partner: PartnerRef, qbr: &Qbr) -> Form {
        let sections: Vec<_> = qbr.agenda.iter().take(SECTION_KEYS.len()).collect();
        let fields = sections
            .iter()
            .zip(SECTION_KEYS)
            .map(|(a, key)| Field::lines(key, section_label(&a.title), &a.notes))
            .collect();
        Form::new(
            Box::new(NotesForm {
                partner,
                qbr: qbr.id,
                before: sections.iter().map(|a| (a.id, a.notes.clone())).collect(),
            }),
            fields,
        )
    }
}

/// A short label for an agenda section title.
fn section_label(title: &str) -> &'static str {
    let t = title.to_lowercase();
    [
        ("relationship", "Relationship"),
        ("performance", "Performance"),
        ("pipeline", "Pipeline"),
        ("planning", "Joint planning"),
        ("resource", "Resources"),
        ("support", "Resources"),
    ]
    .into_iter()
    .find(|(word, _)| t.contains(word))
    .map_or("Section", |(_, label)| label)
}

impl Purpose for NotesForm {
    fn title(&self) -> String {
        format!("QBR notes · {}", self.partner.name)
    }

    fn draft_key(&self) -> String {
        format!("notes:{}:{}", self.partner.id, self.qbr)
    }

    fn build(&self, values: &Values, _ctx: &Ctx) -> Result<Edit, Problems> {
        let after: Vec<(i64, String)> = self
            .before
            .iter()
            .zip(SECTION_KEYS)
            .map(|((id, _), key)| (*id, values.get(key)))
            .collect();
        let problems: Problems = after
            .iter()
            .zip(SECTION_KEYS)
            .filter_map(|((_, notes), key)| validate::prose(key, notes))
            .map(|p| (p.field, p.message))
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Edit {
            partner: self.partner.clone(),
            change: Change::SetNotes {
                qbr: self.qbr,
                from: self.before.clone(),
                to: after,
            },
        })
    }
}

/// Adding or editing an action item: who owns it, what, by when.
pub struct ActionForm {
    partner: PartnerRef,
    qbr: i64,
    before: Option<ActionItem>,
}

impl ActionForm {
    #[must_use]
    pub fn form(partner: PartnerRef, qbr: i64, before: Option<ActionItem>) -> Form {
        let a = before.as_ref();
        let sides = Side::ALL.iter().map(ToString::to_string).collect();
        let due = a
            .and_then(|a| a.due)
            .map_or(String::new(), |d| d.format("%Y-%m-%d").to_string());
        let fields = vec![
            Field::text("text", "Action", a.map_or("", |a| &a.text)),
            Field::choice(
                "owner",
                "Owner",
                sides,
                a.map_or("us", |a| a.owner.as_str()),
            ),
            Field::date("due", "Due", &due),
        ];
        Form::new(
            Box::new(ActionForm {
                partner,
                qbr,
                before,
            }),
            fields,
        )
    }
}

impl Purpose for ActionForm {
    fn title(&self) -> String {
        match &self.before {
            None => format!("New action item · {}", self.partner.name),
            Some(a) => format!("Edit action item '{}'", a.text),
        }
    }

    fn draft_key(&self) -> String {
        let which = self
            .before
            .as_ref()
            .map_or("new".into(), |a| a.id.to_string());
        format!("action:{}:{}:{which}", self.partner.id, self.qbr)
    }

    fn build(&self, values: &Values, ctx: &Ctx) -> Result<Edit, Problems> {
        let mut problems: Problems = Vec::new();
        let text = values.get("text").trim().to_string();
        if text.is_empty() {
            problems.push(("text", "an action item needs a text".into()));
        }
        problems.extend(validate::line("text", &text).map(|p| (p.field, p.message)));
        let owner = values.get("owner").parse::<Side>().ok();
        // No due date is allowed, but then "create tasks for action items"
        // stays open (docs/rules.md, "QBRs").
        let due = if values.get("due").trim().is_empty() {
            None
        } else {
            match parse::date(&values.get("due"), ctx.model.today, DateOrder::default()) {
                Ok(d) => Some(d),
                Err(e) => {
                    problems.push(("due", e));
                    None
                }
            }
        };
        let (Some(owner), true) = (owner, problems.is_empty()) else {
            return Err(problems);
        };
        let after = ActionItem {
            id: self.before.as_ref().map_or(0, |a| a.id),
            owner,
            text,
            due,
            done: self.before.as_ref().and_then(|a| a.done),
        };
        Ok(Edit {
            partner: self.partner.clone(),
            change: match &self.before {
                None => Change::AddAction {
                    qbr: self.qbr,
                    item: after,
                },
                Some(b) => Change::EditAction {
                    qbr: self.qbr,
                    before: b.clone(),
                    after,
                },
            },
        })
    }
}

/// `r`: the QBR's date and status — reschedule it, or mark it held on the
/// day it really happened.
pub struct WhenForm {
    partner: PartnerRef,
    qbr: i64,
    before: QbrWhen,
}

impl WhenForm {
    #[must_use]
    pub fn form(partner: PartnerRef, qbr: &Qbr) -> Form {
        let statuses = QbrStatus::ALL.iter().map(ToString::to_string).collect();
        let fields = vec![
            Field::date("date", "Date", &qbr.date.format("%Y-%m-%d").to_string()),
            Field::choice("status", "Status", statuses, qbr.status.as_str()),
        ];
        Form::new(
            Box::new(WhenForm {
                partner,
                qbr: qbr.id,
                before: QbrWhen {
                    status: qbr.status,
                    date: qbr.date,
                },
            }),
            fields,
        )
    }
}

impl Purpose for WhenForm {
    fn title(&self) -> String {
        format!("Reschedule or mark held · {}", self.partner.name)
    }

    fn draft_key(&self) -> String {
        format!("when:{}:{}", self.partner.id, self.qbr)
    }

    fn build(&self, values: &Values, ctx: &Ctx) -> Result<Edit, Problems> {
        let date = parse::date(&values.get("date"), ctx.model.today, DateOrder::default())
            .map_err(|e| vec![("date", e)])?;
        let status = values
            .get("status")
            .parse::<QbrStatus>()
            .map_err(|e| vec![("status", e.to_string())])?;
        if status == QbrStatus::Held && date > ctx.model.today {
            return Err(vec![(
                "date",
                "a QBR is held on a day that has come".into(),
            )]);
        }
        Ok(Edit {
            partner: self.partner.clone(),
            change: Change::SetQbr {
                qbr: self.qbr,
                from: self.before,
                to: QbrWhen { status, date },
            },
        })
    }
}
