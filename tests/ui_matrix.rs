//! The Partner Value Matrix on the Partners screen (`m`): quadrants, the
//! selected partner, filters, and every terminal size.

mod common;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use partnerdeck::domain::analysis::place;
use partnerdeck::domain::book::{Book, ContactRole, PartnerType, StrategicFit};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::matrix::{Quadrant, QuadrantCounts};
use partnerdeck::domain::testing::{FileBuilder, contact, date, month, partner_file};
use partnerdeck::ui::action::Action;
use partnerdeck::ui::app::App;
use partnerdeck::ui::model::Model;
use partnerdeck::ui::screens::partners::PartnersState;
use partnerdeck::ui::snapshot::{buffer_text, frame_text};
use partnerdeck::ui::tab::Tab;
use partnerdeck::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn today() -> NaiveDate {
    date(2026, 11, 25)
}

/// `n` partners across every type, fit and revenue from $0 to about $3M.
fn varied_book(n: usize) -> Book {
    const NAMES: [&str; 12] = [
        "Northwind Traders",
        "Litware",
        "Contoso",
        "Fabrikam",
        "Tailspin Toys",
        "Coho Winery",
        "Proseware",
        "Trey Research",
        "Adventure Works",
        "Wide World Importers",
        "株式会社サンプル",
        "Café Olé",
    ];
    let fits = [
        StrategicFit::Strong,
        StrategicFit::Moderate,
        StrategicFit::Weak,
    ];
    let mut partners = Vec::new();
    for i in 0..n {
        let name = if i < NAMES.len() {
            NAMES[i].to_string()
        } else {
            format!("{} {}", NAMES[i % NAMES.len()], i / NAMES.len() + 1)
        };
        let monthly = [
            0, 40, 300, 900, 2_500, 6_000, 8_400, 15_000, 60_000, 250_000,
        ][(i * 7) % 10];
        let mut f = partner_file(&name).with_revenue(month(2026, 10), monthly * 12, 0);
        f.partner.kind = Some(PartnerType::ALL[i % PartnerType::ALL.len()]);
        f.partner.fit = fits[(i / 2) % 3];
        if i % 3 == 0 {
            f = f.with_contact(contact("Bo Chen", ContactRole::ExecutiveSponsor));
        }
        partners.push(f);
    }
    let mut book = Book {
        partners,
        ..Default::default()
    };
    common::number(&mut book);
    book
}

fn app(book: Book, width: u16, height: u16) -> App {
    let model = Model::from_book(book, ProgramConfig::default(), today(), "test".into());
    let mut app = App::new(model, None, Theme::mono(), Rect::new(0, 0, width, height));
    app.update(Action::GoTo(Tab::Partners));
    app.on_key(KeyEvent::new(KeyCode::Char('m'), KeyModifiers::NONE));
    assert!(common::partners(&app).matrix, "m shows the matrix");
    app
}

fn selected_name(app: &App) -> String {
    let id = common::partners(app)
        .selected_id(&app.model)
        .expect("a partner is selected");
    app.model
        .partner(id)
        .expect("selected partner")
        .name
        .clone()
}

#[test]
fn the_matrix_names_its_quadrants_axes_and_the_selected_partner() {
    for (w, h) in [(80, 24), (120, 40), (160, 48)] {
        let app = app(varied_book(40), w, h);
        let text = frame_text(&app, w, h);
        for title in [
            "Technology Partners · invest",
            "Strategic Alliances · core",
            "Affiliate Partners · automate",
            "Channel Partners · harvest",
        ] {
            assert!(text.contains(title), "{title} at {w}x{h}:\n{text}");
        }
        for axis in [
            "HIGH STRATEGIC VALUE",
            "LOW STRATEGIC VALUE",
            "LOW REVENUE",
            "HIGH REVENUE",
            "$100K",
        ] {
            assert!(text.contains(axis), "{axis} at {w}x{h}:\n{text}");
        }
        assert!(
            text.contains(&selected_name(&app)),
            "selected at {w}x{h}:\n{text}"
        );
        assert!(
            text.contains("strategic value "),
            "reason at {w}x{h}:\n{text}"
        );
    }
}

/// What the matrix counts per quadrant for the partners the dashboard shows.
fn shown_counts(app: &App) -> QuadrantCounts {
    let placements: Vec<_> = common::partners(app)
        .visible
        .iter()
        .map(|&i| {
            let id = app.model.rows[i].id;
            place(
                app.model.file(id).expect("file in memory"),
                app.model.summary(id).expect("summary in memory"),
                &app.model.config.matrix,
            )
        })
        .collect();
    QuadrantCounts::of(&placements)
}

