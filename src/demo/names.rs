//! Names for the demo book: partners, people, customers, places.
//!
//! Partner names must be unique ignoring case even in a 10,000-partner book,
//! and a few carry wide (CJK, emoji) and combining characters so the screens
//! are seen to keep their columns aligned with them.

use std::collections::HashSet;

use super::rng::Rng;

/// A partner's name with the ASCII slug its website and emails use.
#[derive(Debug, Clone)]
pub(crate) struct PartnerName {
    pub name: String,
    pub slug: String,
    /// A region that fits the name, when it suggests one.
    pub region: Option<&'static str>,
}

/// Names that exercise the layout: wide CJK, emoji, a combining accent
/// (`Cafe\u{301}` is `e` followed by U+0301, not the precomposed `é`).
const SHOWCASE: &[(&str, &str, &str)] = &[
    ("株式会社サンプル", "sample-kk", "APAC"),
    ("Cafe\u{301} Ole\u{301} ☕", "cafe-ole", "LATAM"),
    ("北京云桥科技", "yunqiao-tech", "APAC"),
    ("Nordlicht Systems 🚀", "nordlicht-systems", "DACH"),
    ("Müller & Söhne GmbH", "mueller-soehne", "DACH"),
    ("한빛 클라우드", "hanbit-cloud", "APAC"),
];

const PREFIXES: &[&str] = &[
    "Northwind",
    "Bluepeak",
    "Cobalt",
    "Lumen",
    "Ironbridge",
    "Silverline",
    "Brightpath",
    "Cedar",
    "Harbor",
    "Summit",
    "Atlas",
    "Vertex",
    "Meridian",
    "Orbit",
    "Quantum",
    "Nimbus",
    "Pinnacle",
    "Redwood",
    "Sable",
    "Tidal",
    "Aurora",
    "Beacon",
    "Catalyst",
    "Delta",
    "Ember",
    "Falcon",
    "Granite",
    "Helix",
    "Indigo",
    "Juniper",
    "Keystone",
    "Lattice",
    "Mosaic",
    "Nova",
    "Onyx",
    "Prairie",
    "Quartz",
    "Ridgeline",
    "Sierra",
    "Tundra",
    "Vantage",
    "Willow",
    "Xenon",
    "Yarrow",
    "Zephyr",
    "Acorn",
    "Basalt",
    "Crescent",
    "Driftwood",
    "Evergreen",
    "Fjord",
    "Glacier",
    "Horizon",
    "Jade",
    "Kestrel",
    "Lighthouse",
    "Magnolia",
    "Nautilus",
    "Oakridge",
    "Polaris",
    "Riverbend",
    "Sapphire",
    "Trellis",
    "Upland",
];

const CORES: &[&str] = &[
    "Analytics",
    "Systems",
    "Labs",
    "Digital",
    "Cloud",
    "Data",
    "Networks",
    "Consulting",
    "Solutions",
    "Software",
    "Security",
    "Partners",
    "Technologies",
    "Integrations",
    "Group",
    "Works",
    "Logic",
    "Dynamics",
    "Ventures",
    "Media",
    "Health",
    "Robotics",
    "AI",
    "Commerce",
    "Interactive",
    "Apps",
    "Infra",
    "Signal",
    "Stack",
    "Ops",
    "Metrics",
    "Studio",
    "Bridge",
    "Insight",
    "Edge",
    "Grid",
    "Forge",
    "Flow",
    "Point",
    "Wave",
];

/// Legal suffixes; the empty ones make plain names more common.
const LEGAL: &[&str] = &[
    "", "", "", "", "Inc", "LLC", "Ltd", "GmbH", "AB", "BV", "Pty", "SAS", "Oy", "& Co",
];

/// Region of a legal form, where it says one.
fn legal_region(legal: &str) -> Option<&'static str> {
    match legal {
        "GmbH" => Some("DACH"),
        "AB" | "Oy" => Some("Nordics"),
        "BV" | "SAS" => Some("EMEA"),
        "Pty" => Some("ANZ"),
        "Inc" | "LLC" => Some("North America"),
        "Ltd" => Some("UK&I"),
        _ => None,
    }
}

/// How many random draws to try before numbering a name.
const TRIES: usize = 12;

