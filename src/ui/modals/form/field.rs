//! One field of a form: a label, a kind (text, lines, money, date, choice)
//! and its input. Text is edited with ratatui-textarea, so every field has
//! a cursor, ←/→, Ctrl-W, Ctrl-U and paste.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::domain::format::{day_year, money};
use crate::domain::parse::{self, DateOrder};
use crate::domain::search::name_key;
use crate::ui::theme::Theme;

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Text,
    /// Several lines, wrapped (Enter is a new line; Ctrl-S saves).
    Lines,
    /// An amount: `62000`, `$62,000`, `62k`.
    Money,
    /// A date: `2026-12-04`, `today`, `+3d`, `next friday`.
    Date,
    /// One of a few values: ←/→ cycle, a letter jumps.
    Choice(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct Field {
    /// The name forms and drafts know it by.
    pub key: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    text: TextArea<'static>,
    choice: usize,
    /// Values already in the book, offered as you type (→ takes one).
    completions: Vec<String>,
    /// Words shown beside a choice (what its scale means).
    hint: Option<&'static str>,
}

impl Field {
    fn new(key: &'static str, label: &'static str, kind: Kind, value: &str) -> Field {
        let lines: Vec<String> = value.split('\n').map(str::to_string).collect();
        let mut text = TextArea::new(lines);
        if kind == Kind::Lines {
            text.set_wrap_mode(WrapMode::WordOrGlyph);
        }
        text.move_cursor(CursorMove::Bottom);
        text.move_cursor(CursorMove::End);
        Field {
            key,
            label,
            kind,
            text,
            choice: 0,
            completions: Vec::new(),
            hint: None,
        }
    }

    #[must_use]
    pub fn text(key: &'static str, label: &'static str, value: &str) -> Field {
        Field::new(key, label, Kind::Text, value)
    }

    #[must_use]
    pub fn lines(key: &'static str, label: &'static str, value: &str) -> Field {
        Field::new(key, label, Kind::Lines, value)
    }

    #[must_use]
    pub fn money(key: &'static str, label: &'static str, value: &str) -> Field {
        Field::new(key, label, Kind::Money, value)
    }

    #[must_use]
    pub fn date(key: &'static str, label: &'static str, value: &str) -> Field {
        Field::new(key, label, Kind::Date, value)
    }

    /// A choice among `options`, `selected` chosen (the first when absent).
    #[must_use]
    pub fn choice(
        key: &'static str,
        label: &'static str,
        options: Vec<String>,
        selected: &str,
    ) -> Field {
        let choice = options.iter().position(|o| o == selected).unwrap_or(0);
        Field {
            choice,
            ..Field::new(key, label, Kind::Choice(options), "")
        }
    }

    /// Show `hint` beside the field (a choice's scale, what to do).
    #[must_use]
    pub fn hinted(mut self, hint: &'static str) -> Field {
        self.hint = Some(hint);
        self
    }

    /// Offer these values as completions.
    #[must_use]
    pub fn completing(mut self, values: Vec<String>) -> Field {
        self.completions = values;
        self
    }

    /// The value as typed (lines joined with `\n`), or the chosen option.
    #[must_use]
    pub fn value(&self) -> String {
        match &self.kind {
            Kind::Choice(options) => options.get(self.choice).cloned().unwrap_or_default(),
            Kind::Lines => self.text.lines().join("\n"),
            _ => self.text.lines().concat(),
        }
    }

    /// The value a draft keeps: a date as the day it resolved to today
    /// (`yesterday` typed on 23 Nov is kept as 2026-11-22, so resuming it
    /// on another day does not move it), anything else as typed.
    #[must_use]
    pub fn kept(&self, today: NaiveDate) -> String {
        let value = self.value();
        match self.kind {
            Kind::Date => parse::date(&value, today, DateOrder::default())
                .map_or(value, |d| d.format("%Y-%m-%d").to_string()),
            _ => value,
        }
    }

    /// Put a value back (a resumed draft).
    pub fn set_value(&mut self, value: &str) {
        match &self.kind {
            Kind::Choice(options) => {
                if let Some(i) = options.iter().position(|o| o == value) {
                    self.choice = i;
                }
            }
            _ => {
                *self = Field {
                    completions: std::mem::take(&mut self.completions),
                    ..Field::new(self.key, self.label, self.kind.clone(), value)
                };
            }
        }
    }

    /// Rows the field takes on screen.
    #[must_use]
    pub fn height(&self) -> u16 {
        if self.kind == Kind::Lines { 3 } else { 1 }
    }

    /// The field gets the focus (Tab, ↓): a one-line value is selected, so
    /// typing replaces it and → keeps it.
    pub fn focus(&mut self) {
        if matches!(self.kind, Kind::Text | Kind::Money | Kind::Date) {
            self.text.select_all();
        }
    }

    /// Is it a multi-line field (Enter types a new line)?
    #[must_use]
    pub fn is_lines(&self) -> bool {
        self.kind == Kind::Lines
    }

    /// A key the form left to the field. Returns whether the value changed.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        let before = self.value();
        if let Kind::Choice(options) = &self.kind {
            let n = options.len().max(1);
            match key.code {
                KeyCode::Right | KeyCode::Char(' ') => self.choice = (self.choice + 1) % n,
                KeyCode::Left => self.choice = (self.choice + n - 1) % n,
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.jump_to(c);
                }
                _ => {}
            }
        } else {
            let at_end = self.text.cursor().1 >= self.value().chars().count();
            if key.code == KeyCode::Right && at_end && self.take_suggestion() {
                return true;
            }
            // One-line fields never take a line break.
            if self.kind != Kind::Lines && key.code == KeyCode::Enter {
                return false;
            }
            if self.kind != Kind::Lines && crate::ui::modals::filter::is_ctrl_u(key) {
                self.text.delete_line_by_head();
            } else {
                self.text.input(key);
            }
        }
        self.value() != before
    }

    /// Pasted text, as text (one-line fields keep it on one line).
    pub fn paste(&mut self, text: &str) -> bool {
        let clean: String = if self.kind == Kind::Lines {
            text.chars()
                .filter(|c| *c == '\n' || !c.is_control())
                .collect()
        } else {
            text.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect()
        };
        match &self.kind {
            Kind::Choice(_) => false,
            _ => self.text.insert_str(clean),
        }
    }

    /// The next option starting with `c` after the chosen one.
    fn jump_to(&mut self, c: char) {
        let Kind::Choice(options) = &self.kind else {
            return;
        };
        let c = c.to_lowercase().to_string();
        let n = options.len();
        if let Some(i) = (1..=n)
            .map(|step| (self.choice + step) % n)
            .find(|&i| options[i].to_lowercase().starts_with(&c))
        {
            self.choice = i;
        }
    }

    /// The value from the book that what is typed starts, if any.
    #[must_use]
    pub fn suggestion(&self) -> Option<&str> {
        let typed = name_key(&self.value());
        if typed.is_empty() {
            return None;
        }
        self.completions
            .iter()
            .find(|v| {
                let key = name_key(v);
                key.starts_with(&typed) && key != typed
            })
            .map(String::as_str)
    }

    fn take_suggestion(&mut self) -> bool {
        match self.suggestion().map(str::to_string) {
            Some(s) => {
                self.set_value(&s);
                true
            }
            None => false,
        }
    }

    /// What the value means, shown beside it: the date it resolves to, the
    /// amount; or why it is not one.
    #[must_use]
    pub fn meaning(&self, today: NaiveDate, order: DateOrder, currency: &str) -> Meaning {
        let value = self.value();
        if value.trim().is_empty() {
            return Meaning::None;
        }
        match self.kind {
            Kind::Date => match parse::date(&value, today, order) {
                Ok(d) => Meaning::Note(format!("→ {}", day_year(d))),
                Err(e) => Meaning::Problem(e),
            },
            Kind::Money => match parse::money(&value) {
                Ok(m) => Meaning::Note(format!("→ {}", money(m, currency))),
                Err(e) => Meaning::Problem(e),
            },
            _ => self
                .hint
                .map_or(Meaning::None, |h| Meaning::Note(h.to_string())),
        }
    }

    /// Draw the input (not the label) into `area`.
    pub fn render(&self, focused: bool, theme: &Theme, area: Rect, buf: &mut Buffer) {
        match &self.kind {
            Kind::Choice(_) => {
                let style = if focused { theme.selected } else { theme.base };
                Paragraph::new(Line::from(Span::styled(
                    format!("◂ {} ▸", self.value()),
                    style,
                )))
                .render(area, buf);
            }
            _ if focused => {
                let mut text = self.text.clone();
                text.set_cursor_line_style(Style::default());
                text.set_style(theme.base);
                text.render(area, buf);
                if let Some(s) = self.suggestion() {
                    // The rest of the suggestion from the cursor on, the
                    // cursor kept visible on its first letter.
                    let typed = self.value().chars().count();
                    let rest: String = s.chars().skip(typed).collect();
                    let x = area
                        .x
                        .saturating_add(u16::try_from(typed).unwrap_or(u16::MAX));
                    if x < area.right() {
                        let room = usize::from(area.right() - x);
                        buf.set_stringn(x, area.y, format!("{rest}  → takes it"), room, theme.dim);
                        buf[(x, area.y)].set_style(theme.dim.add_modifier(Modifier::REVERSED));
                    }
                }
            }
            _ => {
                Paragraph::new(self.text.lines().join("\n"))
                    .style(theme.base)
                    .wrap(Wrap { trim: false })
                    .render(area, buf);
            }
        }
    }
}

/// What a value means, beside the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meaning {
    None,
    Note(String),
    Problem(String),
}
