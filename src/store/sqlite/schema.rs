//! The book's schema, as forward-only migrations.
//!
//! Each migration is frozen once released: a change is a new migration
//! appended to the list, never an edit. `user_version` records how far a
//! book has come; `application_id` marks the file as a partnerdeck book.

use rusqlite::{Transaction, params};
use rusqlite_migration::{HookError, HookResult, M, Migrations};

/// `application_id` of every partnerdeck book ("PDCK" in ASCII).
pub const APPLICATION_ID: i32 = 0x5044_434B;

/// Every migration, oldest first. Version N is `MIGRATIONS[..N]` applied.
const MIGRATIONS: &[&str] = &[
    V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15,
];

/// The schema version this build writes.
#[must_use]
pub fn latest_version() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// The migration list in `rusqlite_migration`'s form.
#[must_use]
pub fn migrations() -> Migrations<'static> {
    migrations_to(MIGRATIONS.len())
}

/// The first `version` migrations: a book as an older partnerdeck left it
/// (used to test upgrading from every earlier version).
#[must_use]
pub fn migrations_to(version: usize) -> Migrations<'static> {
    Migrations::new(
        MIGRATIONS
            .iter()
            .take(version)
            .enumerate()
            .map(|(i, sql)| {
                // v7 (index 6) rewrites constraints after its statements.
                if i == 6 {
                    M::up_with_hook(sql, relax_v7)
                } else if i == 10 {
                    // v11 lets a campaign be an onboarding plan.
                    M::up_with_hook(sql, relax_v11)
                } else {
                    M::up(sql)
                }
            })
            .collect(),
    )
}

/// v1: every entity of the book (docs/rules.md, "The book"), so later work adds behaviour, not schema churn.
const V1: &str = r"
PRAGMA application_id = 1346650955;

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE partners (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    type              TEXT NOT NULL CHECK (type IN ('technology','referral','reseller','affiliate','si','strategic','oem')),
    tier              TEXT NOT NULL CHECK (tier IN ('registered','silver','gold','platinum')),
    tier_since        TEXT NOT NULL,
    provisional_until TEXT,
    owner             TEXT NOT NULL DEFAULT '',
    lifecycle         TEXT NOT NULL CHECK (lifecycle IN ('recruit','onboard','enable','activate','grow')),
    fit               TEXT NOT NULL CHECK (fit IN ('strong','moderate','weak')),
    segment_override  TEXT CHECK (segment_override IN ('strategic','growth','stable','at_risk','long_tail')),
    region            TEXT NOT NULL DEFAULT '',
    website           TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    archived          INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);

CREATE TABLE contacts (
    id         INTEGER PRIMARY KEY,
    partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('executive_sponsor','partner_manager','technical','marketing','sales','other')),
    email      TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX contacts_partner ON contacts(partner_id);

CREATE TABLE activities (
    id         INTEGER PRIMARY KEY,
    partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('call','email','meeting','qbr','portal_login','training','event','note')),
    summary    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX activities_partner ON activities(partner_id, date);

CREATE TABLE revenue (
    partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    month      TEXT NOT NULL,
    sourced    INTEGER NOT NULL DEFAULT 0,
    influenced INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (partner_id, month)
);

CREATE TABLE deals (
    id            INTEGER PRIMARY KEY,
    partner_id    INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    value         INTEGER NOT NULL DEFAULT 0,
    registered    TEXT NOT NULL,
    stage         TEXT NOT NULL CHECK (stage IN ('registered','qualified','proposal','negotiation','won','lost')),
    stage_changed TEXT NOT NULL,
    closed        TEXT,
    attribution   TEXT NOT NULL CHECK (attribution IN ('sourced','influenced'))
);
CREATE INDEX deals_partner ON deals(partner_id, registered);

CREATE TABLE referrals (
    id         INTEGER PRIMARY KEY,
    partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    lead       TEXT NOT NULL DEFAULT '',
    qualified  INTEGER NOT NULL DEFAULT 0 CHECK (qualified IN (0, 1))
);
CREATE INDEX referrals_partner ON referrals(partner_id, date);

CREATE TABLE certifications (
    id         INTEGER PRIMARY KEY,
    partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    person     TEXT NOT NULL,
    name       TEXT NOT NULL,
    passed     TEXT NOT NULL,
    expires    TEXT NOT NULL
);
CREATE INDEX certifications_partner ON certifications(partner_id, passed);

CREATE TABLE nps (
    id         INTEGER PRIMARY KEY,
    partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    score      INTEGER NOT NULL CHECK (score BETWEEN -100 AND 100)
);
CREATE INDEX nps_partner ON nps(partner_id, date);

