//! Reading an import file into records, reporting every problem with where
//! it is: one bad record and nothing is written (README, "The JSON book").
//!
//! The text is parsed to a JSON value first; then the header, every
//! partner and every record in its lists are read separately, so one bad
//! record does not hide the next. Unknown keys are refused everywhere (the
//! book's types deny them), and text holding control or bidi characters is
//! refused with its path before anything is typed.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::domain::book::{CompanyMonth, PartnerFile};
use crate::domain::text::{display_safe, is_bidi_control};

/// The header and partners of a document whose every part was readable.
pub(super) struct Document {
    pub format: String,
    pub version: u32,
    pub partners: Vec<PartnerFile>,
    pub company_revenue: Vec<CompanyMonth>,
}

/// Problems found, each `file: path: what`.
pub(super) struct Problems<'a> {
    file: &'a str,
    pub list: Vec<String>,
}

impl<'a> Problems<'a> {
    pub fn new(file: &'a str) -> Self {
        Problems {
            file,
            list: Vec::new(),
        }
    }

    /// Note a problem at `path` (empty for the whole file).
    pub fn at(&mut self, path: &str, what: impl std::fmt::Display) {
        let file = self.file;
        if path.is_empty() {
            self.list.push(format!("{file}: {what}"));
        } else {
            self.list.push(format!("{file}: {path}: {what}"));
        }
    }
}

/// Text fields that may hold several lines (a newline or a tab is fine
/// there); every other string is one line.
const MULTILINE: &[&str] = &[
    "notes",
    "summary",
    "detail",
    "text",
    "reason",
    "audience",
    "key_message",
];

/// The keys of a partner's file, in the order they are read.
const FILE_KEYS: &[&str] = &[
    "partner",
    "contacts",
    "activities",
    "revenue",
    "deals",
    "referrals",
    "certifications",
    "nps",
    "qbrs",
    "campaigns",
    "tier_changes",
    "stage_changes",
    "scorecard",
];

/// Read the document, or None with every problem noted.
pub(super) fn document(text: &str, problems: &mut Problems<'_>) -> Option<Document> {
    let root: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let what = e.to_string();
            let what = what
                .rfind(" at line ")
                .map_or(what.as_str(), |i| &what[..i]);
            problems.list.push(format!(
                "{}:{}:{}: {what}",
                problems.file,
                e.line(),
                e.column()
            ));
            return None;
        }
    };
    check_text(&root, "", "", problems);
    let Some(obj) = root.as_object() else {
        problems.at(
            "",
            "expected a JSON object with format, version and partners",
        );
        return None;
    };
    unknown_keys(
        obj,
        &["format", "version", "partners", "company_revenue"],
        "",
        problems,
    );
    let format = field::<String>(obj, "format", "", problems);
    let version = field::<u32>(obj, "version", "", problems);
    let partners = match obj.get("partners") {
        Some(Value::Array(list)) => list
            .iter()
            .enumerate()
            .map(|(i, v)| partner_file(v, &format!("partners[{i}]"), problems))
            .collect::<Vec<_>>(),
        Some(_) => {
            problems.at("partners", "expected a list");
            Vec::new()
        }
        None => {
            problems.at("partners", "missing field");
            Vec::new()
        }
    };
    let partners: Option<Vec<PartnerFile>> = partners.into_iter().collect();
    // A book with no company revenue writes none.
    let company_revenue = if obj.contains_key("company_revenue") {
        list::<CompanyMonth>(obj, "company_revenue", "", problems)
    } else {
        Some(Vec::new())
    };
    Some(Document {
        format: format?,
        version: version?,
        partners: partners?,
        company_revenue: company_revenue?,
    })
}

