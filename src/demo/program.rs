//! The history the Program screen's year-ago values read (docs/rules.md,
//! "Program numbers"): some partners signed within the last two years, a
//! while before their first won deal (time to first deal, now and a year
//! ago), and won deals two to three years back (retention a year ago).
//! Nothing here draws from the random stream.

use chrono::NaiveDate;

use crate::domain::book::{Deal, DealStage, Lifecycle, PartnerFile};
use crate::domain::config::ProgramConfig;

use super::ids::Ids;
use super::rng::ago;
use super::roles::Role;

/// Shape `file`'s joining date and old deals for the program's history.
pub(super) fn history(
    file: &mut PartnerFile,
    role: Option<Role>,
    ids: &mut Ids,
    today: NaiveDate,
    cfg: &ProgramConfig,
) {
    if role.is_some() || file.partner.lifecycle == Lifecycle::Recruit {
        return;
    }
    let id = file.partner.id;
    let won: Vec<Deal> = file
        .deals
        .iter()
        .filter(|d| d.stage == DealStage::Won && d.closed.is_some())
        .cloned()
        .collect();
    let closed = |d: &Deal| d.closed.unwrap_or(d.stage_changed);
    // One partner in four signed in the last year, 20 to 119 days before
    // its first won deal (the deals it won before are not its); another
    // signed the year before, as long before its first won deal.
    let lead = 20 + (id * 37) % 100;
    if id % 8 == 1 || id % 8 == 3 {
        let signed_lately = won
            .iter()
            .map(|d| ago(closed(d), lead))
            .filter(|j| *j > ago(today, 365) && *j <= ago(today, cfg.lifecycle.new_days));
        if let Some(joined) = signed_lately.min() {
            file.partner.joined = Some(joined);
            // What it "won" before it signed was not its: lost.
            for d in &mut file.deals {
                if d.stage == DealStage::Won && closed(d) < joined {
                    d.stage = DealStage::Lost;
                }
            }
            return;
        }
    }
    if id % 8 == 5
        && let Some(first) = won.iter().map(closed).min()
    {
        let joined = ago(first, lead);
        if joined <= ago(today, 365) && joined > ago(today, 730) {
            file.partner.joined = Some(joined);
            return;
        }
    }
    // Active a year ago: most were active the year before too; a few that
    // were not active a year ago had been before (lost then).
    let year_before = |d: &Deal| {
        let c = closed(d);
        c > ago(today, 730) && c <= ago(today, 365)
    };
    let mut added = Vec::new();
    match won.iter().find(|d| year_before(d)) {
        Some(d) if id % 6 != 0 => added.push(earlier(d, 365)),
        None if id % 5 == 2 => {
            if let Some(d) = won.first() {
                let back = (closed(d) - ago(today, 900)).num_days();
                added.push(earlier(d, back));
            }
        }
        _ => {}
    }
    for mut d in added {
        d.id = ids.deal.next();
        file.deals.push(d);
    }
    file.normalize();
}

/// `d` moved `days` earlier.
fn earlier(d: &Deal, days: i64) -> Deal {
    Deal {
        registered: ago(d.registered, days),
        stage_changed: ago(d.stage_changed, days),
        closed: d.closed.map(|c| ago(c, days)),
        ..d.clone()
    }
}
