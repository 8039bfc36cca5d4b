//! Finding partners by name: exact (ignoring case), and "did you mean".

use unicode_normalization::UnicodeNormalization;

/// Comparison key of a name: Unicode-normalised (NFC, so `é` typed as one
/// character or as `e` + accent is the same) and lowercased.
#[must_use]
pub fn name_key(name: &str) -> String {
    let name = name.trim();
    if name.is_ascii() {
        name.to_ascii_lowercase()
    } else {
        name.nfc().collect::<String>().to_lowercase()
    }
}

/// Looser key for matching names from other programs (the CSV import):
/// case, accents and spacing ignored, so `Müller  GmbH` and `muller gmbh`
/// are one partner.
#[must_use]
pub fn loose_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.push_str(&word.to_ascii_lowercase());
        } else {
            out.extend(
                word.nfd()
                    .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                    .flat_map(char::to_lowercase),
            );
        }
    }
    out
}

/// Search key of a text: accents, case and width set aside (NFKD, combining
/// marks dropped, lowercased), so `cafe` finds `Café Olé ☕` and `ＡＣＭＥ`
/// finds `Acme`. Names keep [`name_key`] for telling partners apart.
#[must_use]
pub fn search_key(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

/// A filter as typed, split into lowercase words once, to test many
/// already-lowercased names quickly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query(Vec<String>);

impl Query {
    #[must_use]
    pub fn new(text: &str) -> Query {
        Query(text.split_whitespace().map(search_key).collect())
    }

    /// Does a text made with [`search_key`] hold every word?
    #[must_use]
    pub fn matches(&self, lowercase: &str) -> bool {
        self.0.iter().all(|w| lowercase.contains(w.as_str()))
    }
}

/// The closest partner name to a query that matched none exactly: a name
/// that starts with or contains it, else the one within a small edit distance.
#[must_use]
pub fn closest_name<'a, I>(names: &I, query: &str) -> Option<&'a str>
where
    I: Iterator<Item = &'a str> + Clone,
{
    let q = name_key(query);
    if q.is_empty() {
        return None;
    }
    let names = || names.clone();
    if let Some(n) = names()
        .filter(|n| name_key(n).starts_with(&q))
        .min_by_key(|n| n.len())
    {
        return Some(n);
    }
    if let Some(n) = names()
        .filter(|n| name_key(n).contains(&q))
        .min_by_key(|n| n.len())
    {
        return Some(n);
    }
    let limit = (q.chars().count() / 3).max(2);
    names()
        .map(|n| (edit_distance(&name_key(n), &q), n))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, n)| (*d, n.len()))
        .map(|(_, n)| n)
}

/// Every name close to a query that matched none exactly, in name order:
/// the names holding every word of it (accents, case and width aside), else
/// those within a small edit distance. `mosaic` → both Mosaics.
#[must_use]
pub fn close_names<'a, I>(names: &I, query: &str) -> Vec<&'a str>
where
    I: Iterator<Item = &'a str> + Clone,
{
    let q = Query::new(query);
    if q.0.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<&str> = names
        .clone()
        .filter(|n| q.matches(&search_key(n)))
        .collect();
    if out.is_empty() {
        let key = search_key(query.trim());
        let limit = (key.chars().count() / 3).max(2);
        out = names
            .clone()
            .filter(|n| edit_distance(&search_key(n), &key) <= limit)
            .collect();
    }
    out.sort_by_key(|n| name_key(n));
    out
}

/// Levenshtein distance over characters.
#[must_use]
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_keys_ignore_case_accents_and_spacing() {
        assert_eq!(loose_key("  Müller   GmbH "), "muller gmbh");
        assert_eq!(loose_key("MULLER gmbh"), loose_key("Müller GmbH"));
        assert_ne!(loose_key("Muller AG"), loose_key("Müller GmbH"));
    }

    fn closest<'a>(names: &[&'a str], query: &str) -> Option<&'a str> {
        closest_name(&names.iter().copied(), query)
    }

    #[test]
    fn a_prefix_suggests_the_full_name() {
        let b = ["Acme Corp", "Northwind Traders"];
        assert_eq!(closest(&b, "Acme"), Some("Acme Corp"));
        assert_eq!(closest(&b, "northwind"), Some("Northwind Traders"));
    }

    #[test]
    fn a_typo_suggests_the_near_name() {
        let b = ["Contoso", "Litware"];
        assert_eq!(closest(&b, "Contsoo"), Some("Contoso"));
        assert_eq!(closest(&b, "Zzyzx"), None);
    }

    #[test]
    fn composed_and_decomposed_accents_are_the_same_name() {
        let stored = "Cafe\u{301} Ole\u{301} ☕";
        assert_eq!(closest(&[stored], "café olé ☕"), Some(stored));
        assert_eq!(name_key(stored), name_key("CAFÉ OLÉ ☕"));
        assert!(Query::new("café").matches(&search_key(stored)));
    }

    #[test]
    fn close_names_lists_every_candidate() {
        let names = [
            "Mosaic Works Ltd",
            "Atlas Grid GmbH",
            "Mosaic Integrations Inc",
        ];
        assert_eq!(
            close_names(&names.iter().copied(), "mosaic"),
            ["Mosaic Integrations Inc", "Mosaic Works Ltd"]
        );
        assert_eq!(
            close_names(&names.iter().copied(), "Atlas Gird GmbH"),
            ["Atlas Grid GmbH"]
        );
        assert!(close_names(&names.iter().copied(), "Zzyzx").is_empty());
    }

    #[test]
    fn search_sets_accents_case_and_width_aside() {
        let key = search_key("Café Olé ☕");
        for typed in ["cafe", "CAFÉ", "ｃａｆｅ", "ole", "Cafe\u{301}"] {
            assert!(Query::new(typed).matches(&key), "{typed}");
        }
        assert!(!Query::new("cafes").matches(&key));
    }

    #[test]
    fn filter_words_match_anywhere_ignoring_case() {
        let name = name_key("Northwind Traders");
        assert!(Query::new("trad north").matches(&name));
        assert!(!Query::new("contoso").matches(&name));
    }
}
