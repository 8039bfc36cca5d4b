//! A new campaign (`n` on Campaigns) and a campaign's tasks (`a` adds one,
//! Enter edits the selected one, on its timeline). A new campaign's tasks
//! come from the template for its type (`domain::campaigns::template_tasks`).

use chrono::NaiveDate;

use super::field::Field;
use super::{Form, Problems, Purpose, Values};
use crate::domain::book::{
    Campaign, CampaignResults, CampaignStatus, CampaignTask, CampaignType, Objective,
};
use crate::domain::campaign_results::{Measure, measures};
use crate::domain::campaigns::{LEAD_MODELS, default_launch, last_minute, template_tasks, week_at};
use crate::domain::dates::add_days;
use crate::domain::edit::{Change, Edit, PartnerRef};
use crate::domain::parse::{self, DateOrder};
use crate::domain::search::name_key;
use crate::domain::validate;
use crate::ui::screen::Ctx;

fn all<T: ToString>(values: &[T]) -> Vec<String> {
    values.iter().map(ToString::to_string).collect()
}

/// Adding a campaign.
pub struct CampaignForm;

impl CampaignForm {
    /// The form, with `partner` filled in when one is selected.
    #[must_use]
    pub fn create(partner: Option<&str>, ctx: &Ctx) -> Form {
        let names: Vec<String> = ctx
            .model
            .rows
            .iter()
            .filter(|p| !p.archived)
            .map(|p| p.name.clone())
            .collect();
        Form::new(
            Box::new(CampaignForm),
            vec![
                Field::text("partner", "Partner", partner.unwrap_or_default()).completing(names),
                Field::choice(
                    "type",
                    "Type",
                    all(CampaignType::ALL),
                    CampaignType::JointWebinar.as_str(),
                ),
                Field::text("name", "Name", ""),
                Field::date(
                    "launch",
                    "Launch (W0)",
                    &default_launch(ctx.model.today, ctx.model.config.campaigns.planning_weeks)
                        .format("%Y-%m-%d")
                        .to_string(),
                ),
                Field::choice(
                    "objective",
                    "Objective",
                    all(Objective::ALL),
                    Objective::Leads.as_str(),
                ),
                Field::text("audience", "Audience", ""),
                Field::text("key_message", "Key message", ""),
                Field::text("kpi", "Primary KPI", "SQLs"),
                Field::text("kpi_target", "KPI target", ""),
                Field::choice(
                    "lead_model",
                    "Lead distribution",
                    LEAD_MODELS
                        .iter()
                        .map(|(m, _, _)| (*m).to_string())
                        .collect(),
                    LEAD_MODELS[0].0,
                ),
                Field::money("budget_ours", "Budget (ours)", ""),
                Field::money("budget_partner", "Budget (partner)", ""),
            ],
        )
    }
}

/// An optional amount: empty is 0.
fn amount(values: &Values, key: &'static str, problems: &mut Problems) -> i64 {
    let text = values.get(key);
    if text.trim().is_empty() {
        return 0;
    }
    match parse::money(&text) {
        Ok(v) => {
            problems.extend(validate::amount(key, v).map(|p| (p.field, p.message)));
            v
        }
        Err(e) => {
            problems.push((key, e));
            0
        }
    }
}

/// The partner the form names (not archived), if any.
fn named_partner<'a>(
    values: &Values,
    ctx: &Ctx<'a>,
) -> Option<&'a crate::domain::list_row::ListRow> {
    let wanted = name_key(&values.get("partner"));
    ctx.model
        .rows
        .iter()
        .find(|p| !p.archived && name_key(&p.name) == wanted)
}

impl Purpose for CampaignForm {
    fn title(&self) -> String {
        "New campaign".into()
    }

    fn wants_file(&self, values: &Values, ctx: &Ctx) -> Option<i64> {
        named_partner(values, ctx).map(|p| p.id)
    }

    /// The co-marketing budget the formula suggests, and what our budget
    /// does to the partner's MDF in the launch quarter (a warning past the
    /// cap, naming the approval it needs).
    fn advice(&self, values: &Values, ctx: &Ctx) -> Vec<(String, bool)> {
        let Some(file) = named_partner(values, ctx).and_then(|p| ctx.model.file(p.id)) else {
            return Vec::new();
        };
        let cfg = &ctx.model.config;
        let mut out = vec![(
            format!(
                "Suggested budget: {}",
                crate::domain::budget::suggest(file, ctx.model.today, cfg).text
            ),
            false,
        )];
        let budget = parse::money(&values.get("budget_ours")).unwrap_or(0);
        let launch = parse::date(&values.get("launch"), ctx.model.today, DateOrder::default());
        if let (true, Ok(launch)) = (budget > 0, launch) {
            let check = crate::domain::mdf::check_cap(file, None, launch, budget, cfg);
            let mark = if check.over { "⚠ MDF " } else { "MDF " };
            out.push((format!("{mark}{}", check.text), check.over));
        }
        out
    }

