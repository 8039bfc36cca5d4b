//! The partner detail as a manager reads it: the text on screen, scrolling
//! to the real end, and every terminal size without a panic.

mod common;

use partnerdeck::domain::book::{Book, Contact, ContactRole, Deal, DealStage, Tier};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::testing::{FileBuilder, date, deal, partner_file};
use partnerdeck::ui::action::Action;
use partnerdeck::ui::app::App;
use partnerdeck::ui::layout;
use partnerdeck::ui::model::Model;
use partnerdeck::ui::screens::partner::{self, DetailState};
use partnerdeck::ui::snapshot::{buffer_text, frame_text};
use partnerdeck::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

fn open_deal(name: &str, stage: DealStage, value: i64, changed: (i32, u32, u32)) -> Deal {
    let mut d = deal(date(2026, 6, 1));
    d.name = name.into();
    d.stage = stage;
    d.value = Some(value);
    d.stage_changed = date(changed.0, changed.1, changed.2);
    d
}

/// Northwind with a deal at every open stage, a one-contact partner, a
/// partner with a wide name and a Platinum partner; as of 25 Nov 2026.
fn model() -> Model {
    let cfg = ProgramConfig::default();
    let northwind = common::northwind(&cfg)
        .with_deal(open_deal(
            "Adatum pilot",
            DealStage::Registered,
            10_000,
            (2026, 11, 20),
        ))
        .with_deal(open_deal(
            "Woodgrove rollout",
            DealStage::Qualified,
            20_000,
            (2026, 10, 27),
        ))
        .with_deal(open_deal(
            "Fourth Coffee add-on",
            DealStage::Proposal,
            12_000,
            (2026, 11, 1),
        ))
        .with_deal(open_deal(
            "Lucerne platform",
            DealStage::Negotiation,
            60_000,
            (2026, 10, 26),
        ));
    let litware = partner_file("Litware").with_contact(Contact {
        id: 0,
        name: "Ana Solo".into(),
        role: ContactRole::PartnerManager,
        email: "ana@litware.example".into(),
        phone: String::new(),
        active: true,
    });
    let mut wide = partner_file("株式会社サンプル ☕ Café Olé");
    wide.partner.notes = "長いメモ ".repeat(40);
    let mut top = partner_file("Contoso");
    top.partner.tier = Tier::Platinum;
    let mut book = Book {
        partners: vec![northwind, litware, wide, top],
        ..Default::default()
    };
    common::number(&mut book);
    Model::from_book(book, cfg, date(2026, 11, 25), "test".into())
}

fn id_of(model: &Model, name: &str) -> i64 {
    model.find(name).expect("partner in fixture").id
}

/// The whole detail page of a partner drawn `width` columns wide.
fn page(model: &Model, name: &str, width: u16) -> String {
    let state = DetailState {
        partner_id: id_of(model, name),
        scroll: 0,
    };
    let n = partner::line_count(&state, model, width);
    let area = Rect::new(0, 0, width, u16::try_from(n).expect("fits"));
    let mut buf = Buffer::empty(area);
    partner::render(&state, model, &Theme::color(), area, &mut buf);
    buffer_text(&buf)
}

fn line_with<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in\n{text}"))
}

#[test]
fn the_five_reasons_are_on_the_page() {
    let m = model();
    let text = page(&m, "Northwind Traders", 120);
    let summary = m.summary(id_of(&m, "Northwind Traders")).expect("partner");
    assert_eq!(summary.health.dimensions.len(), 5);
    for d in &summary.health.dimensions {
        let line = line_with(&text, &d.reason);
        assert!(line.contains(&format!("{}/{}", d.points, d.max)), "{line}");
    }
    assert!(text.contains("Health 70 Healthy"), "{text}");
    assert!(text.contains("12 weeks"), "{text}");
}

#[test]
fn the_header_names_type_tier_owner_segment_and_lifecycle() {
    let m = model();
    let text = page(&m, "Northwind Traders", 120);
    let first = text.lines().next().expect("header");
    assert!(
        first.contains(
            "Northwind Traders · reseller · Gold since Jan 2024 · owner Dana · segment stable (quarterly touch, self-service)"
        ),
        "{first}"
    );
    let second = text.lines().nth(1).expect("the header flows on");
    assert!(second.contains("lifecycle grow"), "{second}");
}

