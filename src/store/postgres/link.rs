//! A team book's connection: made already, or being made on a thread of
//! its own, and made again when the server dropped it (a cockpit left open
//! survives a server restart).
//!
//! A new day's scoring threads each read with a connection of their own
//! (`BookStore::second_reader`); made one after the other on the opening
//! thread, each cost a server process's start before the scoring could;
//! now they are made side by side while the threads start.

use std::thread::JoinHandle;

use postgres::Client;

use super::connect;
use crate::store::StoreError;
use crate::store::address::without_password;

pub(super) struct Link {
    url: String,
    client: Option<Client>,
    coming: Option<JoinHandle<Result<Client, StoreError>>>,
}

impl Link {
    /// A connection made already.
    pub(super) fn made(url: &str, client: Client) -> Link {
        Link {
            url: url.to_string(),
            client: Some(client),
            coming: None,
        }
    }

    /// A connection to `url`, made from now on a thread of its own.
    pub(super) fn coming(url: &str) -> Link {
        let to = url.to_string();
        Link {
            url: url.to_string(),
            client: None,
            coming: Some(std::thread::spawn(move || connect::connect(&to))),
        }
    }

    /// Connected: the connection being made, waited for; or made again
    /// when there is none or the server closed it.
    ///
    /// # Errors
    /// [`StoreError::Unreachable`] when the server cannot be reached.
    pub(super) fn ready(&mut self) -> Result<(), StoreError> {
        let client = match (self.coming.take(), self.client.take()) {
            (Some(coming), _) => coming.join().unwrap_or_else(|_| {
                Err(StoreError::Unreachable {
                    book: without_password(&self.url),
                    reason: "the connection could not be made".into(),
                })
            })?,
            (None, Some(client)) if !client.is_closed() => client,
            (None, _) => connect::connect(&self.url)?,
        };
        self.client = Some(client);
        Ok(())
    }

    /// The connection, once [`Link::ready`].
    pub(super) fn connected(&mut self) -> Option<&mut Client> {
        self.client.as_mut()
    }
}
