//! The QBR changes of an edit (plan, remove, hold, cancel, reschedule):
//! applied to the partner's file with their inverse and their words
//! (docs/architecture.md, "One edit pipeline").

use chrono::NaiveDate;

use super::book::{PartnerFile, QbrStatus};
use super::edit::{Change, EditError, QbrWhen};
use super::format::day;

/// Apply a QBR change: its inverse and what it did in words.
pub(super) fn qbr_change(
    file: &mut PartnerFile,
    change: &Change,
    name: &str,
) -> Result<(Change, String), EditError> {
    Ok(match change {
        Change::AddQbr(q) => {
            if file.qbrs.iter().any(|x| x.id == q.id) {
                return Err(EditError::RowChanged {
                    what: qbr_words(q.date, name),
                });
            }
            file.qbrs.push(q.clone());
            (
                Change::RemoveQbr(q.clone()),
                format!("{} planned", qbr_words(q.date, name)),
            )
        }
        Change::RemoveQbr(q) => {
            let Some(at) = file.qbrs.iter().position(|x| x == q) else {
                return Err(EditError::RowChanged {
                    what: qbr_words(q.date, name),
                });
            };
            file.qbrs.remove(at);
            (
                Change::AddQbr(q.clone()),
                format!("{} removed", qbr_words(q.date, name)),
            )
        }
        Change::SetQbr { qbr, from, to } => {
            let Some(q) = file
                .qbrs
                .iter_mut()
                .find(|x| x.id == *qbr && x.status == from.status && x.date == from.date)
            else {
                return Err(EditError::RowChanged {
                    what: qbr_words(from.date, name),
                });
            };
            q.status = to.status;
            q.date = to.date;
            (
                Change::SetQbr {
                    qbr: *qbr,
                    from: *to,
                    to: *from,
                },
                qbr_set_words(*from, *to, name),
            )
        }
        _ => {
            return Err(EditError::RowChanged {
                what: format!("that QBR of {name}"),
            });
        }
    })
}

/// `QBR of Thu 25 Feb with Atlas Grid GmbH`.
fn qbr_words(date: NaiveDate, partner: &str) -> String {
    format!("QBR of {} with {partner}", day(date))
}

/// What a status or date change did, in words.
fn qbr_set_words(from: QbrWhen, to: QbrWhen, partner: &str) -> String {
    let what = qbr_words(from.date, partner);
    match (to.status, to.date == from.date) {
        (QbrStatus::Held, true) => format!("{what} marked held"),
        (QbrStatus::Held, false) => format!("{what} marked held on {}", day(to.date)),
        (QbrStatus::Cancelled, _) => format!("{what} cancelled"),
        (QbrStatus::Planned, true) => format!("{what} planned again"),
        (QbrStatus::Planned, false) => format!("{what} moved to {}", day(to.date)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::edit::{Edit, FreeIds, PartnerRef};
    use super::*;
    use crate::domain::testing::partner_file;

    fn file() -> PartnerFile {
        let mut f = partner_file("Atlas Grid GmbH");
        f.partner.id = 7;
        f
    }

    fn atlas() -> PartnerRef {
        PartnerRef {
            id: 7,
            name: "Atlas Grid GmbH".into(),
        }
    }

    #[test]
    fn planning_a_qbr_numbers_its_rows_and_the_inverse_removes_it() {
        let cfg = crate::domain::config::ProgramConfig::default();
        let mut f = file();
        let before = f.clone();
        let date = NaiveDate::from_ymd_opt(2027, 2, 25).expect("date");
        let plan = Edit {
            partner: atlas(),
            change: Change::AddQbr(crate::domain::qbr::new_qbr(date, &cfg)),
        };
        assert!(plan.needs_id());
        let plan = plan.with_ids(FreeIds {
            activity: 1,
            qbr: 40,
            checklist: 500,
            agenda: 60,
            action: 1,
        });
        assert!(!plan.needs_id());
        let done = plan.apply(&mut f).expect("applies");
        assert_eq!(done.what, "QBR of Thu 25 Feb with Atlas Grid GmbH planned");
        let q = &f.qbrs[0];
        assert_eq!(q.id, 40);
        let mut ids: Vec<i64> = q.checklist.iter().map(|c| c.id).collect();
        ids.sort_unstable();
        assert_eq!(ids, (500..514).collect::<Vec<_>>());
        assert_eq!(
            q.agenda.iter().map(|a| a.id).collect::<Vec<_>>(),
            (60..65).collect::<Vec<_>>()
        );
        let undone = done.inverse.apply(&mut f).expect("inverse applies");
        assert_eq!(f, before);
        assert_eq!(
            undone.what,
            "QBR of Thu 25 Feb with Atlas Grid GmbH removed"
        );
    }

    #[test]
    fn holding_or_cancelling_a_qbr_checks_its_state_and_undoes() {
        let cfg = crate::domain::config::ProgramConfig::default();
        let mut f = file();
        let date = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
        let mut q = crate::domain::qbr::new_qbr(date, &cfg);
        q.id = 4;
        f.qbrs.push(q);
        f.normalize();
        let before = f.clone();
        let planned = QbrWhen {
            status: QbrStatus::Planned,
            date,
        };
        let real = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let hold = Edit {
            partner: atlas(),
            change: Change::SetQbr {
                qbr: 4,
                from: planned,
                to: QbrWhen {
                    status: QbrStatus::Held,
                    date: real,
                },
            },
        };
        let done = hold.apply(&mut f).expect("applies");
        assert_eq!(
            done.what,
            "QBR of Fri 20 Nov with Atlas Grid GmbH marked held on Mon 23 Nov"
        );
        assert_eq!((f.qbrs[0].status, f.qbrs[0].date), (QbrStatus::Held, real));
        // Applying it again finds the QBR no longer planned on the 20th.
        assert!(matches!(
            hold.apply(&mut f),
            Err(EditError::RowChanged { .. })
        ));
        done.inverse.apply(&mut f).expect("inverse applies");
        assert_eq!(f, before);
        let cancel = Edit {
            partner: atlas(),
            change: Change::SetQbr {
                qbr: 4,
                from: planned,
                to: QbrWhen {
                    status: QbrStatus::Cancelled,
                    date,
                },
            },
        };
        let done = cancel.apply(&mut f).expect("applies");
        assert_eq!(
            done.what,
            "QBR of Fri 20 Nov with Atlas Grid GmbH cancelled"
        );
    }
}
