//! Reading the config: the embedded defaults, then the user's file over them
//! key by key (tables merge, any other value replaces).
//!
//! A problem is reported with the file, the line and the dotted key. Lines
//! come from the spans the TOML parser keeps for every key and value, so a
//! key inside a multi-line array, an inline table or after a multi-line
//! string is placed where it really is.

use std::collections::HashMap;

use toml::de::{DeTable, DeValue};

use super::validate::{self, Invalid};
use super::{ConfigError, DEFAULT_TOML, ProgramConfig};

/// How the embedded defaults are named in an error.
pub(super) const BUILT_IN: &str = "assets/program.toml (built in)";

/// The defaults overridden by a user file (`(file name, text)`), if any.
pub(super) fn from_layers(user: Option<(&str, &str)>) -> Result<ProgramConfig, ConfigError> {
    let base = Layer {
        file: BUILT_IN,
        text: DEFAULT_TOML,
    };
    let user = user.map(|(file, text)| Layer { file, text });
    let mut merged = base.table()?;
    if let Some(layer) = &user {
        merge(&mut merged, layer.table()?);
    }
    let layers = Layers { base, user };
    let config: ProgramConfig = serde_path_to_error::deserialize(toml::Value::Table(merged))
        .map_err(|e| {
            let path = e.path().to_string();
            let message = e.inner().to_string();
            layers.error(&[key_of(&path, &message)], first_line(&message))
        })?;
    validate::check(&config).map_err(|Invalid { keys, message }| layers.error(&keys, message))?;
    Ok(config)
}

/// An error about `key` of the user's config (`file`, `text`), placed on
/// the line that sets it (no line when it sets none).
pub(super) fn locate(file: &str, text: &str, key: &str, message: String) -> ConfigError {
    let layer = Layer { file, text };
    ConfigError {
        file: file.to_string(),
        line: layer.key_lines().get(key).copied(),
        key: Some(key.to_string()),
        message,
    }
}

/// One config text and the name it is reported under.
struct Layer<'a> {
    file: &'a str,
    text: &'a str,
}

impl Layer<'_> {
    fn table(&self) -> Result<toml::Table, ConfigError> {
        self.text.parse::<toml::Table>().map_err(|e| ConfigError {
            file: self.file.to_string(),
            line: e.span().map(|s| Lines::of(self.text).line(s.start)),
            key: None,
            message: first_line(e.message()),
        })
    }

    /// The line of every key, by dotted path as `serde_path_to_error` writes
    /// it (`health.activity.steps[1].points`). Only made when an error needs
    /// it, so a good config is parsed once.
    fn key_lines(&self) -> HashMap<String, usize> {
        let (doc, _) = DeTable::parse_recoverable(self.text);
        let lines = Lines::of(self.text);
        let mut out = HashMap::new();
        record_table("", doc.get_ref(), &lines, &mut out);
        out
    }
}

/// The built-in layer and the user's, if any.
struct Layers<'a> {
    base: Layer<'a>,
    user: Option<Layer<'a>>,
}

impl Layers<'_> {
    /// An error about the first of `keys` the user's file sets, or else the
    /// first the built-in file sets, named with that file and line. A key
    /// written in neither is named without a line.
    fn error(&self, keys: &[String], message: String) -> ConfigError {
        for layer in self.user.iter().chain(std::iter::once(&self.base)) {
            let lines = layer.key_lines();
            if let Some((key, line)) = keys
                .iter()
                .find_map(|k| lines.get(k.as_str()).map(|l| (k, *l)))
            {
                return ConfigError {
                    file: layer.file.to_string(),
                    line: Some(line),
                    key: Some(key.clone()),
                    message,
                };
            }
        }
        ConfigError {
            file: self.user.as_ref().unwrap_or(&self.base).file.to_string(),
            line: None,
            key: keys.first().filter(|k| !k.is_empty()).cloned(),
            message,
        }
    }
}

fn record_table(path: &str, table: &DeTable<'_>, lines: &Lines, out: &mut HashMap<String, usize>) {
    for (key, value) in table {
        let path = if path.is_empty() {
            key.get_ref().to_string()
        } else {
            format!("{path}.{}", key.get_ref())
        };
        out.entry(path.clone())
            .or_insert_with(|| lines.line(key.span().start));
        record_value(&path, value.get_ref(), lines, out);
    }
}

fn record_value(path: &str, value: &DeValue<'_>, lines: &Lines, out: &mut HashMap<String, usize>) {
    match value {
        DeValue::Table(table) => record_table(path, table, lines, out),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let path = format!("{path}[{i}]");
                out.entry(path.clone())
                    .or_insert_with(|| lines.line(item.span().start));
                record_value(&path, item.get_ref(), lines, out);
            }
        }
        _ => {}
    }
}

/// Byte offsets where each line of a text starts.
struct Lines(Vec<usize>);

impl Lines {
    fn of(text: &str) -> Self {
        Lines(
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        )
    }

    /// 1-based line of a byte offset.
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset).max(1)
    }
}

/// Tables merge key by key; anything else in `over` replaces what `base` had.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// The dotted key an error is about: the path, plus an unknown field's name.
fn key_of(path: &str, message: &str) -> String {
    let path = if path == "." { "" } else { path };
    if message.starts_with("unknown field")
        && let Some(name) = message.split('`').nth(1)
    {
        // Some versions of serde_path_to_error already end the path with the
        // unknown field; never name it twice.
        return if path.is_empty() {
            name.to_string()
        } else if path == name || path.ends_with(&format!(".{name}")) {
            path.to_string()
        } else {
            format!("{path}.{name}")
        };
    }
    path.to_string()
}

