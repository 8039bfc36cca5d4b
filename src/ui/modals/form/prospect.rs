//! A prospect's scorecard (`c` on Prospects) and signing it (`o`): the
//! seed's seven dimensions 1-5 with their indicators beside them, the six
//! red flags with the alternative beside each, the total and its reading
//! as you choose; signing asks the day it joined (docs/rules.md,
//! "Prospects and the scorecard", "Onboarding plan").

use super::field::Field;
use super::{Form, Problems, Purpose, Values};
use crate::domain::book::{PartnerFile, RedFlag, Scorecard};
use crate::domain::edit::{Change, Edit, PartnerRef};
use crate::domain::format::day_year;
use crate::domain::lifecycle::{DIMENSIONS, Qualification, sign};
use crate::domain::parse::{self, DateOrder};
use crate::ui::screen::{Ctx, Effect};

const SCALE: [&str; 5] = ["1", "2", "3", "4", "5"];
const YES_NO: [&str; 2] = ["no", "yes"];

fn strings(all: &[&str]) -> Vec<String> {
    all.iter().map(ToString::to_string).collect()
}

/// The scorecard form of a prospect, its scorecard as it was when opened.
pub struct ScorecardForm {
    partner: PartnerRef,
    before: Option<Scorecard>,
}

impl ScorecardForm {
    #[must_use]
    pub fn open(file: &PartnerFile, ctx: &Ctx) -> Form {
        let before = file.scorecard.clone();
        let scores = before.as_ref().map_or([3; 7], Scorecard::scores);
        let mut fields = vec![Field::date(
            "date",
            "Scored on",
            &before
                .as_ref()
                .map_or(ctx.model.today, |c| c.date)
                .to_string(),
        )];
        for (d, s) in DIMENSIONS.iter().zip(scores) {
            fields.push(
                Field::choice(d.key, d.title, strings(&SCALE), &s.to_string()).hinted(d.indicators),
            );
        }
        for flag in RedFlag::ALL {
            let (title, _, alternative) = flag.words();
            // The one title longer than the label column, said shorter.
            let title = if *flag == RedFlag::NoPartnerTeam {
                "No partner team"
            } else {
                title
            };
            let seen = before.as_ref().is_some_and(|c| c.red_flags.contains(flag));
            fields.push(
                Field::choice(
                    flag.as_str(),
                    title,
                    strings(&YES_NO),
                    if seen { "yes" } else { "no" },
                )
                .hinted(alternative),
            );
        }
        Form::new(
            Box::new(ScorecardForm {
                partner: PartnerRef {
                    id: file.partner.id,
                    name: file.partner.name.clone(),
                },
                before,
            }),
            fields,
        )
    }

    fn card(values: &Values, ctx: &Ctx) -> Result<Scorecard, Problems> {
        let date = parse::date(&values.get("date"), ctx.model.today, DateOrder::default())
            .map_err(|e| vec![("date", e)])?;
        let mut scores = [0u8; 7];
        for (s, d) in scores.iter_mut().zip(&DIMENSIONS) {
            *s = values
                .get(d.key)
                .parse()
                .map_err(|_| vec![(d.key, "a score from 1 to 5".to_string())])?;
        }
        let flags = RedFlag::ALL
            .iter()
            .copied()
            .filter(|f| values.get(f.as_str()) == "yes")
            .collect();
        Ok(Scorecard::with_scores(date, scores, flags))
    }
}

impl Purpose for ScorecardForm {
    fn title(&self) -> String {
        format!("Scorecard · {}", self.partner.name)
    }

    fn draft_key(&self) -> String {
        format!("scorecard:{}", self.partner.id)
    }

    fn build(&self, values: &Values, ctx: &Ctx) -> Result<Edit, Problems> {
        Ok(Edit {
            partner: self.partner.clone(),
            change: Change::SetScorecard {
                from: self.before.clone(),
                to: Some(ScorecardForm::card(values, ctx)?),
            },
        })
    }

    /// `Total 27/35 · Gold potential — invest moderately`.
    fn summary(&self, values: &Values, ctx: &Ctx) -> Option<String> {
        let card = ScorecardForm::card(values, ctx).ok()?;
        let q = Qualification::of(&card, &ctx.model.config.lifecycle);
        let revisit = q
            .revisit
            .map(|d| format!(" · back on Today {}", day_year(d)))
            .unwrap_or_default();
        Some(format!(
            "Total {}/35 · {}{revisit}",
            q.total,
            q.reading.words()
        ))
    }
}

/// Signing a prospect: the day it joined (today unless changed); saving
/// moves it to onboard with its onboarding plan.
pub struct SignForm {
    file: PartnerFile,
}

impl SignForm {
    #[must_use]
    pub fn open(file: &PartnerFile, ctx: &Ctx) -> Form {
        Form::new(
            Box::new(SignForm { file: file.clone() }),
            vec![
                Field::date("joined", "Joined on", &ctx.model.today.to_string())
                    .hinted("the day the agreement was signed"),
            ],
        )
    }
}

impl Purpose for SignForm {
    fn title(&self) -> String {
        format!(
            "Sign {}: onboard with the onboarding plan",
            self.file.partner.name
        )
    }

    fn draft_key(&self) -> String {
        format!("sign:{}", self.file.partner.id)
    }

    fn build(&self, values: &Values, ctx: &Ctx) -> Result<Edit, Problems> {
        let joined = parse::date(&values.get("joined"), ctx.model.today, DateOrder::default())
            .map_err(|e| vec![("joined", e)])?;
        Ok(Edit {
            partner: PartnerRef {
                id: self.file.partner.id,
                name: self.file.partner.name.clone(),
            },
            change: sign(&self.file, joined, ctx.model.today, &ctx.model.config),
        })
    }

    fn summary(&self, values: &Values, ctx: &Ctx) -> Option<String> {
        let joined =
            parse::date(&values.get("joined"), ctx.model.today, DateOrder::default()).ok()?;
        let n = ctx.model.config.lifecycle.onboarding.len();
        Some(format!(
            "Enter signs: onboard from {}, {n} onboarding tasks",
            day_year(joined)
        ))
    }
}

/// `c`: the scorecard of the prospect with this id (its file read first).
#[must_use]
pub fn scorecard(id: i64) -> Effect {
    Effect::WithFile {
        partner: id,
        then: |ctx, id| {
            ctx.model.file(id).map_or(Effect::None, |f| {
                Effect::Push(Box::new(ScorecardForm::open(f, ctx)))
            })
        },
    }
}

/// `o`: sign the prospect with this id (asks the day it joined first).
#[must_use]
pub fn sign_up(id: i64) -> Effect {
    Effect::WithFile {
        partner: id,
        then: |ctx, id| match ctx.model.file(id) {
            Some(f) if f.partner.lifecycle == crate::domain::book::Lifecycle::Recruit => {
                Effect::Push(Box::new(SignForm::open(f, ctx)))
            }
            Some(f) => Effect::Status(format!(
                "{} is not a prospect: it is at {} already",
                f.partner.name, f.partner.lifecycle
            )),
            None => Effect::None,
        },
    }
}
