//! Adding and editing a partner's records from its detail: a contact, a
//! deal, a referral, a certification, an NPS response, a revenue month.
//! Dates and amounts read as people type them; the rules of each record
//! (a deal's stage stamps, a certification's default expiry) live here in
//! `build`, checked by `domain::validate` like the imports.

use chrono::NaiveDate;

use super::field::Field;
use super::{Form, Problems, Purpose, Values};
use crate::domain::book::{
    Attribution, Certification, Contact, ContactRole, Deal, DealStage, NpsResponse, Referral,
    Revenue, YearMonth,
};
use crate::domain::dates::add_days;
use crate::domain::edit::{Change, Edit, PartnerRef};
use crate::domain::parse::{self, DateOrder};
use crate::domain::record::{Record, RecordKind};
use crate::domain::validate;
use crate::ui::screen::Ctx;

pub struct RecordForm {
    partner: PartnerRef,
    kind: RecordKind,
    before: Option<Record>,
}

impl RecordForm {
    /// A form adding a record of `kind` to `partner`.
    #[must_use]
    pub fn create(partner: PartnerRef, kind: RecordKind, ctx: &Ctx) -> Form {
        Form::new(
            Box::new(RecordForm {
                partner,
                kind,
                before: None,
            }),
            fields(kind, None, ctx),
        )
    }

    /// A form editing `record` of `partner`.
    #[must_use]
    pub fn edit(partner: PartnerRef, record: Record, ctx: &Ctx) -> Form {
        let kind = record.kind();
        let fields = fields(kind, Some(&record), ctx);
        Form::new(
            Box::new(RecordForm {
                partner,
                kind,
                before: Some(record),
            }),
            fields,
        )
    }
}

fn all<T: ToString>(values: &[T]) -> Vec<String> {
    values.iter().map(ToString::to_string).collect()
}

fn yes_no(v: bool) -> &'static str {
    if v { "yes" } else { "no" }
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn yn() -> Vec<String> {
    vec!["yes".to_string(), "no".to_string()]
}

fn fields(kind: RecordKind, r: Option<&Record>, ctx: &Ctx) -> Vec<Field> {
    match kind {
        RecordKind::Contact => contact_fields(match r {
            Some(Record::Contact(c)) => Some(c),
            _ => None,
        }),
        RecordKind::Deal => deal_fields(match r {
            Some(Record::Deal(d)) => Some(d),
            _ => None,
        }),
        RecordKind::Referral => referral_fields(match r {
            Some(Record::Referral(x)) => Some(x),
            _ => None,
        }),
        RecordKind::Certification => certification_fields(match r {
            Some(Record::Certification(c)) => Some(c),
            _ => None,
        }),
        RecordKind::Nps => {
            let n = match r {
                Some(Record::Nps(n)) => Some(n),
                _ => None,
            };
            vec![
                Field::text(
                    "score",
                    "Score",
                    &n.map_or(String::new(), |n| n.score.to_string()),
                ),
                Field::date("date", "Date", &n.map_or("today".into(), |n| ymd(n.date))),
            ]
        }
        RecordKind::Revenue => {
            let x = match r {
                Some(Record::Revenue(x)) => Some(x),
                _ => None,
            };
            let month = x.map_or(YearMonth::of(ctx.model.today), |x| x.month);
            let amount = |f: fn(&Revenue) -> i64| x.map_or(String::new(), |x| f(x).to_string());
            vec![
                Field::text("month", "Month", &month.to_string()),
                Field::money("sourced", "Sourced", &amount(|x| x.sourced)),
                Field::money("influenced", "Influenced", &amount(|x| x.influenced)),
            ]
        }
    }
}

fn contact_fields(c: Option<&Contact>) -> Vec<Field> {
    let role = c.map_or("partner_manager", |c| c.role.as_str());
    vec![
        Field::text("name", "Name", c.map_or("", |c| &c.name)),
        Field::choice("role", "Role", all(ContactRole::ALL), role),
        Field::text("email", "Email", c.map_or("", |c| &c.email)),
        Field::text("phone", "Phone", c.map_or("", |c| &c.phone)),
        Field::choice("active", "Active", yn(), yes_no(c.is_none_or(|c| c.active))),
    ]
}