CREATE TABLE qbrs (
    id         INTEGER PRIMARY KEY,
    partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('planned','held','cancelled')),
    notes      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX qbrs_partner ON qbrs(partner_id, date);

CREATE TABLE qbr_checklist (
    id          INTEGER PRIMARY KEY,
    qbr_id      INTEGER NOT NULL REFERENCES qbrs(id) ON DELETE CASCADE,
    phase       TEXT NOT NULL CHECK (phase IN ('before','during','after')),
    title       TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    offset_days INTEGER NOT NULL,
    done        TEXT
);
CREATE INDEX qbr_checklist_qbr ON qbr_checklist(qbr_id);

CREATE TABLE qbr_agenda (
    id      INTEGER PRIMARY KEY,
    qbr_id  INTEGER NOT NULL REFERENCES qbrs(id) ON DELETE CASCADE,
    title   TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    notes   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX qbr_agenda_qbr ON qbr_agenda(qbr_id);

CREATE TABLE action_items (
    id     INTEGER PRIMARY KEY,
    qbr_id INTEGER NOT NULL REFERENCES qbrs(id) ON DELETE CASCADE,
    owner  TEXT NOT NULL CHECK (owner IN ('us','partner','both')),
    text   TEXT NOT NULL,
    due    TEXT,
    done   TEXT
);
CREATE INDEX action_items_qbr ON action_items(qbr_id);

CREATE TABLE campaigns (
    id             INTEGER PRIMARY KEY,
    partner_id     INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    type           TEXT NOT NULL CHECK (type IN ('joint_webinar','co_branded_content','email_swap','social','case_study','co_sponsored_event','bundle_offer')),
    launch         TEXT NOT NULL,
    objective      TEXT NOT NULL CHECK (objective IN ('awareness','leads','revenue')),
    audience       TEXT NOT NULL DEFAULT '',
    key_message    TEXT NOT NULL DEFAULT '',
    kpi            TEXT NOT NULL DEFAULT '',
    kpi_target     INTEGER NOT NULL DEFAULT 0,
    lead_model     TEXT NOT NULL DEFAULT '',
    budget_ours    INTEGER NOT NULL DEFAULT 0,
    budget_partner INTEGER NOT NULL DEFAULT 0,
    status         TEXT NOT NULL CHECK (status IN ('planning','live','done','cancelled')),
    registrants    INTEGER NOT NULL DEFAULT 0,
    attendees      INTEGER NOT NULL DEFAULT 0,
    demo_requests  INTEGER NOT NULL DEFAULT 0,
    sqls           INTEGER NOT NULL DEFAULT 0,
    opportunities  INTEGER NOT NULL DEFAULT 0,
    closed_won     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX campaigns_partner ON campaigns(partner_id, launch);

CREATE TABLE campaign_tasks (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    week        INTEGER NOT NULL,
    title       TEXT NOT NULL,
    owner       TEXT NOT NULL DEFAULT '',
    due         TEXT NOT NULL,
    done        TEXT
);
CREATE INDEX campaign_tasks_campaign ON campaign_tasks(campaign_id);

CREATE TABLE tier_changes (
    id          INTEGER PRIMARY KEY,
    partner_id  INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    from_tier   TEXT NOT NULL CHECK (from_tier IN ('registered','silver','gold','platinum')),
    to_tier     TEXT NOT NULL CHECK (to_tier IN ('registered','silver','gold','platinum')),
    date        TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    provisional INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1))
);
CREATE INDEX tier_changes_partner ON tier_changes(partner_id, date);
";

/// v2: cached summaries. Any change to the book's records (also one made
/// outside partnerdeck) marks them stale, by trigger; the check is one key
/// lookup per row, so bulk writes stay fast.
const V2: &str = r"
CREATE TABLE summaries (
    partner_id INTEGER PRIMARY KEY REFERENCES partners(id) ON DELETE CASCADE,
    data       BLOB NOT NULL
);

INSERT OR IGNORE INTO meta (key, value) VALUES ('summaries_key', 'stale');

