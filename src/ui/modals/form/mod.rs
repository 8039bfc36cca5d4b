//! The form: labelled fields in a modal, checked as you type by the same
//! domain validators the imports use, saved through the edit pipeline.
//!
//! Tab / Shift-Tab (or ↓/↑ in one-line fields) move between fields, Enter
//! saves (Ctrl-S in a multi-line field, where Enter is a new line), Esc asks
//! before throwing typed text away. While it is open its content is kept
//! as a draft in the book, so a killed terminal loses nothing: the next
//! start offers to resume it (docs/architecture.md, "Forms and drafts").

pub mod activity;
pub mod campaign;
pub mod company;
pub mod field;
pub mod partner;
pub mod prospect;
pub mod qbr;
pub mod records;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use self::field::{Field, Meaning};
use super::confirm::Confirm;
use super::{hint_line, popup_block};
use crate::domain::edit::Edit;
use crate::domain::parse::DateOrder;
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::layout;
use crate::ui::screen::{Ctx, Draft, Effect, Modal};

/// Problems with the values, by field key.
pub type Problems = Vec<(&'static str, String)>;

/// What a form is for: which fields, and the edit its values make.
pub trait Purpose {
    /// The popup's title: `New partner`, `Edit Litware`.
    fn title(&self) -> String;
    /// Where the draft is kept (`partner:new`, `partner:12`, `touch:12`).
    fn draft_key(&self) -> String;
    /// Check the values and make the edit, or say what is wrong per field.
    ///
    /// # Errors
    /// The problems, each with the key of its field.
    fn build(&self, fields: &Values, ctx: &Ctx) -> Result<Edit, Problems>;
    /// What is allowed but worth a second look, per field key (a launch
    /// too close to plan well): shown beside the field, never blocking.
    fn warnings(&self, _fields: &Values, _ctx: &Ctx) -> Problems {
        Vec::new()
    }
    /// Lines shown under the fields as the values change (a suggestion, a
    /// warning that does not stop saving), each with whether it warns.
    fn advice(&self, _fields: &Values, _ctx: &Ctx) -> Vec<(String, bool)> {
        Vec::new()
    }
    /// The partner whose full record the advice reads, once the values
    /// name one (its file is then read if it is not yet).
    fn wants_file(&self, _fields: &Values, _ctx: &Ctx) -> Option<i64> {
        None
    }

    /// Saving as something other than an edit of a partner (the
    /// company's revenue): the effect, or the problems per field. None
    /// saves `build`'s edit.
    fn save_as(&self, _fields: &Values, _ctx: &Ctx) -> Option<Result<Effect, Problems>> {
        None
    }

    /// A line above the keys saying what the values add up to (a
    /// scorecard's total and reading), if the form has one.
    fn summary(&self, _fields: &Values, _ctx: &Ctx) -> Option<String> {
        None
    }
}

/// The values of a form's fields, by key.
pub struct Values<'a>(&'a [Field]);

impl Values<'_> {
    /// The value of the field `key` (empty when there is none).
    #[must_use]
    pub fn get(&self, key: &str) -> String {
        self.0
            .iter()
            .find(|f| f.key == key)
            .map(Field::value)
            .unwrap_or_default()
    }
}

pub struct Form {
    purpose: Box<dyn Purpose>,
    fields: Vec<Field>,
    focus: usize,
    /// The values as the form opened, to know whether anything was typed.
    initial: Vec<String>,
    problems: Problems,
    /// Show every problem (after a save was tried), not only those of
    /// fields already changed.
    tried: bool,
}

impl Form {
    #[must_use]
    pub fn new(purpose: Box<dyn Purpose>, fields: Vec<Field>) -> Form {
        let initial = fields.iter().map(Field::value).collect();
        Form {
            purpose,
            fields,
            focus: 0,
            initial,
            problems: Vec::new(),
            tried: false,
        }
    }

    /// Put a draft's values back.
    #[must_use]
    pub fn resumed(mut self, values: &[(String, String)]) -> Form {
        for (key, value) in values {
            if let Some(f) = self.fields.iter_mut().find(|f| f.key == key) {
                f.set_value(value);
            }
        }
        self
    }