fn deal_fields(d: Option<&Deal>) -> Vec<Field> {
    let stage = d.map_or("registered", |d| d.stage.as_str());
    let attribution = d.map_or("sourced", |d| d.attribution.as_str());
    vec![
        Field::text("name", "Deal", d.map_or("", |d| &d.name)),
        Field::money(
            "value",
            "Value",
            &d.and_then(|d| d.value)
                .map(|v| v.to_string())
                .unwrap_or_default(),
        ),
        Field::date(
            "registered",
            "Registered",
            &d.map_or("today".into(), |d| ymd(d.registered)),
        ),
        Field::choice("stage", "Stage", all(DealStage::ALL), stage),
        Field::choice(
            "attribution",
            "Attribution",
            all(Attribution::ALL),
            attribution,
        ),
    ]
}

fn referral_fields(x: Option<&Referral>) -> Vec<Field> {
    vec![
        Field::text("lead", "Lead", x.map_or("", |x| &x.lead)),
        Field::date("date", "Date", &x.map_or("today".into(), |x| ymd(x.date))),
        Field::choice(
            "qualified",
            "Qualified",
            yn(),
            yes_no(x.is_some_and(|x| x.qualified)),
        ),
    ]
}

fn certification_fields(c: Option<&Certification>) -> Vec<Field> {
    vec![
        Field::text("person", "Person", c.map_or("", |c| &c.person)),
        Field::text("name", "Certification", c.map_or("", |c| &c.name)),
        Field::date(
            "passed",
            "Passed",
            &c.map_or("today".into(), |c| ymd(c.passed)),
        ),
        Field::date(
            "expires",
            "Expires",
            &c.map_or(String::new(), |c| ymd(c.expires)),
        ),
    ]
}

/// Reads values, collecting a problem per field that does not read.
struct Reader<'v, 'c> {
    values: &'v Values<'v>,
    ctx: &'c Ctx<'c>,
    problems: Problems,
}

impl Reader<'_, '_> {
    fn text(&mut self, key: &'static str, required: Option<&str>) -> String {
        let v = self.values.get(key).trim().to_string();
        if let Some(what) = required.filter(|_| v.is_empty()) {
            self.problems.push((key, format!("a {what} is needed")));
        }
        self.problems
            .extend(validate::line(key, &v).map(|p| (p.field, p.message)));
        v
    }

    fn date(&mut self, key: &'static str) -> NaiveDate {
        parse::date(
            &self.values.get(key),
            self.ctx.model.today,
            DateOrder::default(),
        )
        .unwrap_or_else(|e| {
            self.problems.push((key, e));
            self.ctx.model.today
        })
    }

    fn money(&mut self, key: &'static str, empty_is_zero: bool) -> i64 {
        let v = self.values.get(key);
        if empty_is_zero && v.trim().is_empty() {
            return 0;
        }
        match parse::money(&v) {
            Ok(m) => {
                self.problems
                    .extend(validate::amount(key, m).map(|p| (p.field, p.message)));
                m
            }
            Err(e) => {
                self.problems.push((key, e));
                0
            }
        }
    }

    /// An amount that may be left blank (None), never read as 0.
    fn optional_money(&mut self, key: &'static str) -> Option<i64> {
        if self.values.get(key).trim().is_empty() {
            None
        } else {
            Some(self.money(key, false))
        }
    }

    fn choice<T: std::str::FromStr>(&mut self, key: &'static str) -> Option<T> {
        let parsed = self.values.get(key).parse().ok();
        if parsed.is_none() {
            self.problems.push((key, "not one of the choices".into()));
        }
        parsed
    }
}

impl RecordForm {
    fn id(&self) -> i64 {
        self.before.as_ref().map_or(0, Record::id)
    }

    fn deal(&self, r: &mut Reader) -> Option<Record> {
        let name = r.text("name", Some("deal name"));
        // A deal may have no amount yet: left blank, it stays blank.
        let value = r.optional_money("value");
        let registered = r.date("registered");
        let stage: DealStage = r.choice("stage")?;
        let attribution = r.choice("attribution")?;
        let today = r.ctx.model.today;
        let before = match &self.before {
            Some(Record::Deal(d)) => Some(d),
            _ => None,
        };
        // A stage change is stamped today; won or lost closes the deal.
        let stage_changed = match before {
            Some(d) if d.stage == stage => d.stage_changed,
            None if stage == DealStage::Registered => registered,
            _ => today,
        };
        let closing = matches!(stage, DealStage::Won | DealStage::Lost);
        let closed = match before {
            _ if !closing => None,
            Some(d) if d.stage == stage => d.closed.or(Some(today)),
            _ => Some(today),
        };
        Some(Record::Deal(Deal {
            id: self.id(),
            name,
            value,
            registered,
            stage,
            stage_changed,
            closed,
            attribution,
        }))
    }

