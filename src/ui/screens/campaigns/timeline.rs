//! A campaign's timeline, opened over the campaigns list: the brief, the
//! results, and a week grid of its tasks. `x` marks a task done, `>`/`<`
//! move the launch (open tasks move with it), `s` steps the status
//! (cancelling asks first), `d` deletes a task (asks first), `i` writes the
//! calendar file. Every change goes through the edit pipeline, so `u`
//! undoes it (docs/architecture.md, "One edit pipeline").

use crate::ui::modals::form::activity::TouchForm;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::grid;
use crate::domain::book::{Campaign, CampaignStatus, CampaignTask, Partner};
use crate::domain::campaigns::{next_status, tasks_moving_with_launch};
use crate::domain::dates::add_days;
use crate::domain::edit::{Change, DoneItem, Edit, PartnerRef};
use crate::domain::format::day;
use crate::domain::mdf::check_move;
use crate::domain::text::display_safe;
use crate::ui::action::Action;
use crate::ui::cursor::Cursor;
use crate::ui::keymap::Scope;
use crate::ui::modals::confirm::Confirm;
use crate::ui::modals::form::campaign::{ResultsForm, TaskForm};
use crate::ui::model::Model;
use crate::ui::screen::{Ctx, Effect, Screen};

#[derive(Debug, Clone)]
pub struct TimelineState {
    pub partner: i64,
    pub campaign: i64,
    /// Over the campaign's tasks, in due order.
    pub cursor: Cursor,
    /// The selected task's id, kept across edits that reorder tasks.
    selected_task: Option<i64>,
}

impl TimelineState {
    #[must_use]
    pub fn new(partner: i64, campaign: i64) -> TimelineState {
        TimelineState {
            partner,
            campaign,
            cursor: Cursor::default(),
            selected_task: None,
        }
    }

    /// The partner and the campaign, if the partner's file is read and
    /// still holds the campaign.
    #[must_use]
    pub fn campaign<'m>(&self, model: &'m Model) -> Option<(&'m Partner, &'m Campaign)> {
        let file = model.file(self.partner)?;
        let c = file.campaigns.iter().find(|c| c.id == self.campaign)?;
        Some((&file.partner, c))
    }

    /// The selected task.
    #[must_use]
    pub fn task<'m>(&self, model: &'m Model) -> Option<&'m CampaignTask> {
        self.campaign(model)?.1.tasks.get(self.cursor.selected)
    }

    /// The task form: a new task, or the selected one to edit.
    fn task_form(&self, ctx: &Ctx, task: Option<CampaignTask>) -> Effect {
        let Some((p, c)) = self.campaign(ctx.model) else {
            return Effect::None;
        };
        let partner = PartnerRef {
            id: p.id,
            name: p.name.clone(),
        };
        Effect::Push(Box::new(TaskForm::form(partner, c.id, c.launch, task)))
    }

    fn rows(ctx: &Ctx) -> usize {
        grid::task_rows(ctx.body.height)
    }

    fn edit(&self, ctx: &Ctx, change: Change) -> Effect {
        let Some((p, _)) = self.campaign(ctx.model) else {
            return Effect::None;
        };
        Effect::Edit(Edit {
            partner: PartnerRef {
                id: p.id,
                name: p.name.clone(),
            },
            change,
        })
    }

    fn toggle(&self, ctx: &Ctx) -> Effect {
        let Some(task) = self.task(ctx.model) else {
            return Effect::None;
        };
        let to = if task.done.is_some() {
            None
        } else {
            Some(ctx.model.today)
        };
        let item = DoneItem::CampaignTask {
            campaign: self.campaign,
            task: task.id,
        };
        self.edit(
            ctx,
            Change::SetDone {
                item,
                from: task.done,
                to,
            },
        )
    }

    /// Move the launch by `days`; a move into a quarter whose MDF it takes
    /// past the cap asks first, naming the approval it needs.
    fn move_launch(&self, ctx: &Ctx, days: i64) -> Effect {
        let Some((p, c)) = self.campaign(ctx.model) else {
            return Effect::None;
        };
        let to = add_days(c.launch, days);
        let change = self.edit(
            ctx,
            Change::MoveLaunch {
                campaign: c.id,
                from: c.launch,
                to,
                tasks: tasks_moving_with_launch(c),
            },
        );
        let file = ctx.model.file(p.id);
        match file.and_then(|f| check_move(f, c, to, &ctx.model.config)) {
            Some(check) => Confirm::ask(
                format!(
                    "Move '{}' to {}? MDF {}.",
                    display_safe(&c.name),
                    day(to),
                    check.text
                ),
                change,
            ),
            None => change,
        }
    }

    fn next_status(&self, ctx: &Ctx) -> Effect {
        let Some((p, c)) = self.campaign(ctx.model) else {
            return Effect::None;
        };
        let to = next_status(c.status);
        let change = self.edit(
            ctx,
            Change::SetStatus {
                campaign: c.id,
                from: c.status,
                to,
            },
        );
        if to == CampaignStatus::Cancelled {
            return Confirm::ask(
                format!(
                    "Cancel '{}' of {}? Its open tasks leave Today ({} undoes it).",
                    display_safe(&c.name),
                    display_safe(&p.name),
                    ctx.keymap.label_of(Action::Undo)
                ),
                change,
            );
        }
        change
    }

    fn delete(&self, ctx: &Ctx) -> Effect {
        let Some(task) = self.task(ctx.model) else {
            return Effect::None;
        };
        let change = self.edit(
            ctx,
            Change::RemoveTask {
                campaign: self.campaign,
                task: task.clone(),
            },
        );
        Confirm::ask(
            format!(
                "Delete task '{}'? ({} undoes it)",
                display_safe(&task.title),
                ctx.keymap.label_of(Action::Undo)
            ),
            change,
        )
    }

    fn calendar(&self, ctx: &Ctx) -> Effect {
        let Some((p, c)) = self.campaign(ctx.model) else {
            return Effect::None;
        };
        let path = std::path::PathBuf::from(format!("{}.ics", file_stem(&c.name)));
        Effect::Write {
            text: crate::domain::ics::calendar(&ctx.model.book_id, p, c),
            done: format!(
                "wrote {} tasks to {} (importing it again updates the events)",
                c.tasks.len(),
                path.display()
            ),
            path,
        }
    }
}