    fn changed(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.initial)
            .any(|(f, v)| f.value() != *v)
    }

    /// Re-check after a change, and keep the draft.
    fn after_change(&mut self, ctx: &Ctx) -> Effect {
        self.problems = match self.saved(ctx) {
            Ok(_) => Vec::new(),
            Err(p) => p,
        };
        let draft = self.keep(ctx);
        match self.purpose.wants_file(&Values(&self.fields), ctx) {
            Some(partner) if ctx.model.file(partner).is_none() => Effect::Many(vec![
                draft,
                Effect::WithFile {
                    partner,
                    then: |_, _| Effect::None,
                },
            ]),
            _ => draft,
        }
    }

    /// The draft of the values as they are.
    fn keep(&self, ctx: &Ctx) -> Effect {
        Effect::Draft(Draft {
            key: self.purpose.draft_key(),
            title: self.purpose.title(),
            values: Some(
                self.fields
                    .iter()
                    .map(|f| (f.key.to_string(), f.kept(ctx.model.today)))
                    .collect(),
            ),
            row: None,
        })
    }

    /// What saving the values as they are does, or their problems.
    fn saved(&self, ctx: &Ctx) -> Result<Effect, Problems> {
        let values = Values(&self.fields);
        self.purpose
            .save_as(&values, ctx)
            .unwrap_or_else(|| self.purpose.build(&values, ctx).map(Effect::Submit))
    }

    fn save(&mut self, ctx: &Ctx) -> Effect {
        match self.saved(ctx) {
            Ok(effect) => effect,
            Err(problems) => {
                self.tried = true;
                self.focus = self
                    .fields
                    .iter()
                    .position(|f| problems.iter().any(|(k, _)| *k == f.key))
                    .unwrap_or(self.focus);
                self.problems = problems;
                Effect::Status("not saved: the form has problems (shown beside the fields)".into())
            }
        }
    }

    fn cancel(&self) -> Effect {
        let forget = Effect::Draft(Draft {
            key: self.purpose.draft_key(),
            title: self.purpose.title(),
            values: None,
            row: None,
        });
        if self.changed() {
            Confirm::ask(
                format!("Discard what you typed in {}?", self.purpose.title()),
                Effect::Many(vec![Effect::Pop, forget]),
            )
        } else {
            Effect::Many(vec![Effect::Pop, forget])
        }
    }

    fn move_focus(&mut self, step: isize) {
        let n = self.fields.len().max(1);
        self.focus = (self.focus.cast_signed() + step)
            .rem_euclid(n.cast_signed())
            .cast_unsigned();
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.focus();
        }
    }

    /// The purpose's advice, wrapped to the popup: warnings in the warning
    /// colour, the rest dim.
    fn advice_lines(&self, ctx: &Ctx, area_width: u16) -> Vec<Line<'static>> {
        let t = ctx.theme;
        let width = usize::from(area_width.min(76)).saturating_sub(4).max(10);
        self.purpose
            .advice(&Values(&self.fields), ctx)
            .into_iter()
            .flat_map(|(text, warn)| {
                let style = if warn { t.warn } else { t.dim };
                crate::ui::screens::partner::wrap(&text, width, width.saturating_sub(2))
                    .into_iter()
                    .enumerate()
                    .map(move |(i, chunk)| {
                        let indent = if i == 0 { " " } else { "   " };
                        Line::from(Span::styled(format!("{indent}{chunk}"), style))
                    })
            })
            .collect()
    }

    /// The problem shown beside a field, if any. While a completion is
    /// offered in the focused field (`→ takes it`) the field is still being
    /// typed, so its problem waits.
    fn problem(&self, i: usize, field: &Field, ctx: &Ctx) -> Option<String> {
        if i == self.focus && field.suggestion().is_some() {
            return None;
        }
        if let Meaning::Problem(p) = field.meaning(
            ctx.model.today,
            DateOrder::default(),
            &ctx.model.config.currency,
        ) {
            return Some(p);
        }
        let shown = self.tried || self.initial.get(i).is_some_and(|v| *v != field.value());
        shown
            .then(|| self.problems.iter().find(|(k, _)| *k == field.key))
            .flatten()
            .map(|(_, p)| p.clone())
    }
}