    fn record(&self, r: &mut Reader) -> Option<Record> {
        Some(match self.kind {
            RecordKind::Contact => Record::Contact(Contact {
                id: self.id(),
                name: r.text("name", Some("name")),
                role: r.choice::<ContactRole>("role")?,
                email: r.text("email", None),
                phone: r.text("phone", None),
                active: r.values.get("active") == "yes",
            }),
            RecordKind::Deal => self.deal(r)?,
            RecordKind::Referral => Record::Referral(Referral {
                id: self.id(),
                lead: r.text("lead", Some("lead name")),
                date: r.date("date"),
                qualified: r.values.get("qualified") == "yes",
            }),
            RecordKind::Certification => {
                let person = r.text("person", Some("person"));
                let name = r.text("name", Some("certification name"));
                let passed = r.date("passed");
                // Expires defaults to passed + the configured validity.
                let expires = if r.values.get("expires").trim().is_empty() {
                    let months = r.ctx.model.config.certifications.valid_months;
                    passed
                        .checked_add_months(chrono::Months::new(months))
                        .unwrap_or(add_days(passed, 365))
                } else {
                    r.date("expires")
                };
                if expires <= passed {
                    r.problems
                        .push(("expires", "must be after the day it was passed".into()));
                }
                Record::Certification(Certification {
                    id: self.id(),
                    person,
                    name,
                    passed,
                    expires,
                })
            }
            RecordKind::Nps => {
                let text = r.values.get("score");
                let score = text.trim().parse::<i32>().unwrap_or_else(|_| {
                    r.problems
                        .push(("score", format!("'{}' is not a whole number", text.trim())));
                    0
                });
                r.problems
                    .extend(validate::nps_score(score).map(|p| (p.field, p.message)));
                Record::Nps(NpsResponse {
                    id: self.id(),
                    date: r.date("date"),
                    score,
                })
            }
            RecordKind::Revenue => {
                let text = r.values.get("month");
                let month = text.trim().parse::<YearMonth>().unwrap_or_else(|_| {
                    r.problems.push((
                        "month",
                        format!("'{}' is not a month (YYYY-MM)", text.trim()),
                    ));
                    YearMonth::of(r.ctx.model.today)
                });
                if let Some(Record::Revenue(b)) = &self.before
                    && b.month != month
                {
                    r.problems.push((
                        "month",
                        "a revenue row keeps its month; delete it and add the other month".into(),
                    ));
                }
                Record::Revenue(Revenue {
                    month,
                    sourced: r.money("sourced", true),
                    influenced: r.money("influenced", true),
                })
            }
        })
    }
}

impl Purpose for RecordForm {
    fn title(&self) -> String {
        match &self.before {
            None => format!("New {} · {}", self.kind.noun(), self.partner.name),
            Some(r) => format!("Edit {} · {}", r.label(), self.partner.name),
        }
    }

    fn draft_key(&self) -> String {
        let which = match &self.before {
            None => "new".to_string(),
            Some(Record::Revenue(r)) => r.month.to_string(),
            Some(r) => r.id().to_string(),
        };
        format!("record:{}:{}:{which}", self.partner.id, self.kind.key())
    }

    fn build(&self, values: &Values, ctx: &Ctx) -> Result<Edit, Problems> {
        let mut reader = Reader {
            values,
            ctx,
            problems: Vec::new(),
        };
        let record = self.record(&mut reader);
        match record {
            Some(after) if reader.problems.is_empty() => Ok(Edit {
                partner: self.partner.clone(),
                change: match &self.before {
                    None => Change::AddRecord(after),
                    Some(before) => Change::EditRecord {
                        before: before.clone(),
                        after,
                    },
                },
            }),
            _ => Err(reader.problems),
        }
    }
}
