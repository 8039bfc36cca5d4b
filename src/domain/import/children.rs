//! Contacts, deals and activities matched against their partner's rows:
//! by CRM id, else by natural key (docs/rules.md, "CSV import").

use super::index::{activity_key, contact_key, deal_key};
use super::plan::{Planner, Target, set};
use super::{ActivityRow, ContactRow, DealRow, Write};
use crate::domain::book::{Activity, Attribution, Contact, ContactRole, Deal, PartnerFile};

impl Planner<'_> {
    /// The partner (index, id) an import row belongs to and the row of theirs
    /// it matches (None: a new one), claimed for this line. None when the
    /// partner is unknown or an earlier line meant the same row; both are
    /// reported as problems.
    fn claim(
        &mut self,
        partner: &str,
        line: u64,
        external_id: Option<&String>,
        key: String,
        column: &str,
        row_id: impl Fn(&PartnerFile, usize) -> i64,
    ) -> Option<(usize, i64, Option<usize>)> {
        let pi = self.partner_of(partner, line)?;
        let file = &self.book.partners[pi];
        let pid = file.partner.id;
        let new_row = format!("{pid}|{key}");
        let found = self.index.find(pi, external_id, key);
        let target = found.map_or(Target::New(new_row), |i| Target::Row(row_id(file, i)));
        self.first(target, line, column).then_some((pi, pid, found))
    }

    pub(super) fn contact(&mut self, r: &ContactRow) {
        let Some((pi, pid, found)) = self.claim(
            &r.partner,
            r.line,
            r.external_id.as_ref(),
            contact_key(&r.name),
            "name",
            |f, i| f.contacts[i].id,
        ) else {
            return;
        };
        let rows = &self.book.partners[pi].contacts;
        let Some(i) = found else {
            let c = Contact {
                id: 0,
                name: r.name.clone(),
                role: r.role.unwrap_or(ContactRole::Other),
                email: r.email.clone().unwrap_or_default(),
                phone: r.phone.clone().unwrap_or_default(),
                active: true,
            };
            self.plan
                .add(Write::AddContact(pid, c, r.external_id.clone()));
            return;
        };
        let old = &rows[i];
        let mut c = old.clone();
        c.name.clone_from(&r.name);
        set(&mut c.role, r.role);
        set(&mut c.email, r.email.clone());
        set(&mut c.phone, r.phone.clone());
        let changed =
            c != *old || Self::ext_changed(&self.ext.contacts, c.id, r.external_id.as_ref());
        self.plan
            .update(changed, Write::UpdateContact(pid, c, r.external_id.clone()));
    }

    pub(super) fn deal(&mut self, r: &DealRow) {
        let Some((pi, pid, found)) = self.claim(
            &r.partner,
            r.line,
            r.external_id.as_ref(),
            deal_key(&r.name, r.registered),
            "name",
            |f, i| f.deals[i].id,
        ) else {
            return;
        };
        let rows = &self.book.partners[pi].deals;
        let Some(i) = found else {
            let d = Deal {
                id: 0,
                name: r.name.clone(),
                value: r.value,
                registered: r.registered,
                stage: r.stage,
                stage_changed: r.closed.unwrap_or(r.registered),
                closed: r.closed,
                attribution: r.attribution.unwrap_or(Attribution::Sourced),
            };
            self.plan.add(Write::AddDeal(pid, d, r.external_id.clone()));
            return;
        };
        let old = &rows[i];
        let mut d = old.clone();
        d.name.clone_from(&r.name);
        if r.value.is_some() {
            d.value = r.value;
        }
        d.registered = r.registered;
        if d.stage != r.stage {
            d.stage = r.stage;
            d.stage_changed = r.closed.unwrap_or(self.today).max(r.registered);
        }
        d.closed = r.closed;
        set(&mut d.attribution, r.attribution);
        let changed = d != *old || Self::ext_changed(&self.ext.deals, d.id, r.external_id.as_ref());
        self.plan
            .update(changed, Write::UpdateDeal(pid, d, r.external_id.clone()));
    }

    pub(super) fn activity(&mut self, r: &ActivityRow) {
        let Some((pi, pid, found)) = self.claim(
            &r.partner,
            r.line,
            r.external_id.as_ref(),
            activity_key(r.date, r.kind, &r.summary),
            "summary",
            |f, i| f.activities[i].id,
        ) else {
            return;
        };
        let rows = &self.book.partners[pi].activities;
        let a = Activity {
            id: found.map_or(0, |i| rows[i].id),
            date: r.date,
            kind: r.kind,
            summary: r.summary.clone(),
            contact: None,
        };
        match found {
            None => self
                .plan
                .add(Write::AddActivity(pid, a, r.external_id.clone())),
            Some(i) => {
                let changed = a != rows[i]
                    || Self::ext_changed(&self.ext.activities, a.id, r.external_id.as_ref());
                self.plan.update(
                    changed,
                    Write::UpdateActivity(pid, a, r.external_id.clone()),
                );
            }
        }
    }
}