CREATE TRIGGER partners_ins_stale AFTER INSERT ON partners
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER partners_upd_stale AFTER UPDATE ON partners
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER partners_del_stale AFTER DELETE ON partners
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER contacts_ins_stale AFTER INSERT ON contacts
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER contacts_upd_stale AFTER UPDATE ON contacts
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER contacts_del_stale AFTER DELETE ON contacts
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER activities_ins_stale AFTER INSERT ON activities
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER activities_upd_stale AFTER UPDATE ON activities
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER activities_del_stale AFTER DELETE ON activities
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER revenue_ins_stale AFTER INSERT ON revenue
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER revenue_upd_stale AFTER UPDATE ON revenue
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER revenue_del_stale AFTER DELETE ON revenue
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER deals_ins_stale AFTER INSERT ON deals
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER deals_upd_stale AFTER UPDATE ON deals
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER deals_del_stale AFTER DELETE ON deals
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER referrals_ins_stale AFTER INSERT ON referrals
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER referrals_upd_stale AFTER UPDATE ON referrals
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER referrals_del_stale AFTER DELETE ON referrals
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER certifications_ins_stale AFTER INSERT ON certifications
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER certifications_upd_stale AFTER UPDATE ON certifications
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER certifications_del_stale AFTER DELETE ON certifications
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER nps_ins_stale AFTER INSERT ON nps
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER nps_upd_stale AFTER UPDATE ON nps
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER nps_del_stale AFTER DELETE ON nps
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER qbrs_ins_stale AFTER INSERT ON qbrs
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER qbrs_upd_stale AFTER UPDATE ON qbrs
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER qbrs_del_stale AFTER DELETE ON qbrs
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER qbr_checklist_ins_stale AFTER INSERT ON qbr_checklist
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER qbr_checklist_upd_stale AFTER UPDATE ON qbr_checklist
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER qbr_checklist_del_stale AFTER DELETE ON qbr_checklist
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER qbr_agenda_ins_stale AFTER INSERT ON qbr_agenda
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER qbr_agenda_upd_stale AFTER UPDATE ON qbr_agenda
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER qbr_agenda_del_stale AFTER DELETE ON qbr_agenda
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER action_items_ins_stale AFTER INSERT ON action_items
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER action_items_upd_stale AFTER UPDATE ON action_items
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER action_items_del_stale AFTER DELETE ON action_items
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER campaigns_ins_stale AFTER INSERT ON campaigns
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER campaigns_upd_stale AFTER UPDATE ON campaigns
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER campaigns_del_stale AFTER DELETE ON campaigns
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER campaign_tasks_ins_stale AFTER INSERT ON campaign_tasks
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER campaign_tasks_upd_stale AFTER UPDATE ON campaign_tasks
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER campaign_tasks_del_stale AFTER DELETE ON campaign_tasks
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER tier_changes_ins_stale AFTER INSERT ON tier_changes
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER tier_changes_upd_stale AFTER UPDATE ON tier_changes
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER tier_changes_del_stale AFTER DELETE ON tier_changes
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
";

/// v3: the CRM's id of a row brought in from a CSV export (README, "CSV
/// import"), so importing the same export again updates rather than adds.
const V3: &str = r"
ALTER TABLE partners ADD COLUMN external_id TEXT;
ALTER TABLE contacts ADD COLUMN external_id TEXT;
ALTER TABLE deals ADD COLUMN external_id TEXT;
ALTER TABLE activities ADD COLUMN external_id TEXT;
";

/// v4: which contact an activity was with (a touch logged "with Ana").
/// A plain id, not a foreign key: deleting a contact (undoable) leaves the
/// activity as it was, and the detail shows no name for it.
const V4: &str = r"
ALTER TABLE activities ADD COLUMN contact_id INTEGER;
";

/// v5: each partner's facts (docs/architecture.md, "How the book becomes
/// summaries"): what the rules read of its records, one blob per partner,
/// so a new day re-scores from these instead of every row of history. A
/// change to any of a partner's records drops its blob, by trigger (edits
/// made with other tools count too); the next analysis writes it again.
/// The triggers end in `_stale` so a bulk write suspends them with the
/// others (and empties the table once).
const V5: &str = r"
CREATE TABLE partner_facts (
    partner_id INTEGER PRIMARY KEY REFERENCES partners(id) ON DELETE CASCADE,
    data       BLOB NOT NULL
);
CREATE TRIGGER contacts_ins_facts_stale AFTER INSERT ON contacts
    BEGIN DELETE FROM partner_facts WHERE partner_id = NEW.partner_id; END;
CREATE TRIGGER contacts_upd_facts_stale AFTER UPDATE ON contacts
    BEGIN DELETE FROM partner_facts WHERE partner_id IN (OLD.partner_id, NEW.partner_id); END;
CREATE TRIGGER contacts_del_facts_stale AFTER DELETE ON contacts
    BEGIN DELETE FROM partner_facts WHERE partner_id = OLD.partner_id; END;
