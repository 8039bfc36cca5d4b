//! Owners: one person, many spellings (docs/rules.md, "Owners"). CRMs write
//! a partner's owner as they know the person: `dana@example.com` in
//! `HubSpot`, `Dana Reyes` in `Salesforce`; `[owners]` in the config maps each
//! spelling to the person (`Dana = ["dana@example.com", "Dana Reyes"]`).
//! Imports store the person; `me`, `--owner` and the owner facet compare
//! people, so a spelling already in the book still counts as its person.

use std::collections::BTreeMap;

use super::search::loose_key;

/// The people of the config and their spellings.
pub type Owners = BTreeMap<String, Vec<String>>;

/// The person a spelling stands for: the config's person whose name or
/// spelling it is (case, accents and spacing aside), else the spelling as
/// written.
#[must_use]
pub fn person<'a>(spelling: &'a str, owners: &'a Owners) -> &'a str {
    let key = loose_key(spelling);
    owners
        .iter()
        .find(|(who, spellings)| {
            loose_key(who) == key || spellings.iter().any(|s| loose_key(s) == key)
        })
        .map_or(spelling.trim(), |(who, _)| who.as_str())
}

/// Do these two spellings stand for the same person?
#[must_use]
pub fn same_person(a: &str, b: &str, owners: &Owners) -> bool {
    loose_key(person(a, owners)) == loose_key(person(b, owners))
}

/// The key spellings of one person are likely to share: an email's local
/// part before any `.`, `_` or `+`, else the first word of a name
/// (`dana.reyes@example.com`, `Dana Reyes` and `dana` all give `dana`).
#[must_use]
pub fn likely_person(spelling: &str) -> String {
    let t = spelling.trim();
    let first = match t.split_once('@') {
        Some((local, _)) => local.split(['.', '_', '+', '-']).next().unwrap_or(local),
        None => t.split_whitespace().next().unwrap_or(t),
    };
    loose_key(first)
}

/// One owner spelling in the book with how many partners carry it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Spelling {
    pub spelling: String,
    pub partners: usize,
    /// The person the config maps it to (itself when unmapped).
    pub person: String,
}

/// Spellings likely to be one person that the config does not yet map to
/// one: each with the `[owners]` line that would merge them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Merge {
    pub person: String,
    pub spellings: Vec<String>,
}

impl Merge {
    /// `Dana = ["dana@example.com", "Dana Reyes"]`
    #[must_use]
    pub fn toml(&self) -> String {
        let list: Vec<String> = self
            .spellings
            .iter()
            .map(|s| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")))
            .collect();
        let key = if self
            .person
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            self.person.clone()
        } else {
            format!("\"{}\"", self.person.replace('"', "\\\""))
        };
        format!("{key} = [{}]", list.join(", "))
    }
}

/// Every owner spelling with its partner count, and the merges to suggest.
#[must_use]
pub fn spellings<'a>(
    owners_in_book: impl Iterator<Item = &'a str>,
    owners: &Owners,
) -> (Vec<Spelling>, Vec<Merge>) {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for o in owners_in_book {
        let o = o.trim();
        if !o.is_empty() {
            *counts.entry(o.to_string()).or_default() += 1;
        }
    }
    let listed: Vec<Spelling> = counts
        .iter()
        .map(|(s, n)| Spelling {
            spelling: s.clone(),
            partners: *n,
            person: person(s, owners).to_string(),
        })
        .collect();
    // People as the config has them, then spellings grouped by likely person.
    let mut groups: BTreeMap<String, Vec<&Spelling>> = BTreeMap::new();
    for s in &listed {
        groups.entry(likely_person(&s.person)).or_default().push(s);
    }
    let merges = groups
        .into_values()
        .filter_map(|group| {
            let mut people: Vec<&str> = group.iter().map(|s| s.person.as_str()).collect();
            people.sort_unstable();
            people.dedup();
            if people.len() < 2 {
                return None;
            }
            // The person is one the config names, else the shortest name
            // that is not an email.
            let who = people
                .iter()
                .find(|p| owners.contains_key(**p))
                .or_else(|| {
                    people
                        .iter()
                        .filter(|p| !p.contains('@'))
                        .min_by_key(|p| p.len())
                })
                .copied()
                .unwrap_or(people[0]);
            let mut spellings: Vec<String> = group
                .iter()
                .map(|s| s.spelling.clone())
                .filter(|s| loose_key(s) != loose_key(who))
                .collect();
            if let Some(known) = owners.get(who) {
                spellings.extend(known.iter().cloned());
            }
            spellings.sort();
            spellings.dedup();
            Some(Merge {
                person: who.to_string(),
                spellings,
            })
        })
        .collect();
    (listed, merges)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dana() -> Owners {
        let mut o = Owners::new();
        o.insert(
            "Dana".into(),
            vec!["dana@example.com".into(), "Dana Reyes".into()],
        );
        o
    }

    #[test]
    fn every_spelling_is_its_person() {
        let o = dana();
        assert_eq!(person("dana@example.com", &o), "Dana");
        assert_eq!(person("  DANA REYES ", &o), "Dana");
        assert_eq!(person("dana", &o), "Dana");
        assert_eq!(person("Leo", &o), "Leo");
        assert!(same_person("Dana Reyes", "dana@example.com", &o));
        assert!(!same_person("Dana", "Leo", &o));
    }

    #[test]
    fn spellings_of_one_person_are_suggested_as_one() {
        let book = ["dana@example.com", "Dana Reyes", "Dana Reyes", "Leo Park"];
        let (listed, merges) = spellings(book.into_iter(), &Owners::new());
        assert_eq!(listed.len(), 3);
        assert_eq!(
            merges,
            [Merge {
                person: "Dana Reyes".into(),
                spellings: vec!["dana@example.com".into()],
            }]
        );
        assert_eq!(merges[0].toml(), "\"Dana Reyes\" = [\"dana@example.com\"]");
        // Once mapped, nothing is left to suggest.
        let (_, merges) = spellings(book.into_iter(), &dana());
        assert!(merges.is_empty());
    }
}