/// Label column width: 16, wider (up to 24) for a form whose labels are
/// longer, so none is cut.
fn label_width(fields: &[Field]) -> u16 {
    let longest = fields
        .iter()
        .map(|f| UnicodeWidthStr::width(f.label))
        .max()
        .unwrap_or(0);
    u16::try_from(longest.clamp(14, 22) + 2).unwrap_or(16)
}

impl Modal for Form {
    fn scope(&self) -> Scope {
        Scope::Form
    }

    /// In a multi-line field the footer says Enter types a new line.
    fn footer(&self, ctx: &Ctx) -> Option<Line<'static>> {
        self.fields
            .get(self.focus)
            .is_some_and(Field::is_lines)
            .then(|| form_hints(ctx, true))
    }

    fn on_key(&mut self, key: KeyEvent, action: Option<Action>, ctx: &Ctx) -> Effect {
        let lines = self.fields.get(self.focus).is_some_and(Field::is_lines);
        match action {
            // Enter is a new line in a multi-line field; Ctrl-S saves there.
            Some(Action::Save) if !(lines && key.code == KeyCode::Enter) => self.save(ctx),
            Some(Action::Cancel) => self.cancel(),
            Some(Action::ExternalEdit) if lines => {
                Effect::ExternalEditor(self.fields[self.focus].value())
            }
            Some(Action::ExternalEdit) => Effect::Status(format!(
                "{} opens $EDITOR on a multi-line field (notes)",
                ctx.keymap.label_of(Action::ExternalEdit)
            )),
            Some(Action::NextChoice) => {
                self.move_focus(1);
                Effect::None
            }
            Some(Action::PrevChoice) => {
                self.move_focus(-1);
                Effect::None
            }
            _ if !lines && key.code == KeyCode::Down => {
                self.move_focus(1);
                Effect::None
            }
            _ if !lines && key.code == KeyCode::Up => {
                self.move_focus(-1);
                Effect::None
            }
            _ => {
                let changed = self
                    .fields
                    .get_mut(self.focus)
                    .is_some_and(|f| f.input(key));
                if changed {
                    self.after_change(ctx)
                } else {
                    Effect::None
                }
            }
        }
    }

    fn on_paste(&mut self, text: &str, ctx: &Ctx) -> Effect {
        let changed = self
            .fields
            .get_mut(self.focus)
            .is_some_and(|f| f.paste(text));
        if changed {
            self.after_change(ctx)
        } else {
            Effect::None
        }
    }

    fn unsaved(&self) -> bool {
        self.changed()
    }

    fn edited_text(&mut self, text: &str, ctx: &Ctx) -> Effect {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.set_value(text);
        }
        self.after_change(ctx)
    }

    fn draft_key(&self) -> Option<String> {
        Some(self.purpose.draft_key())
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let rows: u16 = self.fields.iter().map(Field::height).sum();
        let advice = self.advice_lines(ctx, area.width);
        let advice_rows = u16::try_from(advice.len()).unwrap_or(0);
        let rect = layout::popup(area, 76, rows + 4 + advice_rows);
        Clear.render(rect, buf);
        let title = self.purpose.title();
        let block = popup_block(t, &title);
        let inner = block.inner(rect);
        block.render(rect, buf);
        let label_w = label_width(&self.fields);
        let mut y = inner.y;
        let bottom = inner.bottom().saturating_sub(2 + advice_rows);
        // Keep the focused field on screen when the form is taller than the popup.
        let before: u16 = self.fields[..self.focus].iter().map(Field::height).sum();
        let skip = before.saturating_sub(bottom.saturating_sub(inner.y).saturating_sub(1));
        let mut skipped = 0;
        let warnings = self.purpose.warnings(&Values(&self.fields), ctx);
        for (i, field) in self.fields.iter().enumerate() {
            if skipped < skip {
                skipped += field.height();
                continue;
            }
            let h = field.height().min(bottom.saturating_sub(y));
            if h == 0 {
                break;
            }
            let focused = i == self.focus;
            let label_style = if focused { t.key } else { t.dim };
            let label = format!(" {:<w$}", field.label, w = usize::from(label_w - 2));
            buf.set_stringn(
                inner.x,
                y,
                &label,
                usize::from(label_w.min(inner.width)),
                label_style,
            );
            let width = inner.width.saturating_sub(label_w + 1);
            let warning = warnings.iter().find(|(k, _)| *k == field.key);
            let note = match (
                self.problem(i, field, ctx),
                field.meaning(
                    ctx.model.today,
                    DateOrder::default(),
                    &ctx.model.config.currency,
                ),
                warning,
            ) {
                (Some(p), _, _) => Some(Span::styled(format!("  {p}"), t.late)),
                (None, Meaning::Note(resolved), Some((_, warn)))
                    if resolved.width() + warn.width() + 5
                        <= usize::from(width).saturating_sub(14) =>
                {
                    Some(Span::styled(format!("  {resolved} · {warn}"), t.warn))
                }
                (None, _, Some((_, warn))) => Some(Span::styled(format!("  {warn}"), t.warn)),
                (None, Meaning::Note(resolved), None) => {
                    Some(Span::styled(format!("  {resolved}"), t.dim))
                }
                _ => None,
            };
            // The note takes what the value leaves free (at least 12 columns for typing).
            let typed = field
                .value()
                .lines()
                .map(UnicodeWidthStr::width)
                .max()
                .unwrap_or(0);
            let free = usize::from(width).saturating_sub((typed + 2).max(12));
            let note_width = note.as_ref().map_or(0, |n| n.content.width()).min(free);
            let input_width = width.saturating_sub(u16::try_from(note_width).unwrap_or(0));
            let input = Rect::new(inner.x + label_w, y, input_width, h);
            field.render(focused, t, input, buf);
            if let Some(note) = note {
                let x = inner.x + label_w + input_width;
                buf.set_stringn(x, y, note.content.as_ref(), note_width, note.style);
            }
            y += h;
        }
        if !advice.is_empty() {
            let top = y.max(inner.y);
            let room = inner.bottom().saturating_sub(1).saturating_sub(top);
            let shown = advice_rows.min(room);
            let at = Rect::new(
                inner.x,
                inner.bottom().saturating_sub(1 + shown),
                inner.width,
                shown,
            );
            Paragraph::new(advice).render(at, buf);
        }
        if let Some(summary) = self.purpose.summary(&Values(&self.fields), ctx) {
            let at = Rect::new(inner.x, inner.bottom().saturating_sub(2), inner.width, 1);
            Paragraph::new(Span::styled(format!(" {summary}"), t.title)).render(at, buf);
        }
        let hint = Rect::new(inner.x, inner.bottom().saturating_sub(1), inner.width, 1);
        let lines = self.fields.get(self.focus).is_some_and(Field::is_lines);
        Paragraph::new(form_hints(ctx, lines)).render(hint, buf);
    }
}