CREATE TRIGGER activities_ins_facts_stale AFTER INSERT ON activities
    BEGIN DELETE FROM partner_facts WHERE partner_id = NEW.partner_id; END;
CREATE TRIGGER activities_upd_facts_stale AFTER UPDATE ON activities
    BEGIN DELETE FROM partner_facts WHERE partner_id IN (OLD.partner_id, NEW.partner_id); END;
CREATE TRIGGER activities_del_facts_stale AFTER DELETE ON activities
    BEGIN DELETE FROM partner_facts WHERE partner_id = OLD.partner_id; END;
CREATE TRIGGER revenue_ins_facts_stale AFTER INSERT ON revenue
    BEGIN DELETE FROM partner_facts WHERE partner_id = NEW.partner_id; END;
CREATE TRIGGER revenue_upd_facts_stale AFTER UPDATE ON revenue
    BEGIN DELETE FROM partner_facts WHERE partner_id IN (OLD.partner_id, NEW.partner_id); END;
CREATE TRIGGER revenue_del_facts_stale AFTER DELETE ON revenue
    BEGIN DELETE FROM partner_facts WHERE partner_id = OLD.partner_id; END;
CREATE TRIGGER deals_ins_facts_stale AFTER INSERT ON deals
    BEGIN DELETE FROM partner_facts WHERE partner_id = NEW.partner_id; END;
CREATE TRIGGER deals_upd_facts_stale AFTER UPDATE ON deals
    BEGIN DELETE FROM partner_facts WHERE partner_id IN (OLD.partner_id, NEW.partner_id); END;
CREATE TRIGGER deals_del_facts_stale AFTER DELETE ON deals
    BEGIN DELETE FROM partner_facts WHERE partner_id = OLD.partner_id; END;
CREATE TRIGGER referrals_ins_facts_stale AFTER INSERT ON referrals
    BEGIN DELETE FROM partner_facts WHERE partner_id = NEW.partner_id; END;
CREATE TRIGGER referrals_upd_facts_stale AFTER UPDATE ON referrals
    BEGIN DELETE FROM partner_facts WHERE partner_id IN (OLD.partner_id, NEW.partner_id); END;
CREATE TRIGGER referrals_del_facts_stale AFTER DELETE ON referrals
    BEGIN DELETE FROM partner_facts WHERE partner_id = OLD.partner_id; END;
CREATE TRIGGER certifications_ins_facts_stale AFTER INSERT ON certifications
    BEGIN DELETE FROM partner_facts WHERE partner_id = NEW.partner_id; END;
CREATE TRIGGER certifications_upd_facts_stale AFTER UPDATE ON certifications
    BEGIN DELETE FROM partner_facts WHERE partner_id IN (OLD.partner_id, NEW.partner_id); END;
CREATE TRIGGER certifications_del_facts_stale AFTER DELETE ON certifications
    BEGIN DELETE FROM partner_facts WHERE partner_id = OLD.partner_id; END;
CREATE TRIGGER nps_ins_facts_stale AFTER INSERT ON nps
    BEGIN DELETE FROM partner_facts WHERE partner_id = NEW.partner_id; END;
CREATE TRIGGER nps_upd_facts_stale AFTER UPDATE ON nps
    BEGIN DELETE FROM partner_facts WHERE partner_id IN (OLD.partner_id, NEW.partner_id); END;
CREATE TRIGGER nps_del_facts_stale AFTER DELETE ON nps
    BEGIN DELETE FROM partner_facts WHERE partner_id = OLD.partner_id; END;
CREATE TRIGGER qbrs_ins_facts_stale AFTER INSERT ON qbrs
    BEGIN DELETE FROM partner_facts WHERE partner_id = NEW.partner_id; END;
CREATE TRIGGER qbrs_upd_facts_stale AFTER UPDATE ON qbrs
    BEGIN DELETE FROM partner_facts WHERE partner_id IN (OLD.partner_id, NEW.partner_id); END;
CREATE TRIGGER qbrs_del_facts_stale AFTER DELETE ON qbrs
    BEGIN DELETE FROM partner_facts WHERE partner_id = OLD.partner_id; END;
CREATE TRIGGER campaigns_ins_facts_stale AFTER INSERT ON campaigns
    BEGIN DELETE FROM partner_facts WHERE partner_id = NEW.partner_id; END;
CREATE TRIGGER campaigns_upd_facts_stale AFTER UPDATE ON campaigns
    BEGIN DELETE FROM partner_facts WHERE partner_id IN (OLD.partner_id, NEW.partner_id); END;
