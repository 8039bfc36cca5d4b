//! Finding partners by name: exact (ignoring case), and "did you mean".

use super::book::Book;

/// Case-insensitive (Unicode) comparison key of a name.
#[must_use]
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Does `name` contain every word of `query` (ignoring case)? Used by filters.
#[must_use]
pub fn matches_words(name: &str, query: &str) -> bool {
    let hay = name.to_lowercase();
    query
        .split_whitespace()
        .all(|w| hay.contains(&w.to_lowercase()))
}

/// The closest partner name to a query that matched none exactly: a name
/// that starts with or contains it, else the one within a small edit distance.
#[must_use]
pub fn closest_name<'a>(book: &'a Book, query: &str) -> Option<&'a str> {
    let q = name_key(query);
    if q.is_empty() {
        return None;
    }
    let names = || book.partners.iter().map(|f| f.partner.name.as_str());
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
    use crate::domain::testing::partner_file;

    fn book(names: &[&str]) -> Book {
        Book {
            partners: names.iter().map(|n| partner_file(n)).collect(),
        }
    }

    #[test]
    fn a_prefix_suggests_the_full_name() {
        let b = book(&["Acme Corp", "Northwind Traders"]);
        assert_eq!(closest_name(&b, "Acme"), Some("Acme Corp"));
        assert_eq!(closest_name(&b, "northwind"), Some("Northwind Traders"));
    }

    #[test]
    fn a_typo_suggests_the_near_name() {
        let b = book(&["Contoso", "Litware"]);
        assert_eq!(closest_name(&b, "Contsoo"), Some("Contoso"));
        assert_eq!(closest_name(&b, "Zzyzx"), None);
    }

    #[test]
    fn filter_words_match_anywhere_ignoring_case() {
        assert!(matches_words("Northwind Traders", "trad north"));
        assert!(!matches_words("Northwind Traders", "contoso"));
    }
}