#[test]
fn the_tier_gap_limit_and_three_requirement_bars_are_shown() {
    let m = model();
    let text = page(&m, "Northwind Traders", 120);
    line_with(
        &text,
        "25% to Platinum — $371K ARR or 49 referrals to go; +3 certifications",
    );
    line_with(
        &text,
        "limited by sourced ARR or referrals: $129K of $500K ARR, 1 of 50 referrals",
    );
    // Side by side when wide…
    let bars = line_with(&text, "$129K / $500K");
    assert!(
        bars.contains("Referrals") && bars.contains("1 / 50"),
        "{bars}"
    );
    assert!(
        bars.contains("Certified") && bars.contains("2 / 5"),
        "{bars}"
    );
    // …stacked when narrow.
    let narrow = page(&m, "Northwind Traders", 50);
    assert!(line_with(&narrow, "   ARR    ").contains("$129K / $500K"));
    assert!(!line_with(&narrow, "$129K / $500K").contains("Referrals"));
    line_with(&narrow, "Referrals");
    line_with(&narrow, "2 / 5");
}

#[test]
fn a_top_tier_partner_says_so() {
    let m = model();
    let text = page(&m, "Contoso", 120);
    line_with(&text, "Top tier");
    assert!(!text.contains("% to "), "{text}");
}

#[test]
fn a_one_contact_partner_is_flagged_single_threaded() {
    let m = model();
    let text = page(&m, "Litware", 120);
    let line = line_with(&text, "⚠ single-threaded");
    assert!(line.contains("Contacts"), "{line}");
    line_with(&text, "Ana Solo");
    let northwind = page(&m, "Northwind Traders", 120);
    assert!(!northwind.contains("single-threaded"), "{northwind}");
}

#[test]
fn the_pipeline_shows_stage_totals_and_marks_stuck_deals() {
    let m = model();
    let text = page(&m, "Northwind Traders", 120);
    line_with(&text, "5 open deals · $150K · ⚠ 2 stuck");
    for (stage, count, value) in [
        ("Registered", "1 deal", "$10K"),
        ("Qualified", "1 deal", "$20K"),
        ("Proposal", "2 deals", "$60K"),
        ("Negotiation", "1 deal", "$60K"),
    ] {
        let line = line_with(&text, &format!("   {stage} "));
        assert!(line.contains(count) && line.contains(value), "{line}");
    }
    // No stage change for 46 and 30 days: stuck; for 29 days: not yet.
    assert!(line_with(&text, "Fabrikam expansion").contains("⚠ stuck 46d"));
    assert!(line_with(&text, "Lucerne platform").contains("⚠ stuck 30d"));
    let woodgrove = line_with(&text, "Woodgrove rollout");
    assert!(woodgrove.contains("29d in stage"), "{woodgrove}");
    assert!(!woodgrove.contains("stuck"), "{woodgrove}");
    // Narrow, the mark survives.
    let narrow = page(&m, "Northwind Traders", 30);
    assert!(line_with(&narrow, "Fabrikam").contains("⚠ 46d"), "{narrow}");
}

#[test]
fn activities_qbrs_campaigns_and_notes_are_listed() {
    let m = model();
    let text = page(&m, "Northwind Traders", 120);
    line_with(&text, "last touch 5d ago, cadence 30d — on track");
    let first = line_with(&text, "Pipeline sync");
    assert!(first.contains("Fri 20 Nov 2026") && first.contains("call"));
    let next = line_with(&text, "next  Thu 26 Nov 2026 (tomorrow)");
    assert!(next.contains("prep") && next.contains("20%"), "{next}");
    let last = line_with(&text, "last  Thu 20 Aug 2026 held");
    assert!(last.contains("1 open action item"), "{last}");
    assert!(line_with(&text, "Send demo environment credentials").contains("8d late"));
    let campaign = line_with(&text, "Q4 webinar with Northwind");
    assert!(campaign.contains("launch Thu 10 Dec 2026"), "{campaign}");
    assert!(campaign.contains("0% done") && campaign.contains("overdue"));
    line_with(&text, "Prefers Thursday calls.");
    line_with(&text, "CFO is the real sponsor.");
    let litware = page(&m, "Litware", 120);
    line_with(&litware, "no touch on record, cadence 92d — overdue");
}

#[test]
fn wide_names_keep_to_their_columns_and_long_notes_wrap() {
    let m = model();
    for width in [20_u16, 33, 60, 120] {
        let text = page(&m, "株式会社サンプル ☕ Café Olé", width);
        for line in text.lines() {
            assert!(line.width() <= usize::from(width), "{width}: {line:?}");
        }
        assert!(text.lines().filter(|l| l.contains("長いメモ")).count() > 1);
    }
}