CREATE TRIGGER campaigns_del_facts_stale AFTER DELETE ON campaigns
    BEGIN DELETE FROM partner_facts WHERE partner_id = OLD.partner_id; END;
CREATE TRIGGER tier_changes_ins_facts_stale AFTER INSERT ON tier_changes
    BEGIN DELETE FROM partner_facts WHERE partner_id = NEW.partner_id; END;
CREATE TRIGGER tier_changes_upd_facts_stale AFTER UPDATE ON tier_changes
    BEGIN DELETE FROM partner_facts WHERE partner_id IN (OLD.partner_id, NEW.partner_id); END;
CREATE TRIGGER tier_changes_del_facts_stale AFTER DELETE ON tier_changes
    BEGIN DELETE FROM partner_facts WHERE partner_id = OLD.partner_id; END;
CREATE TRIGGER qbr_checklist_ins_facts_stale AFTER INSERT ON qbr_checklist
    BEGIN DELETE FROM partner_facts WHERE partner_id = (SELECT partner_id FROM qbrs WHERE id = NEW.qbr_id); END;
CREATE TRIGGER qbr_checklist_upd_facts_stale AFTER UPDATE ON qbr_checklist
    BEGIN DELETE FROM partner_facts WHERE partner_id IN ((SELECT partner_id FROM qbrs WHERE id = OLD.qbr_id), (SELECT partner_id FROM qbrs WHERE id = NEW.qbr_id)); END;
CREATE TRIGGER qbr_checklist_del_facts_stale AFTER DELETE ON qbr_checklist
    BEGIN DELETE FROM partner_facts WHERE partner_id = (SELECT partner_id FROM qbrs WHERE id = OLD.qbr_id); END;
CREATE TRIGGER qbr_agenda_ins_facts_stale AFTER INSERT ON qbr_agenda
    BEGIN DELETE FROM partner_facts WHERE partner_id = (SELECT partner_id FROM qbrs WHERE id = NEW.qbr_id); END;
CREATE TRIGGER qbr_agenda_upd_facts_stale AFTER UPDATE ON qbr_agenda
    BEGIN DELETE FROM partner_facts WHERE partner_id IN ((SELECT partner_id FROM qbrs WHERE id = OLD.qbr_id), (SELECT partner_id FROM qbrs WHERE id = NEW.qbr_id)); END;
CREATE TRIGGER qbr_agenda_del_facts_stale AFTER DELETE ON qbr_agenda
    BEGIN DELETE FROM partner_facts WHERE partner_id = (SELECT partner_id FROM qbrs WHERE id = OLD.qbr_id); END;
CREATE TRIGGER action_items_ins_facts_stale AFTER INSERT ON action_items
    BEGIN DELETE FROM partner_facts WHERE partner_id = (SELECT partner_id FROM qbrs WHERE id = NEW.qbr_id); END;
CREATE TRIGGER action_items_upd_facts_stale AFTER UPDATE ON action_items
    BEGIN DELETE FROM partner_facts WHERE partner_id IN ((SELECT partner_id FROM qbrs WHERE id = OLD.qbr_id), (SELECT partner_id FROM qbrs WHERE id = NEW.qbr_id)); END;
CREATE TRIGGER action_items_del_facts_stale AFTER DELETE ON action_items
    BEGIN DELETE FROM partner_facts WHERE partner_id = (SELECT partner_id FROM qbrs WHERE id = OLD.qbr_id); END;
CREATE TRIGGER campaign_tasks_ins_facts_stale AFTER INSERT ON campaign_tasks
    BEGIN DELETE FROM partner_facts WHERE partner_id = (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id); END;
CREATE TRIGGER campaign_tasks_upd_facts_stale AFTER UPDATE ON campaign_tasks
    BEGIN DELETE FROM partner_facts WHERE partner_id IN ((SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id), (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id)); END;
CREATE TRIGGER campaign_tasks_del_facts_stale AFTER DELETE ON campaign_tasks
    BEGIN DELETE FROM partner_facts WHERE partner_id = (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id); END;
";

/// v6: each partner's list row and Today lines, kept beside its cached
/// summary under the same key (docs/architecture.md, "The first frame"):
/// the cockpit's first frame reads these small rows, not every summary.
/// Today's lines sit in a column of their own, read only when Today is
/// shown; NULL when the partner has none.
const V6: &str = r"
CREATE TABLE list_rows (
    partner_id INTEGER PRIMARY KEY REFERENCES partners(id) ON DELETE CASCADE,
    row        BLOB NOT NULL,
    today      BLOB
);
UPDATE meta SET value = 'stale' WHERE key = 'summaries_key';
";

