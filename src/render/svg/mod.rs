//! The render stage, for `rostra stats --plot FILE`: one chart a person can put in a paper —
//! a time series (lines and markers) for years and months, horizontal bars for speakers,
//! topics and places — as a standalone SVG document, or rendered from it as a PNG
//! ([`png()`]).
//!
//! Drawn with plotters' SVG backend: axes, ticks, grid, text placement and the XML are
//! plotters'; what is rostra's is the layout (a header with the query, the filters and the
//! corpus size; a words panel under a time series), the styling, and how numbers read. The
//! backend writes text as `<text>` elements and estimates text widths itself, so no font is
//! needed to write the SVG (plotters' `ttf` feature is off); the PNG is drawn with one
//! embedded font.
//!
//! The time axis is real: a year is drawn at its number, a month at its place in its year, so
//! a year without pages is a gap on the axis and in the line, not a missing category. Ticks
//! fall on whole months or years, as many as their labels have room for (`time.rs`).
//!
//! A rate from little text can look like a finding (2 matches in 7,319 words): the words of
//! every bucket are drawn in a panel under the rates, and the buckets under
//! [`Chart::min_words`] are drawn hollow, pale in the words panel, under a dashed line at
//! the threshold. A [`Chart`] holds one or more [`Series`]; with more than one, each has its
//! colour and the chart a legend (issue 15: two queries, or one split by speaker).
//!
//! Pure: points in, a `String` (or PNG bytes) out; the caller writes the file.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

mod bars;
mod png;
mod time;

pub use png::{png, PngError, PNG_SCALE};

/// Which picture to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// x = time (buckets `YYYY` or `YYYY-MM`), a line with a marker per bucket.
    TimeSeries,
    /// One horizontal bar per category, top to bottom in the given order (first series).
    Bars,
}

/// One line of a chart: bucket label → value, in display order.
#[derive(Debug, Clone, Copy)]
pub struct Series<'a> {
    /// The legend entry (shown when a chart has several series).
    pub name: &'a str,
    /// NaN, infinite and negative values are drawn as 0 (counts and rates are never negative).
    pub points: &'a [(String, f64)],
    /// The words of each bucket of `points`, in the same order (a time series draws them in
    /// its words panel); empty when not known.
    pub words: &'a [u64],
}

/// What to draw. Labels are plain text; control characters are dropped here.
#[derive(Debug, Clone, Copy)]
pub struct Chart<'a> {
    /// The query and measure, e.g. `"climate change" — matches per million words by year`.
    pub title: &'a str,
    /// A line under the title: the filters and the corpus size, say.
    pub subtitle: Option<&'a str>,
    /// The bucket axis: `year`, `month`; for bars the category axis (`speaker`).
    pub x_label: &'a str,
    /// The value axis, e.g. `matches per million words`.
    pub y_label: &'a str,
    pub kind: ChartKind,
    pub series: &'a [Series<'a>],
    /// A small footer line (version, index fingerprint).
    pub note: Option<&'a str>,
    /// A time series bucket with fewer words than this is marked (hollow marker, pale words
    /// bar); 0 marks none.
    pub min_words: u64,
}

/// The most series a chart tells apart (one colour each).
pub const MAX_SERIES: usize = PALETTE.len();

const WIDTH: u32 = 800;
/// A time series: the rates panel, and the words panel under it when words are known.
const RATES_HEIGHT: u32 = 340;
const WORDS_HEIGHT: u32 = 130;
/// Vertical space per bar, and the bar's thickness within it.
const ROW: u32 = 24;
const BAR: u32 = 16;
/// Bars chart: the space below the bars (ticks, axis label).
const BARS_BOTTOM: u32 = 56;
/// Space left and right of the plot.
const SIDE: u32 = 16;
const RIGHT: u32 = 24;
/// Category names longer than this many characters are cut with `…`.
const MAX_CATEGORY_CHARS: usize = 40;

