//! What the screens show: the book and everything the rules derive from it.
//!
//! Derived values (analysis, triage, KPIs) are computed here once per load
//! or change, never while drawing a frame.

use chrono::NaiveDate;

use crate::domain::analysis::{Analysis, PartnerSummary};
use crate::domain::book::{Book, PartnerFile};
use crate::domain::config::ProgramConfig;
use crate::domain::kpi::{ProgramKpis, program_kpis};
use crate::domain::triage::{Section, triage};

pub struct Model {
    pub book: Book,
    pub analysis: Analysis,
    pub triage: Vec<Section>,
    pub kpis: ProgramKpis,
    pub config: ProgramConfig,
    pub today: NaiveDate,
    /// Shown in the header: `book: demo (60)`.
    pub book_name: String,
}

impl Model {
    #[must_use]
    pub fn new(book: Book, config: ProgramConfig, today: NaiveDate, book_name: String) -> Model {
        let analysis = Analysis::of(&book, today, &config);
        let triage = triage(&book, &analysis, today, &config);
        let kpis = program_kpis(&book, &analysis, today, &config);
        Model {
            book,
            analysis,
            triage,
            kpis,
            config,
            today,
            book_name,
        }
    }

    /// Position of a partner in the book (partners are sorted by id).
    #[must_use]
    pub fn index_of(&self, id: i64) -> Option<usize> {
        self.book
            .partners
            .binary_search_by_key(&id, |f| f.partner.id)
            .ok()
    }

    /// A partner's file and summary.
    #[must_use]
    pub fn partner(&self, id: i64) -> Option<(&PartnerFile, &PartnerSummary)> {
        let i = self.index_of(id)?;
        Some((self.book.partners.get(i)?, self.analysis.partners.get(i)?))
    }

    /// Mutable access to a partner's file, for applying a write already
    /// committed to the store. Call [`Model::changed`] afterwards.
    pub fn file_mut(&mut self, id: i64) -> Option<&mut PartnerFile> {
        let i = self.index_of(id)?;
        self.book.partners.get_mut(i)
    }

    /// Re-derive after one partner's file changed.
    pub fn changed(&mut self, id: i64) {
        if let Some(f) = self.file_mut(id) {
            f.normalize();
        }
        self.analysis.refresh(&self.book, id, &self.config);
        self.triage = triage(&self.book, &self.analysis, self.today, &self.config);
        self.kpis = program_kpis(&self.book, &self.analysis, self.today, &self.config);
    }

    /// Partners not archived.
    #[must_use]
    pub fn partner_count(&self) -> usize {
        self.book.active().count()
    }
}