/// A file name from a campaign name: `q4-webinar-with-contoso`.
fn file_stem(name: &str) -> String {
    let mut stem = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            stem.push(c);
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        "campaign".to_string()
    } else {
        stem.chars().take(60).collect()
    }
}

impl Screen for TimelineState {
    fn title(&self, ctx: &Ctx) -> String {
        self.campaign(ctx.model)
            .map(|(_, c)| display_safe(&c.name).into_owned())
            .unwrap_or_default()
    }

    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::Timeline]
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let h = Self::rows(ctx);
        let len = self.campaign(ctx.model).map_or(0, |(_, c)| c.tasks.len());
        let page = isize::try_from(h.max(1)).unwrap_or(1);
        let c = &mut self.cursor;
        match action {
            Action::Down => c.move_by(1, len, h),
            Action::Up => c.move_by(-1, len, h),
            Action::PageDown => c.move_by(page, len, h),
            Action::PageUp => c.move_by(-page, len, h),
            Action::Top => c.top(len, h),
            Action::Bottom => c.bottom(len, h),
            Action::Back => return Effect::Close,
            Action::ToggleDone => return self.toggle(ctx),
            Action::LaunchLater => return self.move_launch(ctx, 7),
            Action::LaunchEarlier => return self.move_launch(ctx, -7),
            Action::NextStatus => return self.next_status(ctx),
            Action::Delete => return self.delete(ctx),
            Action::ExportCalendar => return self.calendar(ctx),
            Action::New => return self.task_form(ctx, None),
            Action::LogTouch => return TouchForm::open(ctx, self.partner),
            Action::Results => {
                if let Some((p, c)) = self.campaign(ctx.model) {
                    let who = PartnerRef {
                        id: p.id,
                        name: p.name.clone(),
                    };
                    return Effect::Push(Box::new(ResultsForm::form(who, c)));
                }
            }
            Action::Edit => {
                let task = self.task(ctx.model).cloned();
                if task.is_some() {
                    return self.task_form(ctx, task);
                }
            }
            _ => {}
        }
        self.selected_task = self.task(ctx.model).map(|t| t.id);
        Effect::None
    }

    fn click(&mut self, _x: u16, y: u16, ctx: &Ctx) -> Effect {
        if let Some(r) = usize::from(y).checked_sub(usize::from(grid::TOP_LINES)) {
            let h = Self::rows(ctx);
            let len = self.campaign(ctx.model).map_or(0, |(_, c)| c.tasks.len());
            if self.cursor.click(r, len, h) {
                self.selected_task = self.task(ctx.model).map(|t| t.id);
            }
        }
        Effect::None
    }

    fn refresh(&mut self, ctx: &Ctx) {
        let h = Self::rows(ctx);
        let Some((_, c)) = self.campaign(ctx.model) else {
            return;
        };
        // First shown: the earliest task not done.
        let at = match self.selected_task {
            Some(id) => c.tasks.iter().position(|t| t.id == id),
            None => c.tasks.iter().position(|t| t.done.is_none()),
        }
        .unwrap_or(self.cursor.selected);
        let first_time = self.selected_task.is_none();
        self.cursor.select(at, c.tasks.len(), h);
        if first_time {
            // A few tasks before it stay in view, for context.
            self.cursor.offset = at.saturating_sub(h / 3);
            self.cursor.select(at, c.tasks.len(), h);
        }
        self.selected_task = c.tasks.get(self.cursor.selected).map(|t| t.id);
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        grid::render(self, ctx, area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn a_campaign_name_becomes_a_plain_file_name() {
        assert_eq!(
            file_stem("Q4 webinar with Contoso"),
            "q4-webinar-with-contoso"
        );
        assert_eq!(file_stem("AI — for SREs!"), "ai-for-sres");
        assert_eq!(file_stem("../.."), "campaign");
    }
}