/// v7: what a CRM export brings (docs/rules.md, "CSV import"): a partner
/// with no type yet (a CRM's "Other"), a deal with no amount yet, a `crm`
/// touch (the CRM's last activity date) and the day a partner joined (NULL
/// reads as its created date). The constraints are relaxed by
/// [`relax_v7`], as `SQLite` documents for changes that leave every stored
/// row valid (no table is copied: a book of 50,000 partners upgrades at once).
const V7: &str = r"
ALTER TABLE partners ADD COLUMN joined TEXT;
UPDATE meta SET value = 'stale' WHERE key = 'summaries_key';
";

/// v8: what a calendar needs to tell books and revisions apart
/// (docs/rules.md, "Campaign calendar"): a random id for the book, made
/// once, so two books' task events never share a UID; and how many times
/// each task's due date moved, its events' SEQUENCE.
const V8: &str = r"
ALTER TABLE campaign_tasks ADD COLUMN moves INTEGER NOT NULL DEFAULT 0 CHECK (moves >= 0);
INSERT OR IGNORE INTO meta (key, value) VALUES ('book_id', lower(hex(randomblob(8))));
UPDATE meta SET value = 'stale' WHERE key = 'summaries_key';
";

/// v9: results as each campaign type counts them (docs/rules.md, "Campaign
/// results"): an email swap's sends, opens and clicks, a social campaign's
/// reach and engagements, content downloads.
const V9: &str = r"
ALTER TABLE campaigns ADD COLUMN sends       INTEGER NOT NULL DEFAULT 0 CHECK (sends >= 0);
ALTER TABLE campaigns ADD COLUMN opens       INTEGER NOT NULL DEFAULT 0 CHECK (opens >= 0);
ALTER TABLE campaigns ADD COLUMN clicks      INTEGER NOT NULL DEFAULT 0 CHECK (clicks >= 0);
ALTER TABLE campaigns ADD COLUMN reach       INTEGER NOT NULL DEFAULT 0 CHECK (reach >= 0);
ALTER TABLE campaigns ADD COLUMN engagements INTEGER NOT NULL DEFAULT 0 CHECK (engagements >= 0);
ALTER TABLE campaigns ADD COLUMN downloads   INTEGER NOT NULL DEFAULT 0 CHECK (downloads >= 0);
UPDATE meta SET value = 'stale' WHERE key = 'summaries_key';
";

/// v10: campaign results in money (docs/rules.md, "MDF accountability"):
/// the pipeline a campaign brought and the revenue closed-won from it.
const V10: &str = r"
ALTER TABLE campaigns ADD COLUMN pipeline_value   INTEGER NOT NULL DEFAULT 0 CHECK (pipeline_value >= 0);
ALTER TABLE campaigns ADD COLUMN closed_won_value INTEGER NOT NULL DEFAULT 0 CHECK (closed_won_value >= 0);
UPDATE meta SET value = 'stale' WHERE key = 'summaries_key';
";