fn assert_titles_count(text: &str, counts: QuadrantCounts) {
    for q in Quadrant::ALL {
        let title = format!(
            "{} · {} ({}) {}",
            q.title(),
            q.action(),
            q.subtitle(),
            counts.get(q)
        );
        assert!(text.contains(&title), "{title}:\n{text}");
    }
}

#[test]
fn quadrant_counts_and_subtitles_show_when_there_is_room() {
    let app = app(varied_book(40), 160, 48);
    let counts = shown_counts(&app);
    assert_eq!(counts.total(), 40);
    assert!(Quadrant::ALL.iter().all(|q| counts.get(*q) > 0));
    assert_titles_count(&frame_text(&app, 160, 48), counts);
}

#[test]
fn j_and_k_move_the_highlighted_partner() {
    let mut app = app(varied_book(12), 120, 40);
    let first = selected_name(&app);
    app.on_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    let second = selected_name(&app);
    assert_ne!(first, second);
    let text = frame_text(&app, 120, 40);
    assert!(text.contains(&format!("◉ {second} ·")), "{text}");
    assert!(text.contains("2 of 12"), "{text}");
}

#[test]
fn filters_apply_to_the_matrix() {
    let mut app = app(varied_book(40), 120, 40);
    type_keys(&mut app, "/Litware\n");
    let counts = shown_counts(&app);
    assert_eq!(counts.total(), 4, "four Litware partners");
    let text = frame_text(&app, 120, 40);
    assert_titles_count(&text, counts);
    assert!(text.contains("1 of 4"), "{text}");

    type_keys(&mut app, "\x1b/no such partner\n");
    let text = frame_text(&app, 120, 40);
    assert!(text.contains("no partners match"), "{text}");
}

#[test]
fn the_screen_renders_into_a_buffer_with_the_selected_partner() {
    let model = Model::from_book(
        common::small_book(),
        ProgramConfig::default(),
        today(),
        "t".into(),
    );
    let mut state = PartnersState {
        matrix: true,
        ..PartnersState::default()
    };
    state.rebuild(&model, 10);
    let area = Rect::new(0, 0, 100, 24);
    let mut buf = Buffer::empty(area);
    partnerdeck::ui::screens::partners::matrix::render(
        &state,
        &model,
        &Theme::color(),
        area,
        &mut buf,
    );
    let text = buffer_text(&buf);
    for title in Quadrant::ALL.map(Quadrant::title) {
        assert!(text.contains(title), "{title}:\n{text}");
    }
    let i = state.visible[state.cursor.selected];
    let name = &model.rows[i].name;
    assert!(text.contains(name.as_str()), "{name}:\n{text}");
}

#[test]
fn every_size_renders_without_panic() {
    let book = varied_book(25);
    let model = Model::from_book(book.clone(), ProgramConfig::default(), today(), "t".into());
    let mut state = PartnersState {
        matrix: true,
        ..PartnersState::default()
    };
    state.rebuild(&model, 10);
    state.cursor.selected = 7;
    let theme = Theme::color();
    for w in 0..=200 {
        for h in 0..=60 {
            let area = Rect::new(3, 2, w, h);
            let mut buf = Buffer::empty(Rect::new(0, 0, w + 6, h + 4));
            partnerdeck::ui::screens::partners::matrix::render(
                &state, &model, &theme, area, &mut buf,
            );
            // Nothing is drawn outside the area it was given (checked on a
            // sample of sizes: the check costs more than the drawing).
            if (w + h) % 9 != 0 {
                continue;
            }
            for y in 0..buf.area.height {
                for x in 0..buf.area.width {
                    if !(x >= area.x && x < area.right() && y >= area.y && y < area.bottom()) {
                        assert_eq!(buf[(x, y)].symbol(), " ", "{w}x{h} drew at {x},{y}");
                    }
                }
            }
        }
    }
    // And through the whole app, from 1x1 up.
    let mut app = app(book, 1, 1);
    for (w, h) in [(1, 1), (2, 2), (20, 5), (30, 8), (40, 12), (200, 60)] {
        app.on_resize(w, h);
        let _ = frame_text(&app, w, h);
    }
}

#[test]
#[ignore = "prints the matrix for a look: cargo test --test ui_matrix -- --ignored --nocapture"]
fn show() {
    for (w, h) in [(80, 24), (120, 40), (160, 48)] {
        let app = app(varied_book(60), w, h);
        println!("{}", frame_text(&app, w, h));
    }
}

/// Type text: `\n` is Enter, `\x1b` is Esc.
fn type_keys(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
}
