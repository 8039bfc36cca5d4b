//! The company revenue form (`c` on Program): a month and the company's
//! whole revenue in it, saved in one transaction and undoable (`u`). An
//! empty amount clears the month.

use super::field::Field;
use super::{Form, Problems, Purpose, Values};
use crate::domain::book::YearMonth;
use crate::domain::format::{money, month_year};
use crate::domain::parse;
use crate::domain::program::MonthChange;
use crate::ui::screen::{Ctx, Effect};

pub struct CompanyRevenueForm;

/// The form's draft key (`form::reopen` knows it).
pub const DRAFT_KEY: &str = "company_revenue:month";

/// The form, on the latest month the book lacks in the window, else this
/// month, with what the book holds for it.
#[must_use]
pub fn form(ctx: &Ctx) -> Form {
    let now = YearMonth::of(ctx.model.today);
    let month = ctx
        .model
        .program
        .as_ref()
        .and_then(|r| r.company_revenue_missing.last().copied())
        .unwrap_or(now);
    let held = ctx
        .model
        .program
        .as_ref()
        .and_then(|r| r.company_revenue.iter().find(|m| m.month == month))
        .map(|m| m.amount.to_string())
        .unwrap_or_default();
    Form::new(
        Box::new(CompanyRevenueForm),
        vec![
            Field::text("month", "Month", &month.to_string()).hinted("2026-11, Nov 2026, 11/2026"),
            Field::money("amount", "Company revenue", &held)
                .hinted("all of the company's revenue that month; empty clears it"),
        ],
    )
}

/// `c` on Program: the form as a modal.
#[must_use]
pub fn open(ctx: &Ctx) -> Effect {
    Effect::Push(Box::new(form(ctx)))
}

impl CompanyRevenueForm {
    fn check(fields: &Values, ctx: &Ctx) -> Result<MonthChange, Problems> {
        let mut problems: Problems = Vec::new();
        let month = parse::month(&fields.get("month"));
        if let Err(e) = &month {
            problems.push(("month", e.clone()));
        }
        let text = fields.get("amount");
        let amount = if text.trim().is_empty() {
            None
        } else {
            match parse::money_in(&text, &ctx.model.config.currency) {
                Ok(v) if v < 0 => {
                    problems.push(("amount", "company revenue is 0 or more".into()));
                    None
                }
                Ok(v) => Some(v),
                Err(e) => {
                    problems.push(("amount", e));
                    None
                }
            }
        };
        match month {
            Ok(month) if problems.is_empty() => Ok(MonthChange { month, amount }),
            _ => Err(problems),
        }
    }
}

impl Purpose for CompanyRevenueForm {
    fn title(&self) -> String {
        "Company revenue".into()
    }

    fn draft_key(&self) -> String {
        DRAFT_KEY.into()
    }

    fn build(&self, fields: &Values, ctx: &Ctx) -> Result<crate::domain::edit::Edit, Problems> {
        // Not an edit of a partner: `save_as` saves it.
        Self::check(fields, ctx).and(Err(Vec::new()))
    }

    fn save_as(&self, fields: &Values, ctx: &Ctx) -> Option<Result<Effect, Problems>> {
        Some(Self::check(fields, ctx).map(Effect::SetCompanyRevenue))
    }

    fn summary(&self, fields: &Values, ctx: &Ctx) -> Option<String> {
        let change = Self::check(fields, ctx).ok()?;
        let shown = change
            .month
            .first_day()
            .map_or_else(|| change.month.to_string(), month_year);
        let held = ctx.model.program.as_ref().and_then(|r| {
            r.company_revenue
                .iter()
                .find(|m| m.month == change.month)
                .map(|m| m.amount)
        });
        let cur = &ctx.model.config.currency;
        let was = held.map_or_else(
            || "none entered yet".to_string(),
            |v| format!("the book holds {}", money(v, cur)),
        );
        Some(match change.amount {
            Some(v) => format!("{shown}: {} ({was})", money(v, cur)),
            None => format!("{shown}: cleared ({was})"),
        })
    }
}
