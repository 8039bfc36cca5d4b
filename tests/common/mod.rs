//! Shared fixtures for integration tests: a small book with every kind of record.
#![allow(dead_code)]

pub mod csv;
pub mod pg;
pub mod tmux;

use partnerdeck::analyse::Analyse;
use partnerdeck::domain::book::{
    ActionItem, Activity, ActivityKind, Attribution, Book, Campaign, CampaignResults,
    CampaignStatus, CampaignType, Certification, Contact, ContactRole, Deal, DealStage,
    NpsResponse, Objective, PartnerFile, PartnerType, QbrStatus, Referral, Revenue, Side,
    StrategicFit, Tier, TierChange, YearMonth,
};
use partnerdeck::domain::campaigns::template_tasks;
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::qbr::new_qbr;
use partnerdeck::domain::testing::{date, partner_file};

/// A demo book of `partners` partners made by the binary as of `today`
/// (as `partnerdeck demo` makes it) at `dir/name`.
pub fn demo_file(
    dir: &std::path::Path,
    name: &str,
    today: &str,
    partners: usize,
) -> std::path::PathBuf {
    let path = dir.join(name);
    assert_cmd::Command::cargo_bin("partnerdeck")
        .expect("binary")
        .args(["--db", path.to_str().expect("utf-8"), "--today", today])
        .args(["demo", "--partners", &partners.to_string()])
        .env_remove("PARTNERDECK_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent/partnerdeck-test")
        .assert()
        .success();
    path
}

/// Give every record in the book a unique id per kind, like the store does.
pub fn number(book: &mut Book) {
    let mut next = std::collections::HashMap::<&str, i64>::new();
    let mut id = |kind: &'static str| {
        let n = next.entry(kind).or_insert(0);
        *n += 1;
        *n
    };
    for f in &mut book.partners {
        f.partner.id = id("partner");
        f.contacts.iter_mut().for_each(|c| c.id = id("contact"));
        f.activities.iter_mut().for_each(|a| a.id = id("activity"));
        f.deals.iter_mut().for_each(|d| d.id = id("deal"));
        f.referrals.iter_mut().for_each(|r| r.id = id("referral"));
        f.certifications.iter_mut().for_each(|c| c.id = id("cert"));
        f.nps.iter_mut().for_each(|n| n.id = id("nps"));
        for q in &mut f.qbrs {
            q.id = id("qbr");
            q.checklist.iter_mut().for_each(|c| c.id = id("check"));
            q.agenda.iter_mut().for_each(|a| a.id = id("agenda"));
            q.actions.iter_mut().for_each(|a| a.id = id("action"));
        }
        for c in &mut f.campaigns {
            c.id = id("campaign");
            c.tasks.iter_mut().for_each(|t| t.id = id("task"));
        }
        f.tier_changes.iter_mut().for_each(|t| t.id = id("tier"));
        f.normalize();
    }
}