/// One partner's file, every record read on its own.
fn partner_file(value: &Value, at: &str, problems: &mut Problems<'_>) -> Option<PartnerFile> {
    let Some(obj) = value.as_object() else {
        problems.at(at, "expected an object");
        return None;
    };
    unknown_keys(obj, FILE_KEYS, at, problems);
    let partner = field(obj, "partner", at, problems);
    let contacts = list(obj, "contacts", at, problems);
    let activities = list(obj, "activities", at, problems);
    let revenue = list(obj, "revenue", at, problems);
    let deals = list(obj, "deals", at, problems);
    let referrals = list(obj, "referrals", at, problems);
    let certifications = list(obj, "certifications", at, problems);
    let nps = list(obj, "nps", at, problems);
    let qbrs = list(obj, "qbrs", at, problems);
    let campaigns = list(obj, "campaigns", at, problems);
    let tier_changes = list(obj, "tier_changes", at, problems);
    // Both optional: a book written before recruit and onboard has neither.
    let stage_changes = if obj.contains_key("stage_changes") {
        list(obj, "stage_changes", at, problems)
    } else {
        Some(Vec::new())
    };
    let scorecard = match obj.get("scorecard") {
        None | Some(Value::Null) => Some(None),
        Some(v) => record(v, &join(at, "scorecard"), problems).map(Some),
    };
    Some(PartnerFile {
        partner: partner?,
        contacts: contacts?,
        activities: activities?,
        revenue: revenue?,
        deals: deals?,
        referrals: referrals?,
        certifications: certifications?,
        nps: nps?,
        qbrs: qbrs?,
        campaigns: campaigns?,
        tier_changes: tier_changes?,
        stage_changes: stage_changes?,
        scorecard: scorecard?,
    })
}

/// `obj[key]` read as a `T`, or None with the problem noted.
fn field<T: DeserializeOwned>(
    obj: &Map<String, Value>,
    key: &str,
    at: &str,
    problems: &mut Problems<'_>,
) -> Option<T> {
    let path = join(at, key);
    if let Some(v) = obj.get(key) {
        record(v, &path, problems)
    } else {
        problems.at(&path, "missing field");
        None
    }
}

/// `obj[key]` as a list whose every element is read on its own.
fn list<T: DeserializeOwned>(
    obj: &Map<String, Value>,
    key: &str,
    at: &str,
    problems: &mut Problems<'_>,
) -> Option<Vec<T>> {
    let path = join(at, key);
    match obj.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(j, v)| record(v, &format!("{path}[{j}]"), problems))
            .collect::<Vec<_>>()
            .into_iter()
            .collect(),
        Some(_) => {
            problems.at(&path, "expected a list");
            None
        }
        None => {
            problems.at(&path, "missing field");
            None
        }
    }
}

/// One value read as a `T`; a failure is noted with the full path to the
/// field at fault.
fn record<T: DeserializeOwned>(value: &Value, at: &str, problems: &mut Problems<'_>) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(v) => Some(v),
        Err(e) => {
            let inner = e.inner().to_string();
            let path = e.path().to_string();
            let path = if path == "." {
                at.to_string()
            } else {
                join(at, &path)
            };
            let what = if inner.starts_with("unknown field") {
                "unknown field".to_string()
            } else {
                inner
            };
            problems.at(&path, display_safe(&what));
            None
        }
    }
}

/// Keys of `obj` that are not in `known`, each noted.
fn unknown_keys(obj: &Map<String, Value>, known: &[&str], at: &str, problems: &mut Problems<'_>) {
    for key in obj.keys().filter(|k| !known.contains(&k.as_str())) {
        problems.at(&join(at, &display_safe(key)), "unknown field");
    }
}

/// Every string in `value` free of control and bidi characters (a newline
/// or tab allowed in multi-line fields); `key` is the field holding it.
fn check_text(value: &Value, key: &str, at: &str, problems: &mut Problems<'_>) {
    match value {
        Value::String(s) => {
            let multiline = MULTILINE.contains(&key);
            let allowed = |c: char| multiline && (c == '\n' || c == '\t');
            if let Some(c) = s
                .chars()
                .find(|&c| (c.is_control() && !allowed(c)) || is_bidi_control(c))
            {
                let kind = if is_bidi_control(c) {
                    "a bidi control"
                } else {
                    "a control character"
                };
                problems.at(at, format!("contains {kind} (U+{:04X})", u32::from(c)));
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check_text(v, key, &format!("{at}[{i}]"), problems);
            }
        }
        Value::Object(obj) => {
            for (k, v) in obj {
                check_text(v, k, &join(at, &display_safe(k)), problems);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// `at.key`, or `key` at the top.
fn join(at: &str, key: &str) -> String {
    if at.is_empty() {
        key.to_string()
    } else {
        format!("{at}.{key}")
    }
}