/// `n` partner names, unique ignoring case, in partner order. The showcase
/// names are spread through the book.
pub(crate) fn partner_names(n: usize, rng: &mut Rng) -> Vec<PartnerName> {
    let mut out: Vec<Option<PartnerName>> = vec![None; n];
    let mut taken: HashSet<String> = HashSet::with_capacity(n);
    let shown = SHOWCASE.len().min(n);
    for (j, (name, slug, region)) in SHOWCASE.iter().take(shown).enumerate() {
        let at = j * n / shown;
        taken.insert(name.to_lowercase());
        out[at] = Some(PartnerName {
            name: (*name).to_string(),
            slug: (*slug).to_string(),
            region: Some(region),
        });
    }
    out.into_iter()
        .map(|slot| slot.unwrap_or_else(|| fresh_name(rng, &mut taken)))
        .collect()
}

fn fresh_name(rng: &mut Rng, taken: &mut HashSet<String>) -> PartnerName {
    let mut draw = || {
        let prefix = rng.pick_copy(PREFIXES);
        let core = rng.pick_copy(CORES);
        let legal = rng.pick_copy(LEGAL);
        let name = if legal.is_empty() {
            [prefix, " ", core].concat()
        } else {
            [prefix, " ", core, " ", legal].concat()
        };
        (name, [prefix, "-", core].concat(), legal_region(legal))
    };
    let mut last = draw();
    for _ in 0..TRIES {
        if taken.insert(last.0.to_lowercase()) {
            return named(last);
        }
        last = draw();
    }
    // Crowded: number the last draw until it is free.
    for k in 2_u64.. {
        let name = format!("{} {k}", last.0);
        if taken.insert(name.to_lowercase()) {
            let slug = format!("{}-{k}", last.1);
            return named((name, slug, last.2));
        }
    }
    named(last)
}