/// A Gold reseller with a full file, as of late November 2026.
#[allow(clippy::too_many_lines)] // one record of every kind, written out
pub fn northwind(cfg: &ProgramConfig) -> PartnerFile {
    let mut f = partner_file("Northwind Traders");
    f.partner.kind = Some(PartnerType::Reseller);
    f.partner.tier = Tier::Gold;
    f.partner.fit = StrategicFit::Strong;
    f.partner.notes = "Prefers Thursday calls.\nCFO is the real sponsor.".into();
    f.contacts = vec![
        Contact {
            id: 0,
            name: "Ana Ruiz".into(),
            role: ContactRole::PartnerManager,
            email: "ana@northwind.example".into(),
            phone: "+1 555 0100".into(),
            active: true,
        },
        Contact {
            id: 0,
            name: "Bo Chen".into(),
            role: ContactRole::ExecutiveSponsor,
            email: "bo@northwind.example".into(),
            phone: String::new(),
            active: true,
        },
    ];
    f.activities = vec![
        Activity {
            id: 0,
            date: date(2026, 11, 20),
            kind: ActivityKind::Call,
            summary: "Pipeline sync".into(),
            contact: None,
        },
        Activity {
            id: 0,
            date: date(2026, 11, 18),
            kind: ActivityKind::PortalLogin,
            summary: String::new(),
            contact: None,
        },
    ];
    for m in 0..24 {
        f.revenue.push(Revenue {
            month: YearMonth {
                year: 2024,
                month: 12,
            }
            .plus(m),
            sourced: 9_000 + m * 100,
            influenced: 2_000,
        });
    }
    f.deals = vec![
        Deal {
            id: 0,
            name: "Fabrikam expansion".into(),
            value: Some(48_000),
            registered: date(2026, 10, 1),
            stage: DealStage::Proposal,
            stage_changed: date(2026, 10, 10),
            closed: None,
            attribution: Attribution::Sourced,
        },
        Deal {
            id: 0,
            name: "Contoso renewal".into(),
            value: Some(30_000),
            registered: date(2026, 6, 1),
            stage: DealStage::Won,
            stage_changed: date(2026, 8, 1),
            closed: Some(date(2026, 8, 1)),
            attribution: Attribution::Influenced,
        },
    ];
    f.referrals = vec![Referral {
        id: 0,
        date: date(2026, 9, 9),
        lead: "Tailspin".into(),
        qualified: true,
    }];
    f.certifications = vec![
        Certification {
            id: 0,
            person: "Ana Ruiz".into(),
            name: "Sales Pro".into(),
            passed: date(2026, 3, 1),
            expires: date(2027, 3, 1),
        },
        Certification {
            id: 0,
            person: "Bo Chen".into(),
            name: "Tech Pro".into(),
            passed: date(2026, 5, 1),
            expires: date(2027, 5, 1),
        },
    ];
    f.nps = vec![NpsResponse {
        id: 0,
        date: date(2026, 9, 15),
        score: 42,
    }];
    let mut held = new_qbr(date(2026, 8, 20), cfg);
    held.status = QbrStatus::Held;
    held.notes = "Good quarter.".into();
    held.actions = vec![
        ActionItem {
            id: 0,
            owner: Side::Us,
            text: "Send demo environment credentials".into(),
            due: Some(date(2026, 11, 17)),
            done: None,
        },
        ActionItem {
            id: 0,
            owner: Side::Partner,
            text: "Submit Q1 marketing plan".into(),
            due: None,
            done: Some(date(2026, 9, 1)),
        },
    ];
    let mut next = new_qbr(date(2026, 11, 26), cfg);
    next.checklist[0].done = Some(date(2026, 11, 19));
    f.qbrs = vec![held, next];
    let launch = date(2026, 12, 10);
    f.campaigns = vec![Campaign {
        id: 0,
        name: "Q4 webinar with Northwind".into(),
        kind: CampaignType::JointWebinar,
        launch,
        objective: Objective::Leads,
        audience: "RevOps leaders".into(),
        key_message: "Automate your pipeline".into(),
        kpi: "registrants".into(),
        kpi_target: 300,
        lead_model: "50/50".into(),
        budget_ours: 4_000,
        budget_partner: 3_000,
        status: CampaignStatus::Planning,
        results: CampaignResults {
            registrants: 120,
            ..CampaignResults::default()
        },
        tasks: template_tasks(CampaignType::JointWebinar, launch, cfg),
    }];
    f.tier_changes = vec![TierChange {
        id: 0,
        from: Tier::Silver,
        to: Tier::Gold,
        date: date(2025, 3, 1),
        reason: "$112K sourced ARR".into(),
        provisional: false,
    }];
    f
}

/// A small book: Northwind plus two thin partners (one with a CJK name).
pub fn small_book() -> Book {
    let cfg = ProgramConfig::default();
    let mut book = Book {
        partners: vec![
            northwind(&cfg),
            partner_file("Litware"),
            partner_file("株式会社サンプル"),
        ],
        ..Default::default()
    };
    number(&mut book);
    book
}