const FONT: &str = "Helvetica, Arial, sans-serif";
const TITLE_PX: f64 = 16.0;
const LABEL_PX: f64 = 13.0;
const TICK_PX: f64 = 12.0;
const NOTE_PX: f64 = 10.0;
const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const MUTED: RGBColor = RGBColor(0x66, 0x66, 0x66);
const GRID: RGBColor = RGBColor(0xe2, 0xe2, 0xe2);
/// Words bars, and those of buckets under the threshold.
const WORDS: RGBColor = RGBColor(0x9a, 0xa4, 0xb0);
const FEW_WORDS: RGBColor = RGBColor(0xe4, 0xe8, 0xec);
/// Series colours, the first is rostra's accent, then ColorBrewer's Dark2 (told apart by
/// most colour-blind readers).
const PALETTE: [RGBColor; 8] = [
    RGBColor(0x2f, 0x6e, 0xb5),
    RGBColor(0xd9, 0x5f, 0x02),
    RGBColor(0x1b, 0x9e, 0x77),
    RGBColor(0x75, 0x70, 0xb3),
    RGBColor(0xe7, 0x29, 0x8a),
    RGBColor(0x66, 0xa6, 0x1e),
    RGBColor(0xa6, 0x76, 0x1d),
    RGBColor(0x66, 0x66, 0x66),
];

/// Text of `px` pixels. plotters' SVG backend writes `font-size` as the size given / 1.24.
fn font(px: f64, color: RGBColor) -> TextStyle<'static> {
    (FONT, px * 1.24).into_font().color(&color)
}

fn bold(px: f64, color: RGBColor) -> TextStyle<'static> {
    (FONT, px * 1.24, FontStyle::Bold).into_font().color(&color)
}

/// The header's height: the title, and the subtitle under it.
fn header_height(chart: &Chart) -> u32 {
    14 + TITLE_PX as u32 + 8 + chart.subtitle.map_or(0, |_| TICK_PX as u32 + 8)
}

/// The footer's height: the note.
fn footer_height(chart: &Chart) -> u32 {
    if chart.note.is_some() {
        NOTE_PX as u32 + 14
    } else {
        8
    }
}

/// Does a time series of `chart` get a words panel?
fn has_words(chart: &Chart) -> bool {
    chart.kind == ChartKind::TimeSeries
        && chart
            .series
            .iter()
            .any(|s| !s.points.is_empty() && s.words.len() == s.points.len())
}