/// The form's keys; in a multi-line field Enter types a new line, so the
/// footer says so and offers only the other keys to save.
fn form_hints(ctx: &Ctx, lines: bool) -> Line<'static> {
    if !lines {
        return hint_line(ctx, Scope::Form);
    }
    let mut spans = Vec::new();
    for (key, does) in ctx.keymap.hints(&[Scope::Form]) {
        let key = if does == "save" {
            let rest: Vec<&str> = key.split('/').filter(|k| *k != "Enter").collect();
            if rest.is_empty() {
                continue;
            }
            rest.join("/")
        } else {
            key.to_string()
        };
        spans.push(Span::styled(format!(" {key}"), ctx.theme.key));
        spans.push(Span::styled(format!(" {does} "), ctx.theme.dim));
    }
    spans.push(Span::styled(" Enter".to_string(), ctx.theme.key));
    spans.push(Span::styled(" new line ".to_string(), ctx.theme.dim));
    Line::from(spans)
}

/// The partner a draft's form is about (its file must be read first).
#[must_use]
pub fn draft_partner(key: &str) -> Option<i64> {
    let mut parts = key.split(':');
    parts.next()?;
    parts.next()?.parse().ok()
}

/// What a draft's form changes: something new beside the partner's records
/// (a touch, `…:new`), or a record as the form showed it.
#[must_use]
pub fn draft_changes(key: &str) -> crate::domain::draft::Changes {
    use crate::domain::draft::Changes;
    if key.starts_with("touch:") || key.ends_with(":new") {
        Changes::Adds
    } else {
        Changes::Existing
    }
}

