//! A list written as its items are made: a long JSON document (the whole
//! book, every Today line of 50,000 partners) is never whole in memory.
//!
//! [`Streamed`] serialises as a JSON array whose items come from an
//! iterator of results, each item dropped once it is written. The first
//! failure stops the document; it is kept for the caller
//! ([`Streamed::failure`]), which says what failed rather than that the
//! JSON could not be written.

use std::cell::RefCell;

use serde::ser::{Error as _, SerializeSeq as _};
use serde::{Serialize, Serializer};

/// A list serialised from `items` as they come (once: a second
/// serialisation is an error).
pub struct Streamed<I, E> {
    items: RefCell<Option<I>>,
    failed: RefCell<Option<E>>,
}

impl<I, E> Streamed<I, E> {
    /// The list `items` will yield.
    pub fn new(items: I) -> Self {
        Streamed {
            items: RefCell::new(Some(items)),
            failed: RefCell::new(None),
        }
    }

    /// What stopped the list, when an item could not be made.
    pub fn failure(&self) -> Option<E> {
        self.failed.borrow_mut().take()
    }
}

impl<T, E, I> Serialize for Streamed<I, E>
where
    I: Iterator<Item = Result<T, E>>,
    T: Serialize,
    E: std::fmt::Display,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let items = self
            .items
            .borrow_mut()
            .take()
            .ok_or_else(|| S::Error::custom("a streamed list is written once"))?;
        let mut seq = serializer.serialize_seq(None)?;
        for item in items {
            match item {
                Ok(item) => seq.serialize_element(&item)?,
                Err(e) => {
                    let message = e.to_string();
                    *self.failed.borrow_mut() = Some(e);
                    return Err(S::Error::custom(message));
                }
            }
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::Streamed;

    #[test]
    fn a_streamed_list_is_the_same_pretty_json_as_the_list() {
        for items in [vec![], vec![1, 2, 3]] {
            let lazy = Streamed::new(items.clone().into_iter().map(Ok::<_, String>));
            let streamed =
                serde_json::to_string_pretty(&BTreeMap::from([("a", &lazy)])).expect("streamed");
            let whole =
                serde_json::to_string_pretty(&BTreeMap::from([("a", &items)])).expect("whole");
            assert_eq!(streamed, whole);
        }
    }

    #[test]
    fn a_failed_item_stops_the_list_and_is_kept() {
        let lazy = Streamed::new([Ok(1), Err("row 2 is damaged".to_string()), Ok(3)].into_iter());
        let err = serde_json::to_string(&lazy).expect_err("stopped");
        assert!(err.to_string().contains("row 2 is damaged"), "{err}");
        assert_eq!(lazy.failure().as_deref(), Some("row 2 is damaged"));
        assert!(serde_json::to_string(&lazy).is_err(), "written once");
    }
}