fn named((name, slug, region): (String, String, Option<&'static str>)) -> PartnerName {
    PartnerName {
        name,
        slug: slug.to_ascii_lowercase(),
        region,
    }
}

/// First names: (as written, as in an email address).
const FIRST: &[(&str, &str)] = &[
    ("Alex", "alex"),
    ("Maria", "maria"),
    ("James", "james"),
    ("Aiko", "aiko"),
    ("Chen", "chen"),
    ("Fatima", "fatima"),
    ("Ngozi", "ngozi"),
    ("Zoë", "zoe"),
    ("José", "jose"),
    ("Søren", "soren"),
    ("Lena", "lena"),
    ("Omar", "omar"),
    ("Grace", "grace"),
    ("Ravi", "ravi"),
    ("Elena", "elena"),
    ("Tomás", "tomas"),
    ("Hannah", "hannah"),
    ("Kenji", "kenji"),
    ("Amara", "amara"),
    ("Lucas", "lucas"),
    ("Ingrid", "ingrid"),
    ("Mateo", "mateo"),
    ("Yuki", "yuki"),
    ("Chloe", "chloe"),
    ("Daniel", "daniel"),
    ("Sofia", "sofia"),
    ("Kwame", "kwame"),
    ("Anika", "anika"),
    ("Ben", "ben"),
    ("Olivia", "olivia"),
    ("Marek", "marek"),
    ("Isabel", "isabel"),
];

const LAST: &[(&str, &str)] = &[
    ("Okafor", "okafor"),
    ("Lindqvist", "lindqvist"),
    ("García", "garcia"),
    ("Tanaka", "tanaka"),
    ("Novak", "novak"),
    ("Patel", "patel"),
    ("Schmidt", "schmidt"),
    ("Nguyen", "nguyen"),
    ("Kowalski", "kowalski"),
    ("Haddad", "haddad"),
    ("Brennan", "brennan"),
    ("Rossi", "rossi"),
    ("Müller", "mueller"),
    ("Kim", "kim"),
    ("Andersen", "andersen"),
    ("Mensah", "mensah"),
    ("Silva", "silva"),
    ("Cohen", "cohen"),
    ("Walsh", "walsh"),
    ("Ito", "ito"),
    ("Fischer", "fischer"),
    ("Dubois", "dubois"),
    ("Reyes", "reyes"),
    ("Larsen", "larsen"),
    ("Abbott", "abbott"),
    ("Chowdhury", "chowdhury"),
    ("Moreau", "moreau"),
    ("Petrov", "petrov"),
];

/// A person's display name and the `first.last` part of their email.
pub(crate) fn person(rng: &mut Rng) -> (String, String) {
    let (first, first_ascii) = rng.pick_copy(FIRST);
    let (last, last_ascii) = rng.pick_copy(LAST);
    (
        [first, " ", last].concat(),
        [first_ascii, ".", last_ascii].concat(),
    )
}

/// `count` different people (display names only).
pub(crate) fn people(rng: &mut Rng, count: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(count);
    while out.len() < count {
        let (name, _) = person(rng);
        if out.contains(&name) {
            // Small lists: a clash is rare; number the person to move on.
            out.push(format!("{name} ({})", out.len() + 1));
        } else {
            out.push(name);
        }
    }
    out
}

/// The partner managers on our side who own the book.
pub(crate) const OWNERS: &[&str] = &["Dana", "Sam", "Priya", "Leo"];

pub(crate) const REGIONS: &[&str] = &[
    "North America",
    "North America",
    "EMEA",
    "UK&I",
    "DACH",
    "Nordics",
    "APAC",
    "ANZ",
    "LATAM",
];

/// End customers that deals and referrals are about.
pub(crate) const CUSTOMERS: &[&str] = &[
    "Globex",
    "Initech",
    "Umbrella Health",
    "Hooli",
    "Vandelay Industries",
    "Wayne Logistics",
    "Soylent Foods",
    "Tyrell Biotech",
    "Cyberdyne Retail",
    "Wonka Confections",
    "Gringotts Bank",
    "Oceanic Airlines",
    "Stark Manufacturing",
    "Monarch Insurance",
    "Pied Piper",
    "Dunder Paper",
    "Acme Freight",
    "Massive Dynamic",
    "Blue Sun Energy",
    "Nakatomi Trading",
    "Prestige Worldwide",
    "Sterling Cooper",
    "Bluth Homes",
    "Virtucon",
    "Kruger Mining",
    "Aperture Research",
    "Big Kahuna Burger",
    "Genco Shipping",
    "Los Pollos Hermanos",
    "Duff Beverages",
];

const DEAL_SCOPES: &[&str] = &[
    "platform rollout",
    "renewal",
    "seat expansion",
    "pilot",
    "EMEA expansion",
    "migration project",
    "security add-on",
    "analytics module",
    "multi-year agreement",
    "proof of concept",
];

/// `Globex — platform rollout`
pub(crate) fn deal_name(rng: &mut Rng) -> String {
    [rng.pick_copy(CUSTOMERS), " — ", rng.pick_copy(DEAL_SCOPES)].concat()
}

const LEAD_TITLES: &[&str] = &[
    "CIO",
    "VP Operations",
    "Head of IT",
    "Procurement lead",
    "CTO",
    "Director of Sales Ops",
    "IT manager",
];

/// `Initech (Head of IT)`
pub(crate) fn lead_name(rng: &mut Rng) -> String {
    [
        rng.pick_copy(CUSTOMERS),
        " (",
        rng.pick_copy(LEAD_TITLES),
        ")",
    ]
    .concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_thousand_names_are_unique_ignoring_case() {
        let mut rng = Rng::new(3);
        let names = partner_names(10_000, &mut rng);
        assert_eq!(names.len(), 10_000);
        let set: HashSet<String> = names.iter().map(|n| n.name.to_lowercase()).collect();
        assert_eq!(set.len(), 10_000);
        assert!(
            names
                .iter()
                .all(|n| n.slug.is_ascii() && !n.slug.is_empty())
        );
    }

    #[test]
    fn the_showcase_names_are_in_a_small_book() {
        let mut rng = Rng::new(3);
        let names = partner_names(60, &mut rng);
        for (name, _, _) in SHOWCASE {
            assert!(names.iter().any(|n| n.name == *name), "{name}");
        }
        assert!(partner_names(0, &mut rng).is_empty());
        assert_eq!(partner_names(1, &mut rng).len(), 1);
    }

    #[test]
    fn people_are_distinct() {
        let mut rng = Rng::new(5);
        let p = people(&mut rng, 40);
        let set: HashSet<&String> = p.iter().collect();
        assert_eq!(set.len(), 40);
    }
}