/// The chart as an SVG document.
pub fn svg(chart: &Chart) -> String {
    let first = chart.series.first().map_or(&[][..], |s| s.points);
    let body = match chart.kind {
        ChartKind::TimeSeries if has_words(chart) => RATES_HEIGHT + WORDS_HEIGHT,
        ChartKind::TimeSeries => RATES_HEIGHT + 40,
        ChartKind::Bars if first.is_empty() => RATES_HEIGHT / 2,
        ChartKind::Bars => ROW * first.len() as u32 + BARS_BOTTOM,
    };
    let height = header_height(chart) + body + footer_height(chart);
    let mut out = String::new();
    // Drawing into a String cannot fail; an error would be a bug in the layout.
    draw(&mut out, chart, height).expect("chart draws");
    out
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn draw(out: &mut String, chart: &Chart, height: u32) -> DrawResult {
    let root = SVGBackend::with_string(out, (WIDTH, height)).into_drawing_area();
    root.fill(&WHITE)?;
    let centre = |size: f64| bold(size, INK).pos(Pos::new(HPos::Center, VPos::Top));
    let title = fit(&clean(chart.title), (WIDTH - 40) as f64, TITLE_PX);
    root.draw(&Text::new(title, (WIDTH as i32 / 2, 14), centre(TITLE_PX)))?;
    if let Some(sub) = chart.subtitle {
        let sub = fit(&clean(sub), (WIDTH - 40) as f64, TICK_PX);
        let style = font(TICK_PX, MUTED).pos(Pos::new(HPos::Center, VPos::Top));
        root.draw(&Text::new(
            sub,
            (WIDTH as i32 / 2, 14 + TITLE_PX as i32 + 8),
            style,
        ))?;
    }
    if let Some(note) = chart.note {
        let style = font(NOTE_PX, MUTED).pos(Pos::new(HPos::Right, VPos::Bottom));
        root.draw(&Text::new(
            clean(note),
            (WIDTH as i32 - SIDE as i32, height as i32 - 6),
            style,
        ))?;
    }
    let body = root.margin(header_height(chart), footer_height(chart), SIDE, RIGHT);
    if chart.series.iter().all(|s| s.points.is_empty()) {
        let (w, h) = body.dim_in_pixel();
        body.draw(&Text::new(
            "no data",
            (w as i32 / 2, h as i32 / 2),
            font(LABEL_PX, MUTED).pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
    } else {
        match chart.kind {
            ChartKind::TimeSeries => time::draw(&body, chart)?,
            ChartKind::Bars => bars::draw(&body, chart, chart.series[0].points)?,
        }
    }
    root.present()?;
    Ok(())
}

/// A linear axis with its ticks given. (plotters' own `with_key_points` wrapper keeps the
/// f64 axis's formatting marker, which its mesh then refuses; labels come from a formatter.)
struct Ticked {
    axis: RangedCoordf64,
    ticks: Vec<f64>,
}

impl Ticked {
    fn new(range: Range<f64>, ticks: Vec<f64>) -> Ticked {
        Ticked {
            axis: range.into(),
            ticks,
        }
    }
}

impl Ranged for Ticked {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.axis.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // Bold points only: no minor grid or ticks between.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.axis.range()
    }
}

/// The top of the value axis: a little over the largest value, 1 when all are 0.
fn y_top(values: impl Iterator<Item = f64>) -> f64 {
    let max = values.fold(0.0, f64::max);
    if max > 0.0 {
        max * 1.08
    } else {
        1.0
    }
}

/// Room for the value axis's tick labels and its name.
fn y_label_area(top: f64) -> u32 {
    let widest = [top, top / 2.0, top / 7.0]
        .iter()
        .map(|v| text_width(&number(*v), TICK_PX))
        .fold(0.0, f64::max);
    (widest + LABEL_PX + 24.0) as u32
}

/// A value at a bar end or on an axis: whole numbers as such, else about 3 significant digits,
/// thousands grouped (`12,500`).
pub fn number(v: f64) -> String {
    let decimals = if v == v.trunc() || v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else if v >= 1.0 {
        2
    } else {
        (2.0 - v.log10().floor()) as usize
    };
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    let (int, frac) = s.split_at(s.find('.').unwrap_or(s.len()));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out + frac
}

/// NaN and ±inf (an empty bucket's rate, say) and negatives as 0.
fn value(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        0.0
    }
}

/// Text XML 1.0 can hold: characters it forbids dropped, line breaks and tabs as spaces.
/// (plotters escapes the markup characters.)
fn clean(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => None,
            c => Some(c),
        })
        .collect()
}

/// A category name of at most [`MAX_CATEGORY_CHARS`], cut with `…`.
fn cut(s: &str) -> String {
    if s.chars().count() <= MAX_CATEGORY_CHARS {
        return s.to_string();
    }
    let keep: String = s.chars().take(MAX_CATEGORY_CHARS - 1).collect();
    format!("{}…", keep.trim_end())
}

/// `s` cut with `…` to fit about `max` pixels.
fn fit(s: &str, max: f64, px: f64) -> String {
    if text_width(s, px) <= max {
        return s.to_string();
    }
    let keep = (max / (px * 0.58)) as usize - 1;
    let cut: String = s.chars().take(keep).collect();
    format!("{}…", cut.trim_end())
}

/// Estimated rendered width for laying out label areas: sans-serif glyphs average a little
/// over half an em.
fn text_width(s: &str, px: f64) -> f64 {
    s.chars().count() as f64 * px * 0.58
}

#[cfg(test)]
mod tests;
