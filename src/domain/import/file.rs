//! A CSV export as the CRM wrote it, before any row is read
//! (docs/rules.md, "CSV import"): its encoding (UTF-8 with or without a
//! byte-order mark, UTF-16 from Excel's "Unicode text", Windows-1252 from
//! older Salesforce and Excel exports) and its separator (`,`, `;` in most
//! of Europe, tab, `|`, or Excel's `sep=;` first line).

use std::borrow::Cow;

use super::{Table, header_key};
use crate::domain::config::ImportRules;

/// The text of a file, and how it was read when not as UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// "UTF-16" or "Windows-1252" when the file was not UTF-8.
    pub encoding: Option<&'static str>,
}

/// Windows-1252's characters for bytes 0x80..=0x9F (None: undefined).
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// The file's text. None for bytes that are no text in any of these
/// encodings (a NUL outside UTF-16, or a byte Windows-1252 leaves undefined).
#[must_use]
pub fn decode(bytes: &[u8]) -> Option<Decoded<'_>> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).ok().map(|t| Decoded {
            text: Cow::Borrowed(t),
            encoding: None,
        });
    }
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16| {
        if !rest.len().is_multiple_of(2) {
            return None;
        }
        let units = rest.chunks_exact(2).map(|c| unit([c[0], c[1]]));
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok()
            .map(|t| Decoded {
                text: Cow::Owned(t),
                encoding: Some("UTF-16"),
            })
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    if let Ok(t) = std::str::from_utf8(bytes) {
        return Some(Decoded {
            text: Cow::Borrowed(t),
            encoding: None,
        });
    }
    if bytes.contains(&0) {
        return None;
    }
    let text = bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
            _ => Some(char::from(b)),
        })
        .collect::<Option<String>>()?;
    Some(Decoded {
        text: Cow::Owned(text),
        encoding: Some("Windows-1252"),
    })
}

/// The separators a CRM export may use, in the order ties go.
pub const SEPARATORS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How a separator is named in messages.
#[must_use]
pub fn separator_name(sep: u8) -> &'static str {
    match sep {
        b';' => "';'",
        b'\t' => "tab",
        b'|' => "'|'",
        _ => "','",
    }
}

/// The file's separator and where its header starts: Excel's `sep=X`
/// first line when there is one, else the separator that splits the
/// header into the most of `table`'s columns (then into the most fields;
/// ties go to `,`).
#[must_use]
pub fn separator(text: &str, table: Table, rules: &ImportRules) -> (u8, usize) {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let first = text[..first_end].trim_end_matches(['\r', '\n']);
    if let Some(sep) = first
        .strip_prefix("sep=")
        .or_else(|| first.strip_prefix("SEP="))
        && let [b] = sep.as_bytes()
    {
        return (*b, first_end);
    }
    let own: Vec<String> = table.columns().iter().map(|c| header_key(c)).collect();
    let aliases: Vec<String> = table.aliases(rules).keys().map(|a| header_key(a)).collect();
    let best = SEPARATORS
        .iter()
        .enumerate()
        .map(|(order, &sep)| {
            let fields = header_fields(first, sep);
            let known = fields
                .iter()
                .filter(|f| {
                    let k = header_key(f);
                    own.contains(&k) || aliases.contains(&k)
                })
                .count();
            ((known, fields.len(), std::cmp::Reverse(order)), sep)
        })
        .max_by_key(|(score, _)| *score)
        .map_or(b',', |(_, sep)| sep);
    (best, 0)
}

/// The header line split at `sep`, quotes respected.
#[must_use]
pub fn header_fields(line: &str, sep: u8) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .from_reader(line.as_bytes());
    reader
        .records()
        .next()
        .and_then(Result::ok)
        .map(|r| r.iter().map(str::to_string).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::config::ProgramConfig;

    #[test]
    fn encodings_crms_write() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFName").map(|d| d.text.into_owned()),
            Some("Name".into())
        );
        let latin = decode(b"Caf\xE9 \x80").expect("cp1252");
        assert_eq!(latin.text, "Café €");
        assert_eq!(latin.encoding, Some("Windows-1252"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Né".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            decode(&utf16).map(|d| d.text.into_owned()),
            Some("Né".into())
        );
        assert_eq!(decode(b"a\x00b\xE9"), None);
    }

    #[test]
    fn the_separator_that_finds_the_columns_wins() {
        let rules = ProgramConfig::default().import;
        let t = Table::Deals;
        assert_eq!(
            separator("Deal Name;Amount;Account Name\n", t, &rules),
            (b';', 0)
        );
        assert_eq!(separator("Deal Name,Amount\n", t, &rules), (b',', 0));
        assert_eq!(separator("Deal Name\tAmount\n", t, &rules), (b'\t', 0));
        assert_eq!(separator("sep=;\nDeal Name;Amount\n", t, &rules), (b';', 6));
        // A name with a comma inside quotes does not make commas win.
        assert_eq!(
            separator("\"Deal, Name\";Amount;Stage\n", t, &rules),
            (b';', 0)
        );
    }
}
