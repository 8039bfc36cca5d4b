//! The people at a partner: contacts (active or gone) and the
//! certifications that count toward tiers.

use chrono::{Months, NaiveDate};

use crate::domain::book::{Certification, Contact, ContactRole, PartnerFile};
use crate::domain::config::ProgramConfig;

use super::ids::Ids;
use super::names::{people, person};
use super::plan::MetricPlan;
use super::rng::{Rng, ago, shift};

/// Who a partner's contacts are, in the order a relationship grows.
const ROLE_ORDER: &[ContactRole] = &[
    ContactRole::PartnerManager,
    ContactRole::ExecutiveSponsor,
    ContactRole::Technical,
    ContactRole::Sales,
    ContactRole::Marketing,
    ContactRole::Other,
];

/// `active` current contacts, then `inactive` ones who have left.
pub(crate) fn contacts(
    file: &mut PartnerFile,
    active: u32,
    inactive: u32,
    slug: &str,
    rng: &mut Rng,
    ids: &mut Ids,
) {
    for i in 0..active + inactive {
        let (name, local) = person(rng);
        let is_active = i < active;
        let role = if is_active {
            ROLE_ORDER[usize::try_from(i).unwrap_or(0) % ROLE_ORDER.len()]
        } else {
            rng.pick_copy(ROLE_ORDER)
        };
        file.contacts.push(Contact {
            id: ids.contact.next(),
            name,
            role,
            email: [local.as_str(), "@", slug, ".example"].concat(),
            phone: phone(rng),
            active: is_active,
        });
    }
}

/// A number in the 555-0100..555-0199 block set aside for fiction.
fn phone(rng: &mut Rng) -> String {
    let n = rng.below(100);
    let digits = [
        b'0' + u8::try_from(n / 10).unwrap_or(0),
        b'0' + u8::try_from(n % 10).unwrap_or(0),
    ];
    let mut s = String::with_capacity(13);
    s.push_str("+1 555-01");
    s.extend(digits.iter().map(|d| char::from(*d)));
    s
}

const CERTS: &[&str] = &[
    "Certified Implementation Specialist",
    "Solutions Architect — Associate",
    "Sales Professional",
    "Platform Administrator",
    "Security Specialist",
];

/// Certifications: the planned number of people valid today (one maybe
/// expiring within the month), a lapsed one if planned, and earlier
/// certifications some people renewed.
pub(crate) fn certifications(
    file: &mut PartnerFile,
    m: &MetricPlan,
    rng: &mut Rng,
    ids: &mut Ids,
    today: NaiveDate,
    cfg: &ProgramConfig,
) {
    let months = Months::new(cfg.certifications.valid_months.max(1));
    let lapsed = usize::from(m.lapsed_days.is_some());
    let valid = usize::try_from(m.certified).unwrap_or(0);
    let names = people(rng, valid + lapsed);
    // How long a certification lasts, in days, to pick a passed date that
    // is still valid today with room to spare.
    let span = today
        .checked_add_months(months)
        .map_or(365, |d| (d - today).num_days());
    let mut add = |person: &str, passed: NaiveDate, expires: NaiveDate, rng: &mut Rng| {
        file.certifications.push(Certification {
            id: ids.certification.next(),
            person: person.to_string(),
            name: rng.pick_copy(CERTS).to_string(),
            passed,
            expires,
        });
    };
    for (i, name) in names.iter().take(valid).enumerate() {
        let (passed, expires) = if i == 0 && m.expiring_soon {
            let expires = shift(today, rng.range(5, 25));
            (expires.checked_sub_months(months).unwrap_or(today), expires)
        } else {
            // Before a planned lapse, so the partner met its tier until then.
            let youngest = m.lapsed_days.map_or(30.min(span / 4), |d| d + 14);
            let passed = ago(today, rng.range(youngest, (span - 45).max(youngest)));
            (passed, passed.checked_add_months(months).unwrap_or(today))
        };
        if rng.chance(0.35) {
            // The one before, renewed.
            let old = ago(passed, rng.range(0, 30))
                .checked_sub_months(months)
                .unwrap_or(passed);
            add(
                name,
                old,
                old.checked_add_months(months).unwrap_or(passed),
                rng,
            );
        }
        add(name, passed, expires, rng);
    }
    if let (Some(days), Some(name)) = (m.lapsed_days, names.get(valid)) {
        let expires = ago(today, days);
        let passed = expires.checked_sub_months(months).unwrap_or(expires);
        add(name, passed, expires, rng);
    }
}