#[test]
fn every_line_fits_its_width() {
    let m = model();
    let theme = Theme::color();
    for name in [
        "Northwind Traders",
        "Litware",
        "株式会社サンプル ☕ Café Olé",
    ] {
        let state = DetailState {
            partner_id: id_of(&m, name),
            scroll: 0,
        };
        for width in 0..=200_u16 {
            for line in partner::lines(&state, &m, &theme, width) {
                assert!(
                    line.width() <= usize::from(width),
                    "{name} at {width}: {line}"
                );
            }
        }
    }
}

#[test]
fn bottom_shows_the_last_page_and_scrolling_stops_there() {
    let m = model();
    let id = id_of(&m, "Northwind Traders");
    let size = Rect::new(0, 0, 100, 24);
    let mut app = App::new(m, None, Theme::mono(), size);
    app.open_partner(id);
    let body = layout::frame(size).body;
    let state = *app.detail().expect("detail open");
    let last = partner::max_scroll(&state, &app.model, body);
    assert!(last > 0, "the page is longer than one screen");
    assert_eq!(
        usize::from(last) + usize::from(body.height),
        partner::line_count(&state, &app.model, body.width)
    );
    app.update(Action::Bottom);
    assert_eq!(app.detail().map(|d| d.scroll), Some(last));
    let frame = frame_text(&app, 100, 24);
    assert!(frame.contains("CFO is the real sponsor."), "{frame}");
    app.update(Action::Down);
    app.update(Action::PageDown);
    assert_eq!(app.detail().map(|d| d.scroll), Some(last));
    app.update(Action::Up);
    assert_eq!(app.detail().map(|d| d.scroll), Some(last - 1));
    app.update(Action::Top);
    app.update(Action::Up);
    assert_eq!(app.detail().map(|d| d.scroll), Some(0));
    app.update(Action::PageDown);
    assert_eq!(app.detail().map(|d| d.scroll), Some(body.height.min(last)));
}

#[test]
fn a_scroll_past_the_end_still_shows_the_last_page() {
    let m = model();
    let state = DetailState {
        partner_id: id_of(&m, "Northwind Traders"),
        scroll: u16::MAX,
    };
    let area = Rect::new(0, 0, 80, 10);
    let mut buf = Buffer::empty(area);
    partner::render(&state, &m, &Theme::color(), area, &mut buf);
    assert!(buffer_text(&buf).contains("CFO is the real sponsor."));
}

#[test]
fn every_size_renders_without_panic() {
    let m = model();
    let ids: Vec<i64> = m.rows.iter().map(|p| p.id).collect();
    let theme = Theme::color();
    // The page alone: every width at a spread of heights, every height at
    // a spread of widths; top and bottom.
    let sizes: Vec<(u16, u16)> = (0..=200_u16)
        .flat_map(|w| [0_u16, 1, 2, 5, 13, 60].map(|h| (w, h)))
        .chain((0..=60_u16).flat_map(|h| [1_u16, 2, 20, 80, 200].map(|w| (w, h))))
        .collect();
    for &id in &ids {
        for &(width, height) in &sizes {
            let area = Rect::new(0, 0, width, height);
            for scroll in [0, u16::MAX] {
                let state = DetailState {
                    partner_id: id,
                    scroll,
                };
                let mut buf = Buffer::empty(area);
                partner::render(&state, &m, &theme, area, &mut buf);
            }
        }
    }
    // The whole frame around it, on a coarser grid, scrolled by keys.
    let mut app = App::new(m, None, theme, Rect::new(0, 0, 80, 24));
    let widths = (1..=200_u16)
        .step_by(13)
        .chain([2, 3, 20, 21, 80, 120, 199, 200]);
    for id in ids {
        app.open_partner(id);
        for width in widths.clone() {
            for height in [0_u16, 1, 2, 3, 5, 10, 24, 60] {
                app.on_resize(width, height);
                app.update(Action::Bottom);
                let _ = frame_text(&app, width, height);
                app.update(Action::PageUp);
                app.update(Action::Down);
                let _ = frame_text(&app, width, height);
            }
        }
    }
}

#[test]
fn a_partner_no_longer_in_the_book_says_so() {
    let m = model();
    let state = DetailState {
        partner_id: 999,
        scroll: 3,
    };
    let area = Rect::new(0, 0, 60, 3);
    let mut buf = Buffer::empty(area);
    partner::render(&state, &m, &Theme::color(), area, &mut buf);
    assert!(buffer_text(&buf).contains("no longer in the book"));
    assert_eq!(partner::line_count(&state, &m, 60), 1);
}