/// The form a draft was typed in, with its values back; None when the
/// form's partner (or record) is no longer in the book.
#[must_use]
pub fn reopen(draft: &Draft, ctx: &Ctx) -> Option<Form> {
    let values = draft.values.as_deref().unwrap_or_default();
    let (kind, which) = draft.key.split_once(':')?;
    let partner = || {
        let id: i64 = which.parse().ok()?;
        ctx.model.record(id).cloned()
    };
    let form = match (kind, which) {
        ("partner", "new") => partner::PartnerForm::create(ctx),
        ("campaign", "new") => campaign::CampaignForm::create(None, ctx),
        ("partner", _) => partner::PartnerForm::edit(&partner()?, ctx),
        ("record", rest) => {
            let mut parts = rest.split(':');
            let (id, kind, which) = (parts.next()?, parts.next()?, parts.next()?);
            let file = ctx.model.file(id.parse().ok()?)?;
            let kind = crate::domain::record::RecordKind::from_key(kind)?;
            let at = crate::domain::edit::PartnerRef {
                id: file.partner.id,
                name: file.partner.name.clone(),
            };
            if which == "new" {
                records::RecordForm::create(at, kind, ctx)
            } else {
                let record = kind.of(file).into_iter().find(|r| match r {
                    crate::domain::record::Record::Revenue(x) => x.month.to_string() == which,
                    r => r.id().to_string() == which,
                })?;
                records::RecordForm::edit(at, record, ctx)
            }
        }
        ("notes" | "action" | "when" | "task" | "results", rest) => {
            reopen_in_file(kind, rest, ctx)?
        }
        ("company_revenue", _) => company::form(ctx),
        ("touch", _) => {
            let p = partner()?;
            let contacts = activity::contacts_of(ctx, p.id);
            activity::TouchForm::form(
                crate::domain::edit::PartnerRef {
                    id: p.id,
                    name: p.name,
                },
                &contacts,
            )
        }
        _ => return None,
    };
    Some(form.resumed(values))
}

/// Reopen a form about one QBR or campaign of a partner whose file is read:
/// `notes:P:Q`, `when:P:Q`, `action:P:Q:ID|new`, `task:P:C:ID|new`.
fn reopen_in_file(kind: &str, rest: &str, ctx: &Ctx) -> Option<Form> {
    let mut parts = rest.split(':');
    let file = ctx.model.file(parts.next()?.parse().ok()?)?;
    let of: i64 = parts.next()?.parse().ok()?;
    let which = parts.next();
    let who = crate::domain::edit::PartnerRef {
        id: file.partner.id,
        name: file.partner.name.clone(),
    };
    let id = |w: Option<&str>| {
        w.filter(|w| *w != "new")
            .and_then(|w| w.parse::<i64>().ok())
    };
    if kind == "results" {
        let c = file.campaigns.iter().find(|c| c.id == of)?;
        return Some(campaign::ResultsForm::form(who, c));
    }
    if kind == "task" {
        let c = file.campaigns.iter().find(|c| c.id == of)?;
        let task = id(which).and_then(|t| c.tasks.iter().find(|x| x.id == t).cloned());
        return Some(campaign::TaskForm::form(who, c.id, c.launch, task));
    }
    let q = file.qbrs.iter().find(|q| q.id == of)?;
    Some(match kind {
        "notes" => qbr::NotesForm::form(who, q),
        "when" => qbr::WhenForm::form(who, q),
        _ => {
            let item = id(which).and_then(|a| q.actions.iter().find(|x| x.id == a).cloned());
            qbr::ActionForm::form(who, q.id, item)
        }
    })
}