/// v11: recruit and onboard (docs/rules.md, "Lifecycle clock", "Prospects
/// and the scorecard", "Onboarding plan"): each dated move from one
/// lifecycle stage to another, a prospect's qualification scorecard, and
/// campaigns of type `onboarding` (the onboarding plan; the type check is
/// relaxed by [`relax_v11`]).
const V11: &str = r"
CREATE TABLE stage_changes (
    id         INTEGER PRIMARY KEY,
    partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    from_stage TEXT NOT NULL CHECK (from_stage IN ('recruit','onboard','enable','activate','grow')),
    to_stage   TEXT NOT NULL CHECK (to_stage IN ('recruit','onboard','enable','activate','grow')),
    date       TEXT NOT NULL
);
CREATE INDEX stage_changes_partner ON stage_changes(partner_id, date);
CREATE TABLE scorecards (
    partner_id           INTEGER PRIMARY KEY REFERENCES partners(id) ON DELETE CASCADE,
    date                 TEXT NOT NULL,
    customer_overlap     INTEGER NOT NULL CHECK (customer_overlap BETWEEN 1 AND 5),
    product_synergy      INTEGER NOT NULL CHECK (product_synergy BETWEEN 1 AND 5),
    sales_capacity       INTEGER NOT NULL CHECK (sales_capacity BETWEEN 1 AND 5),
    marketing_capability INTEGER NOT NULL CHECK (marketing_capability BETWEEN 1 AND 5),
    technical_depth      INTEGER NOT NULL CHECK (technical_depth BETWEEN 1 AND 5),
    brand_alignment      INTEGER NOT NULL CHECK (brand_alignment BETWEEN 1 AND 5),
    commitment_level     INTEGER NOT NULL CHECK (commitment_level BETWEEN 1 AND 5),
    red_flags            TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER stage_changes_ins_stale AFTER INSERT ON stage_changes
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER stage_changes_upd_stale AFTER UPDATE ON stage_changes
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER stage_changes_del_stale AFTER DELETE ON stage_changes
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER scorecards_ins_stale AFTER INSERT ON scorecards
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER scorecards_upd_stale AFTER UPDATE ON scorecards
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER scorecards_del_stale AFTER DELETE ON scorecards
    WHEN (SELECT value FROM meta WHERE key = 'summaries_key') <> 'stale'
    BEGIN UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'; END;
CREATE TRIGGER stage_changes_ins_facts_stale AFTER INSERT ON stage_changes
    BEGIN DELETE FROM partner_facts WHERE partner_id = NEW.partner_id; END;
CREATE TRIGGER stage_changes_upd_facts_stale AFTER UPDATE ON stage_changes
    BEGIN DELETE FROM partner_facts WHERE partner_id IN (OLD.partner_id, NEW.partner_id); END;
CREATE TRIGGER stage_changes_del_facts_stale AFTER DELETE ON stage_changes
    BEGIN DELETE FROM partner_facts WHERE partner_id = OLD.partner_id; END;
CREATE TRIGGER scorecards_ins_facts_stale AFTER INSERT ON scorecards
    BEGIN DELETE FROM partner_facts WHERE partner_id = NEW.partner_id; END;
CREATE TRIGGER scorecards_upd_facts_stale AFTER UPDATE ON scorecards
    BEGIN DELETE FROM partner_facts WHERE partner_id IN (OLD.partner_id, NEW.partner_id); END;
CREATE TRIGGER scorecards_del_facts_stale AFTER DELETE ON scorecards
    BEGIN DELETE FROM partner_facts WHERE partner_id = OLD.partner_id; END;
UPDATE meta SET value = 'stale' WHERE key = 'summaries_key';
";

/// v12: the company's whole revenue by month, what the program's revenue
/// shares are a share of (docs/rules.md, "Program numbers"). No partner's
/// score reads it, so it leaves the summaries alone.
const V12: &str = r"
CREATE TABLE company_revenue (
    month  TEXT PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    amount INTEGER NOT NULL CHECK (amount >= 0)
);
";

/// v13: the QBRs board's lines answered from an index: each QBR's "before"
/// items counted, and the next one not done found, from the index alone
/// (at 50,000 partners, 1.2 million items, the lines query reads about a
/// third of the pages it did). It starts with `qbr_id`, so it serves every
/// lookup the index it replaces did.
const V13: &str = r"
CREATE INDEX qbr_checklist_prep ON qbr_checklist(qbr_id, phase, done, offset_days);
DROP INDEX qbr_checklist_qbr;
";

/// v14: the lists screens read whole (the QBR lines, the campaigns list,
/// the tier statuses), each kept encoded once read (`store::kept`), for as
/// long as the summary cache's key is not changed: any change to it, which
/// every write of the book's records makes, forgets them all. The triggers'
/// names do not end in `_stale`, so a bulk write, which suspends those,
/// still forgets them when it marks the cache stale.
const V14: &str = r"
CREATE TABLE kept_lists (
    what TEXT PRIMARY KEY,
    key  TEXT NOT NULL,
    arg  TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE TRIGGER kept_lists_forget_ins AFTER INSERT ON meta WHEN NEW.key = 'summaries_key'
    BEGIN DELETE FROM kept_lists; END;
CREATE TRIGGER kept_lists_forget_upd AFTER UPDATE ON meta
    WHEN NEW.key = 'summaries_key' OR OLD.key = 'summaries_key'
    BEGIN DELETE FROM kept_lists; END;
CREATE TRIGGER kept_lists_forget_del AFTER DELETE ON meta WHEN OLD.key = 'summaries_key'
    BEGIN DELETE FROM kept_lists; END;
";

/// v15: the book's change count (`meta.book_changes`), which the change
/// token of a book file reads (`sqlite/changes.rs`): one more for every
/// write of `summaries_key` — which every write of the book's records
/// makes — and of the company's revenue, so a commit that only keeps a
/// screen's list (`kept_lists`) is not taken for a change of the book. The
/// triggers' names do not end in `_stale`: a bulk write counts too.
const V15: &str = r"
INSERT OR IGNORE INTO meta (key, value) VALUES ('book_changes', '0');
CREATE TRIGGER book_changes_key_ins AFTER INSERT ON meta WHEN NEW.key = 'summaries_key'
    BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'book_changes'; END;
CREATE TRIGGER book_changes_key_upd AFTER UPDATE ON meta
    WHEN NEW.key = 'summaries_key' OR OLD.key = 'summaries_key'
    BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'book_changes'; END;
CREATE TRIGGER book_changes_key_del AFTER DELETE ON meta WHEN OLD.key = 'summaries_key'
    BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'book_changes'; END;
CREATE TRIGGER book_changes_revenue_ins AFTER INSERT ON company_revenue
    BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'book_changes'; END;
CREATE TRIGGER book_changes_revenue_upd AFTER UPDATE ON company_revenue
    BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'book_changes'; END;
CREATE TRIGGER book_changes_revenue_del AFTER DELETE ON company_revenue
    BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'book_changes'; END;
";

/// The campaign type check v11 relaxes: table, the text as v1 wrote it, the
/// new text.
const V11_RELAXED: [(&str, &str, &str); 1] = [(
    "campaigns",
    "'co_sponsored_event','bundle_offer'))",
    "'co_sponsored_event','bundle_offer','onboarding'))",
)];

fn relax_v11(tx: &Transaction) -> HookResult {
    relax(tx, &V11_RELAXED)
}

/// Each constraint v7 relaxes: table, the text as v1 wrote it, the new text.
const V7_RELAXED: [(&str, &str, &str); 3] = [
    (
        "partners",
        "type              TEXT NOT NULL CHECK",
        "type              TEXT CHECK",
    ),
    (
        "deals",
        "value         INTEGER NOT NULL DEFAULT 0,",
        "value         INTEGER,",
    ),
    (
        "activities",
        "'training','event','note'))",
        "'training','event','note','crm'))",
    ),
];

/// Rewrite the constraints of [`V7_RELAXED`] in the schema text, bumping
/// the schema version so every connection reads the new text
/// (<https://www.sqlite.org/lang_altertable.html>, "Making Other Kinds Of
/// Table Schema Changes": relaxing a constraint leaves every row valid).
fn relax_v7(tx: &Transaction) -> HookResult {
    relax(tx, &V7_RELAXED)
}

/// Rewrite each `(table, from, to)` constraint text of the schema.
fn relax(tx: &Transaction, rewrites: &[(&str, &str, &str)]) -> HookResult {
    let version: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    tx.execute_batch("PRAGMA writable_schema = ON")?;
    for &(table, from, to) in rewrites {
        let changed = tx.execute(
            "UPDATE sqlite_schema SET sql = replace(sql, ?2, ?3) \
             WHERE type = 'table' AND name = ?1 AND instr(sql, ?2) > 0",
            params![table, from, to],
        )?;
        if changed != 1 {
            return Err(HookError::Hook(format!(
                "the {table} table is not as partnerdeck made it"
            )));
        }
    }
    tx.execute_batch(&format!("PRAGMA schema_version = {}", version + 1))?;
    tx.execute_batch("PRAGMA writable_schema = OFF")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v7_takes_deals_without_an_amount_and_partners_without_a_type() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("memory");
        migrations().to_latest(&mut conn).expect("migrated");
        conn.execute_batch(
            "INSERT INTO partners (id, name, type, tier, tier_since, lifecycle, fit, created_at, updated_at) \
             VALUES (1, 'Acme', NULL, 'registered', '2026-01-01', 'recruit', 'weak', 'x', 'x'); \
             INSERT INTO deals (id, partner_id, name, value, registered, stage, stage_changed, attribution) \
             VALUES (1, 1, 'Pilot', NULL, '2026-01-01', 'registered', '2026-01-01', 'sourced'); \
             INSERT INTO activities (partner_id, date, kind, summary) VALUES (1, '2026-01-02', 'crm', '');",
        )
        .expect("relaxed");
        let bad = conn.execute(
            "INSERT INTO activities (partner_id, date, kind, summary) VALUES (1, '2026-01-02', 'lunch', '')",
            [],
        );
        assert!(bad.is_err(), "the other kinds are still checked");
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("check");
        assert_eq!(check, "ok");
    }

    #[test]
    fn migrations_are_valid() {
        assert!(migrations().validate().is_ok());
    }

    #[test]
    fn application_id_in_v1_matches_the_constant() {
        assert!(V1.contains(&format!("PRAGMA application_id = {APPLICATION_ID};")));
    }
}