/// The cockpit over `book` in an in-memory store, as of `today`, at `w` x `h`.
pub fn app(book: &Book, today: chrono::NaiveDate, w: u16, h: u16) -> partnerdeck::ui::app::App {
    let mut store = partnerdeck::store::Store::open_in_memory().expect("memory book");
    store.replace_book(book).expect("write book");
    let cfg = ProgramConfig::default();
    let analysed = store.analyse(today, &cfg).expect("analyse");
    let model = partnerdeck::ui::model::Model::new(analysed, cfg, today, "test".into());
    partnerdeck::ui::app::App::new(
        model,
        Some(store),
        partnerdeck::ui::theme::Theme::mono(),
        ratatui::layout::Rect::new(0, 0, w, h),
    )
}

/// Press keys given as text: each char is a key; `<Enter>`, `<Esc>`, `<Tab>`,
/// `<Down>`, `<Up>`, `<BS>` name special keys, `<lt>` is `<` itself, `<C-r>`
/// is Ctrl-r.
pub fn keys(app: &mut partnerdeck::ui::app::App, text: &str) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(ctrl) = rest.strip_prefix("<C-") {
            let letter = ctrl.chars().next().expect("a letter after <C-");
            app.on_key(KeyEvent::new(KeyCode::Char(letter), KeyModifiers::CONTROL));
            rest = &ctrl[letter.len_utf8() + 1..];
            continue;
        }
        let (code, len) = if c == '<' {
            let end = rest.find('>').expect("closing >");
            let code = match &rest[1..end] {
                "Enter" => KeyCode::Enter,
                "Esc" => KeyCode::Esc,
                "Tab" => KeyCode::Tab,
                "BackTab" => KeyCode::BackTab,
                "Down" => KeyCode::Down,
                "Up" => KeyCode::Up,
                "Right" => KeyCode::Right,
                "Left" => KeyCode::Left,
                "BS" => KeyCode::Backspace,
                "PgDn" => KeyCode::PageDown,
                "lt" => KeyCode::Char('<'),
                other => panic!("unknown key <{other}>"),
            };
            (code, end + 1)
        } else {
            (KeyCode::Char(c), c.len_utf8())
        };
        let mods = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.on_key(KeyEvent::new(code, mods));
        rest = &rest[len..];
    }
}

/// The app drawn as text.
pub fn screen(app: &partnerdeck::ui::app::App) -> String {
    partnerdeck::ui::snapshot::frame_text(app, app.size.width, app.size.height)
}

/// Log a touch on a partner through the edit pipeline, as the cockpit does.
pub fn log_touch(
    store: &mut partnerdeck::store::Store,
    partner: &partnerdeck::domain::book::Partner,
    day: chrono::NaiveDate,
    kind: partnerdeck::domain::book::ActivityKind,
    summary: &str,
) -> Result<partnerdeck::store::Edited, partnerdeck::store::StoreError> {
    use partnerdeck::domain::edit::{Change, Edit, PartnerRef};
    let edit = Edit {
        partner: PartnerRef {
            id: partner.id,
            name: partner.name.clone(),
        },
        change: Change::AddActivity(partnerdeck::domain::book::Activity {
            id: 0,
            date: day,
            kind,
            summary: summary.into(),
            contact: None,
        }),
    };
    store.apply_edit(&edit, day, &ProgramConfig::default())
}

/// The Partners screen's state.
pub fn partners(
    app: &partnerdeck::ui::app::App,
) -> &partnerdeck::ui::screens::partners::PartnersState {
    app.screen_of(partnerdeck::ui::tab::Tab::Partners)
        .expect("the Partners screen")
}

/// Today's state.
pub fn today_state(
    app: &partnerdeck::ui::app::App,
) -> &partnerdeck::ui::screens::today::TodayState {
    app.screen_of(partnerdeck::ui::tab::Tab::Today)
        .expect("the Today screen")
}

/// A book file holding [`small_book`], in a temporary folder.
pub fn stored_small_book() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("book.db");
    partnerdeck::store::Store::open(&path)
        .and_then(|mut s| s.replace_book(&small_book()))
        .expect("book");
    (dir, path)
}
