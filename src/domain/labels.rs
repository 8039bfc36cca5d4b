//! `text_enum!`: the string-backed enums of the book (types, tiers, stages…).
//!
//! Every enum that is stored in `SQLite`, written to JSON or typed on the command
//! line has exactly one spelling, `as_str()`, and parses back from it. The
//! macro keeps that pairing in one place so the store, the CLI and the exports
//! can never disagree about how a value is written.

/// Error for a value that is not one of an enum's spellings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{value}' is not a valid {what} (expected one of: {expected})")]
pub struct UnknownValue {
    pub what: &'static str,
    pub value: String,
    pub expected: String,
}

macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The one spelling used in the book, JSON and the command line.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text ),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::domain::labels::UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim();
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(wanted))
                    .ok_or_else(|| $crate::domain::labels::UnknownValue {
                        what: $what,
                        value: s.to_string(),
                        expected: $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                    })
            }
        }

        // Text in human-readable formats (JSON, TOML); the position in
        // `ALL` in binary ones (the summary cache), which is smaller and
        // needs no parsing.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                if s.is_human_readable() {
                    s.serialize_str(self.as_str())
                } else {
                    let index = $name::ALL.iter().position(|v| v == self).unwrap_or(0);
                    s.serialize_u8(u8::try_from(index).unwrap_or(u8::MAX))
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                if d.is_human_readable() {
                    let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                    text.parse().map_err(serde::de::Error::custom)
                } else {
                    let index = u8::deserialize(d)?;
                    $name::ALL
                        .get(usize::from(index))
                        .copied()
                        .ok_or_else(|| serde::de::Error::custom(concat!("bad ", $what, " index")))
                }
            }
        }
    };
}

pub(crate) use text_enum;
