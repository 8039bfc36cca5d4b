//! Whether a form's draft, kept in the book while it was typed, may be
//! resumed on the book as it is now (docs/rules.md, "Drafts").
//!
//! A draft about a partner remembers the partner as the form opened on it
//! (`RowStamp`). The book may have been replaced (`import --replace`,
//! `restore`) or edited since: the same id may now name another partner,
//! or the partner's record may have moved on. Resuming then would rename
//! another partner or log a touch on the wrong one, so it is refused with
//! the reason instead.

use serde::{Deserialize, Serialize};

use super::book::Partner;

/// The partner a draft was typed for, as it was when the form opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowStamp {
    pub id: i64,
    pub name: String,
    pub created_at: String,
    pub updated_at: String,
}

impl RowStamp {
    #[must_use]
    pub fn of(p: &Partner) -> RowStamp {
        RowStamp {
            id: p.id,
            name: p.name.clone(),
            created_at: p.created_at.clone(),
            updated_at: p.updated_at.clone(),
        }
    }
}

/// What a draft changes: a record as it stood (a partner's fields, a deal,
/// a QBR's notes), or something new beside it (a touch, a new contact).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changes {
    /// Adds to the partner: the partner must still be the same one.
    Adds,
    /// Overwrites what the form showed: the partner must also be unchanged
    /// since, or the draft would undo what was saved meanwhile.
    Existing,
}

/// Check a draft's partner against the book.
///
/// # Errors
/// Why the draft cannot be resumed, in one line.
pub fn resumable(
    then: Option<&RowStamp>,
    now: Option<&Partner>,
    changes: Changes,
) -> Result<(), String> {
    let Some(then) = then else {
        return Err("it does not say which partner it was for (kept by an earlier version)".into());
    };
    let Some(now) = now else {
        return Err(format!("{} is no longer in the book", then.name));
    };
    if now.id != then.id || now.name != then.name || now.created_at != then.created_at {
        return Err(format!(
            "it was for {}, and the book now holds {} in its place (the book was replaced since)",
            then.name, now.name
        ));
    }
    if changes == Changes::Existing && now.updated_at != then.updated_at {
        return Err(format!(
            "{} was changed since it was typed (at {}), and resuming would overwrite that",
            then.name, now.updated_at
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::Partner;
    use crate::domain::testing::partner_file;

    fn partner(name: &str) -> Partner {
        partner_file(name).partner
    }

    #[test]
    fn the_same_partner_resumes_and_another_in_its_place_does_not() {
        let p = partner("Brightpath Apps");
        let then = RowStamp::of(&p);
        assert_eq!(resumable(Some(&then), Some(&p), Changes::Existing), Ok(()));
        let mut other = partner("Acorn AI");
        other.id = p.id;
        let why = resumable(Some(&then), Some(&other), Changes::Adds).expect_err("refused");
        assert!(why.contains("Acorn AI in its place"), "{why}");
        assert!(resumable(Some(&then), None, Changes::Adds).is_err());
        assert!(resumable(None, Some(&p), Changes::Adds).is_err());
    }

    #[test]
    fn a_partner_changed_since_refuses_an_edit_but_takes_a_touch() {
        let p = partner("Brightpath Apps");
        let then = RowStamp::of(&p);
        let mut later = p.clone();
        later.updated_at = "2026-11-24T09:00:00Z".into();
        assert_eq!(resumable(Some(&then), Some(&later), Changes::Adds), Ok(()));
        let why = resumable(Some(&then), Some(&later), Changes::Existing).expect_err("refused");
        assert!(why.contains("changed since"), "{why}");
    }
}
