//! Row ids, numbered from 1 per kind across the whole book, the way the
//! store would number them.

/// One kind's next id.
#[derive(Debug, Default)]
pub(crate) struct Seq(i64);

impl Seq {
    pub(crate) fn next(&mut self) -> i64 {
        self.0 += 1;
        self.0
    }
}

/// A sequence per kind of record.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    pub contact: Seq,
    pub activity: Seq,
    pub deal: Seq,
    pub referral: Seq,
    pub certification: Seq,
    pub nps: Seq,
    pub qbr: Seq,
    pub checklist: Seq,
    pub agenda: Seq,
    pub action: Seq,
    pub campaign: Seq,
    pub task: Seq,
    pub tier_change: Seq,
}