    fn draft_key(&self) -> String {
        "campaign:new".into()
    }

    fn build(&self, values: &Values, ctx: &Ctx) -> Result<Edit, Problems> {
        let mut problems = Vec::new();
        let partner = named_partner(values, ctx);
        if partner.is_none() {
            problems.push((
                "partner",
                "no partner of that name (→ completes one)".into(),
            ));
        }
        let name = values.get("name").trim().to_string();
        if name.is_empty() {
            problems.push(("name", "a campaign needs a name".into()));
        }
        let launch = parse::date(&values.get("launch"), ctx.model.today, DateOrder::default())
            .unwrap_or_else(|e| {
                problems.push(("launch", e));
                ctx.model.today
            });
        let kind: Option<CampaignType> = values.get("type").parse().ok();
        let objective: Option<Objective> = values.get("objective").parse().ok();
        let target_text = values.get("kpi_target");
        let kpi_target = if target_text.trim().is_empty() {
            0
        } else {
            target_text.trim().parse::<i64>().unwrap_or_else(|_| {
                problems.push((
                    "kpi_target",
                    format!("'{}' is not a whole number", target_text.trim()),
                ));
                0
            })
        };
        let budget_ours = amount(values, "budget_ours", &mut problems);
        let budget_partner = amount(values, "budget_partner", &mut problems);
        for key in ["name", "audience", "key_message", "kpi", "lead_model"] {
            problems.extend(validate::line(key, &values.get(key)).map(|p| (p.field, p.message)));
        }
        let (Some(p), Some(kind), Some(objective), true) =
            (partner, kind, objective, problems.is_empty())
        else {
            return Err(problems);
        };
        let campaign = Campaign {
            id: 0,
            name,
            kind,
            launch,
            objective,
            audience: values.get("audience").trim().to_string(),
            key_message: values.get("key_message").trim().to_string(),
            kpi: values.get("kpi").trim().to_string(),
            kpi_target,
            lead_model: values.get("lead_model").trim().to_string(),
            budget_ours,
            budget_partner,
            status: CampaignStatus::Planning,
            results: CampaignResults::default(),
            tasks: template_tasks(kind, launch, &ctx.model.config),
        };
        Ok(Edit {
            partner: PartnerRef {
                id: p.id,
                name: p.name.clone(),
            },
            change: Change::AddCampaign(campaign),
        })
    }

    fn warnings(&self, values: &Values, ctx: &Ctx) -> Problems {
        let today = ctx.model.today;
        parse::date(&values.get("launch"), today, DateOrder::default())
            .ok()
            .and_then(|launch| {
                last_minute(launch, today, ctx.model.config.campaigns.planning_weeks)
            })
            .map(|w| ("launch", w))
            .into_iter()
            .collect()
    }
}

/// Adding or editing a campaign task: title, owner, and either a week
/// offset (due = launch + weeks, launch day for W0) or an exact date.
pub struct TaskForm {
    partner: PartnerRef,
    campaign: i64,
    launch: NaiveDate,
    before: Option<CampaignTask>,
}

impl TaskForm {
    /// The form for a new task (`before` None) or editing `before`.
    #[must_use]
    pub fn form(
        partner: PartnerRef,
        campaign: i64,
        launch: NaiveDate,
        before: Option<CampaignTask>,
    ) -> Form {
        let t = before.as_ref();
        let fields = vec![
            Field::text("title", "Task", t.map_or("", |t| &t.title)),
            Field::text("owner", "Owner", t.map_or("both", |t| &t.owner)).completing(vec![
                "us".into(),
                "partner".into(),
                "both".into(),
                "ops".into(),
                "design".into(),
                "marketing ops".into(),
                "content owner".into(),
            ]),
            Field::text(
                "week",
                "Week (W±n)",
                &t.map_or("0".to_string(), |t| t.week.to_string()),
            ),
            Field::date("due", "Or exact date", ""),
        ];
        Form::new(
            Box::new(TaskForm {
                partner,
                campaign,
                launch,
                before,
            }),
            fields,
        )
    }
}

impl Purpose for TaskForm {
    fn title(&self) -> String {
        match &self.before {
            None => format!("New task · {}", self.partner.name),
            Some(t) => format!("Edit task '{}'", t.title),
        }
    }

    fn draft_key(&self) -> String {
        let which = self
            .before
            .as_ref()
            .map_or("new".into(), |t| t.id.to_string());
        format!("task:{}:{}:{which}", self.partner.id, self.campaign)
    }