fn first_line(message: &str) -> String {
    message
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_defaults_parse_and_hold_the_spec_numbers() {
        let c = ProgramConfig::from_layers(None).expect("defaults parse");
        assert_eq!(c.tiers.gold.arr, 100_000);
        assert_eq!(c.tiers.platinum.grace_quarters, 3);
        assert_eq!(c.cadence.long_tail, 92);
        assert_eq!(c.qbr.checklist.len(), 14);
        assert_eq!(c.qbr.agenda.iter().map(|a| a.minutes).sum::<u32>(), 60);
        assert_eq!(c.campaigns.tasks.len(), 12);
    }

    #[test]
    fn a_user_file_overrides_one_key_and_keeps_the_rest() {
        let c = ProgramConfig::from_layers(Some(("my.toml", "[tiers.gold]\narr = 120000\n")))
            .expect("override parses");
        assert_eq!(c.tiers.gold.arr, 120_000);
        assert_eq!(c.tiers.gold.referrals, 20);
        assert_eq!(c.currency, "$");
    }

    #[test]
    fn a_wrong_type_names_file_line_and_key() {
        let text = "currency = \"€\"\n\n[tiers.gold]\narr = \"lots\"\n";
        let err = ProgramConfig::from_layers(Some(("my.toml", text))).expect_err("bad type");
        assert_eq!(err.file, "my.toml");
        assert_eq!(err.key.as_deref(), Some("tiers.gold.arr"));
        assert_eq!(err.line, Some(4));
        assert!(
            err.to_string()
                .starts_with("config error in my.toml line 4, key `tiers.gold.arr`:"),
            "{err}"
        );
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line() {
        let text = "[cadence]\nstrategic = 7\nstragetic = 9\n";
        let err = ProgramConfig::from_layers(Some(("c.toml", text))).expect_err("typo");
        assert_eq!(err.key.as_deref(), Some("cadence.stragetic"));
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("unknown field"), "{}", err.message);
    }

    #[test]
    fn a_syntax_error_names_the_line() {
        let text = "currency = \"$\"\n[tiers.gold\narr = 5\n";
        let err = ProgramConfig::from_layers(Some(("c.toml", text))).expect_err("syntax");
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn matrix_weights_stay_on_a_0_to_100_scale() {
        let c = ProgramConfig::default();
        assert_eq!(c.matrix.max_value(), 100);
        assert_eq!(c.matrix.high_value, 50);
        assert_eq!(c.matrix.high_revenue, c.tiers.gold.arr);
        let err = ProgramConfig::from_layers(Some(("c.toml", "[matrix.fit]\nstrong = 90\n")))
            .expect_err("over 100");
        assert_eq!(err.key.as_deref(), Some("matrix"));
        assert!(err.message.contains("add up to 130"), "{}", err.message);
        let err = ProgramConfig::from_layers(Some(("c.toml", "[matrix]\nhigh_revenue = 0\n")))
            .expect_err("zero split");
        assert_eq!(err.key.as_deref(), Some("matrix.high_revenue"));
    }

    #[test]
    fn absurd_numbers_are_refused_with_their_key_not_a_crash() {
        for (text, key) in [
            (
                "[triage]\ndue_soon_days = 100000000\n",
                "triage.due_soon_days",
            ),
            (
                "[health.activity]\nwindow_days = 100000000000\n",
                "health.activity.window_days",
            ),
            (
                "[tiers.gold]\ngrace_quarters = 4000000000\n",
                "tiers.gold.grace_quarters",
            ),
            ("[matrix]\nexecutive_sponsor = 4294967295\n", "matrix"),
        ] {
            let err = ProgramConfig::from_layers(Some(("c.toml", text))).expect_err(key);
            assert!(
                err.key.as_deref().is_some_and(|k| k.starts_with(key)),
                "{text}: {err}"
            );
        }
    }

    #[test]
    fn bands_out_of_order_are_refused() {
        let err = ProgramConfig::from_layers(Some(("c.toml", "[bands]\nhealthy = 90\n")))
            .expect_err("bands");
        assert_eq!(err.key.as_deref(), Some("bands"));
        assert_eq!(err.line, Some(1));
    }

    #[test]
    fn a_line_inside_a_multi_line_array_comes_from_the_span() {
        // The old text scan could only point at the `steps =` line.
        let text = "[health.activity]\nsteps = [\n  { min = 5, points = 25 },\n  { min = 3, points = \"many\" },\n]\n";
        let err = ProgramConfig::from_layers(Some(("c.toml", text))).expect_err("bad type");
        assert_eq!(err.key.as_deref(), Some("health.activity.steps[1].points"));
        assert_eq!(err.line, Some(4), "{err}");
    }

    #[test]
    fn a_key_written_inside_a_string_is_not_taken_for_the_real_one() {
        let text =
            "currency = \"\"\"\n[tiers.gold]\narr = 1\n\"\"\"\n\n[tiers.gold]\narr = \"lots\"\n";
        let err = ProgramConfig::from_layers(Some(("c.toml", text))).expect_err("bad type");
        assert_eq!(err.key.as_deref(), Some("tiers.gold.arr"));
        assert_eq!(err.line, Some(7), "{err}");
    }

    #[test]
    fn a_dotted_key_in_an_inline_table_is_placed_on_its_line() {
        let text = "# cadence.growth = 14 in the defaults\n\ncadence = { strategic = 7,\n  growth = -1 }\n";
        let err = ProgramConfig::from_layers(Some(("c.toml", text))).expect_err("negative");
        assert_eq!(err.key.as_deref(), Some("cadence.growth"));
        assert_eq!(err.line, Some(4), "{err}");
    }
}