    fn build(&self, values: &Values, ctx: &Ctx) -> Result<Edit, Problems> {
        let mut problems = Vec::new();
        let title = values.get("title").trim().to_string();
        if title.is_empty() {
            problems.push(("title", "a task needs a title".into()));
        }
        let owner = values.get("owner").trim().to_string();
        for (key, text) in [("title", &title), ("owner", &owner)] {
            problems.extend(validate::line(key, text).map(|p| (p.field, p.message)));
        }
        let week_text = values.get("week");
        let week = week_text
            .trim()
            .trim_start_matches(['W', 'w'])
            .trim_start_matches('+')
            .parse::<i32>()
            .unwrap_or_else(|_| {
                problems.push((
                    "week",
                    format!(
                        "'{}' is not a week offset (e.g. -2, 0, +1)",
                        week_text.trim()
                    ),
                ));
                0
            });
        // An exact date wins over the week (the task then sits in the week
        // its date falls in); else launch + weeks.
        let (week, due) = if values.get("due").trim().is_empty() {
            (week, add_days(self.launch, i64::from(week) * 7))
        } else {
            let due = parse::date(&values.get("due"), ctx.model.today, DateOrder::default())
                .unwrap_or_else(|e| {
                    problems.push(("due", e));
                    self.launch
                });
            (week_at(self.launch, due), due)
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let after = CampaignTask {
            id: self.before.as_ref().map_or(0, |t| t.id),
            week,
            title,
            owner,
            due,
            done: self.before.as_ref().and_then(|t| t.done),
            moves: self.before.as_ref().map_or(0, |t| t.moves),
        };
        Ok(Edit {
            partner: self.partner.clone(),
            change: match &self.before {
                None => Change::AddTask {
                    campaign: self.campaign,
                    task: after,
                },
                Some(b) => Change::EditTask {
                    campaign: self.campaign,
                    before: b.clone(),
                    after,
                },
            },
        })
    }
}

/// `R` on a timeline: the campaign's results as they come in, the fields
/// its type counts (`campaign_results::measures`).
pub struct ResultsForm {
    partner: PartnerRef,
    campaign: i64,
    kind: CampaignType,
    before: CampaignResults,
}

impl ResultsForm {
    #[must_use]
    pub fn form(partner: PartnerRef, c: &Campaign) -> Form {
        let amount = |v: i64| if v == 0 { String::new() } else { v.to_string() };
        let fields = measures(c.kind)
            .into_iter()
            .map(|m| Field::text(m.key(), label(m), &m.get(&c.results).to_string()))
            .chain([
                Field::money(
                    "pipeline_value",
                    "Pipeline $",
                    &amount(c.results.pipeline_value),
                ),
                Field::money(
                    "closed_won_value",
                    "Closed-won $",
                    &amount(c.results.closed_won_value),
                ),
            ])
            .collect();
        Form::new(
            Box::new(ResultsForm {
                partner,
                campaign: c.id,
                kind: c.kind,
                before: c.results.clone(),
            }),
            fields,
        )
    }
}

/// A measure as a form label: `Demo requests`.
fn label(m: Measure) -> &'static str {
    match m {
        Measure::Registrants => "Registrants",
        Measure::Attendees => "Attendees",
        Measure::Sends => "Sends",
        Measure::Opens => "Opens",
        Measure::Clicks => "Clicks",
        Measure::Reach => "Reach",
        Measure::Engagements => "Engagements",
        Measure::Downloads => "Downloads",
        Measure::DemoRequests => "Demo requests",
        Measure::Sqls => "SQLs",
        Measure::Opportunities => "Opportunities",
        Measure::ClosedWon => "Closed-won",
    }
}

impl Purpose for ResultsForm {
    fn title(&self) -> String {
        format!("Campaign results · {}", self.partner.name)
    }

    fn draft_key(&self) -> String {
        format!("results:{}:{}", self.partner.id, self.campaign)
    }

    fn build(&self, values: &Values, _ctx: &Ctx) -> Result<Edit, Problems> {
        let mut problems: Problems = Vec::new();
        let mut to = self.before.clone();
        for m in measures(self.kind) {
            let text = values.get(m.key());
            match text.trim().replace(',', "").parse::<u32>() {
                Ok(v) => m.set(&mut to, v),
                Err(_) => problems.push((m.key(), format!("'{}' is not a count", text.trim()))),
            }
        }
        to.pipeline_value = amount(values, "pipeline_value", &mut problems);
        to.closed_won_value = amount(values, "closed_won_value", &mut problems);
        for key in ["pipeline_value", "closed_won_value"] {
            if parse::money(&values.get(key)).is_ok_and(|v| v < 0) {
                problems.push((
                    key,
                    "an amount the campaign brought cannot be negative".into(),
                ));
            }
        }
        for (part, whole, says) in [
            (
                Measure::Attendees,
                Measure::Registrants,
                "more attendees than registrants",
            ),
            (Measure::Opens, Measure::Sends, "more opens than sends"),
            (Measure::Clicks, Measure::Sends, "more clicks than sends"),
        ] {
            let counted = measures(self.kind).contains(&whole);
            if counted && part.get(&to) > whole.get(&to) {
                problems.push((part.key(), says.into()));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Edit {
            partner: self.partner.clone(),
            change: Change::SetResults {
                campaign: self.campaign,
                from: self.before.clone(),
                to,
            },
        })
    }
}
