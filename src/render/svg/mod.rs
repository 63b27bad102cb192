//! The render stage, for `rostra stats --plot FILE.svg`: one chart as a standalone SVG document a
//! person can put in a paper — a time series (line and markers) for years and months,
//! horizontal bars for speakers, topics and places — with the query as title and labelled axes.
//!
//! Drawn with plotters' SVG backend: axes, ticks, grid, text placement and the XML are
//! plotters'; what is rostra's is the styling (sizes, colours, fonts) and how numbers read.
//! The backend writes text as `<text>` elements and estimates text widths itself, so no font
//! file or system font library is needed (plotters' `ttf` feature is off).
//!
//! The time axis is real: a year is drawn at its number, a month at its place in its year, so
//! a year without pages is a gap on the axis, not a missing category; ticks are plotters'
//! round numbers on that axis, kept to whole years. Month ticks over less than two years
//! (every 1, 2, 3 or 6 months) are chosen here: plotters' calendar axes (`Monthly`) exist
//! only with its `chrono` feature, and rostra's dates are the `time` crate's.
//!
//! A [`Chart`] holds one or more [`Series`]; with more than one, each has its colour and the
//! chart a legend (issue 15: two queries, or one split by speaker). A PNG can be rendered from
//! this SVG (resvg) rather than with a second, bitmap backend and its font loading.
//!
//! Pure: points in, a `String` out; the caller writes the file.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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
}

/// What to draw. Labels are plain text; control characters are dropped here.
#[derive(Debug, Clone, Copy)]
pub struct Chart<'a> {
    /// The query and measure, e.g. `"climate change" — matches per million words by year`.
    pub title: &'a str,
    /// The bucket axis: `year`, `month`; for bars the category axis (`speaker`).
    pub x_label: &'a str,
    /// The value axis, e.g. `matches per million words`.
    pub y_label: &'a str,
    pub kind: ChartKind,
    pub series: &'a [Series<'a>],
    /// A small footer line (version, index fingerprint, corpus size).
    pub note: Option<&'a str>,
}

const WIDTH: u32 = 800;
const SERIES_HEIGHT: u32 = 450;
/// Vertical space per bar, and the bar's thickness within it.
const ROW: u32 = 24;
const BAR: u32 = 16;
/// Bars chart: the space above the bars (title) and below them (ticks, axis label, note).
const BARS_TOP: u32 = 56;
const BARS_BOTTOM: u32 = 84;
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
/// Series colours, the first is rostra's accent.
const PALETTE: [RGBColor; 4] = [
    RGBColor(0x2f, 0x6e, 0xb5),
    RGBColor(0xd9, 0x5f, 0x02),
    RGBColor(0x1b, 0x9e, 0x77),
    RGBColor(0x75, 0x70, 0xb3),
];

/// Text of `px` pixels. plotters' SVG backend writes `font-size` as the size given / 1.24.
fn font(px: f64, color: RGBColor) -> TextStyle<'static> {
    (FONT, px * 1.24).into_font().color(&color)
}

fn bold(px: f64, color: RGBColor) -> TextStyle<'static> {
    (FONT, px * 1.24, FontStyle::Bold).into_font().color(&color)
}

/// The chart as an SVG document.
pub fn svg(chart: &Chart) -> String {
    let first = chart.series.first().map_or(&[][..], |s| s.points);
    let height = match chart.kind {
        ChartKind::TimeSeries => SERIES_HEIGHT,
        ChartKind::Bars if first.is_empty() => SERIES_HEIGHT / 2,
        ChartKind::Bars => BARS_TOP + ROW * first.len() as u32 + BARS_BOTTOM,
    };
    let mut out = String::new();
    // Drawing into a String cannot fail; an error would be a bug in the layout.
    draw(&mut out, chart, height).expect("chart draws");
    out
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn draw(out: &mut String, chart: &Chart, height: u32) -> DrawResult {
    let root = SVGBackend::with_string(out, (WIDTH, height)).into_drawing_area();
    root.fill(&WHITE)?;
    if let Some(note) = chart.note {
        let style = font(NOTE_PX, MUTED).pos(Pos::new(HPos::Right, VPos::Bottom));
        root.draw(&Text::new(
            clean(note),
            (WIDTH as i32 - 16, height as i32 - 6),
            style,
        ))?;
    }
    let title = fit(&clean(chart.title), WIDTH as f64 - 40.0, TITLE_PX);
    let empty = chart.series.iter().all(|s| s.points.is_empty());
    if empty {
        root.draw(&Text::new(
            title,
            (WIDTH as i32 / 2, 14),
            bold(TITLE_PX, INK).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        root.draw(&Text::new(
            "no data",
            (WIDTH as i32 / 2, height as i32 / 2),
            font(LABEL_PX, MUTED).pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
    } else {
        let mut builder = ChartBuilder::on(&root);
        builder
            .caption(title, bold(TITLE_PX, INK))
            .margin_top(14)
            .margin_left(16)
            .margin_right(24)
            .margin_bottom(if chart.note.is_some() { 22 } else { 8 });
        match chart.kind {
            ChartKind::TimeSeries => series(&mut builder, chart)?,
            ChartKind::Bars => bars(&mut builder, chart, chart.series[0].points)?,
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

/// Where a bucket sits on the time axis, in years: `2019` → 2019, `2019-04` → 2019.25.
fn time_of(label: &str) -> Option<f64> {
    match label.split_once('-') {
        None if label.len() == 4 => label.parse::<u16>().ok().map(f64::from),
        Some((y, m)) if y.len() == 4 && m.len() == 2 => {
            let (y, m) = (y.parse::<u16>().ok()?, m.parse::<u8>().ok()?);
            (1..=12)
                .contains(&m)
                .then(|| f64::from(y) + f64::from(m - 1) / 12.0)
        }
        _ => None,
    }
}

/// A tick on the time axis as text: `2019` on a whole year, else `2019-04`.
fn time_label(t: f64) -> String {
    let months = (t * 12.0).round() as i64;
    let (y, m) = (months.div_euclid(12), months.rem_euclid(12) + 1);
    if m == 1 {
        y.to_string()
    } else {
        format!("{y}-{m:02}")
    }
}

/// Ticks of the time axis over `[lo, hi]` years: plotters' round numbers, whole years only;
/// over less than two years (months), the first of every 1, 2, 3 or 6 months.
fn time_ticks(lo: f64, hi: f64, monthly: bool) -> Vec<f64> {
    if !monthly || hi - lo >= 2.0 {
        let axis = RangedCoordf64::from(lo..hi);
        let whole: Vec<f64> = axis
            .key_points(12usize)
            .into_iter()
            // Round numbers, as floating point gives them (2019.0000000000002).
            .filter(|t| (t - t.round()).abs() < 1e-6)
            .map(f64::round)
            .collect();
        if !whole.is_empty() {
            return whole;
        }
    }
    let (first, last) = ((lo * 12.0).ceil() as i64, (hi * 12.0).floor() as i64);
    let step = [1, 2, 3, 6, 12]
        .into_iter()
        .find(|k| (last - first) / k < 12)
        .unwrap_or(12);
    (first..=last)
        .filter(|m| m.rem_euclid(step) == 0)
        .map(|m| m as f64 / 12.0)
        .collect()
}

/// Lines and markers on a time axis, y from 0.
fn series<DB: DrawingBackend>(builder: &mut ChartBuilder<DB>, chart: &Chart) -> DrawResult
where
    DB::ErrorType: 'static,
{
    // Buckets that are not dates (none from `stats`) are placed one after another.
    let timed = chart
        .series
        .iter()
        .all(|s| s.points.iter().all(|p| time_of(&p.0).is_some()));
    let monthly = timed
        && chart
            .series
            .iter()
            .any(|s| s.points.iter().any(|p| p.0.len() == 7));
    let at = |i: usize, label: &str| {
        if timed {
            time_of(label).expect("checked")
        } else {
            i as f64
        }
    };
    let lines: Vec<Vec<(f64, f64)>> = chart
        .series
        .iter()
        .map(|s| {
            s.points
                .iter()
                .enumerate()
                .map(|(i, p)| (at(i, &p.0), value(p.1)))
                .collect()
        })
        .collect();
    let xs = || lines.iter().flatten().map(|p| p.0);
    let half = if monthly { 0.5 / 12.0 } else { 0.5 };
    let lo = xs().fold(f64::INFINITY, f64::min) - half;
    let hi = xs().fold(f64::NEG_INFINITY, f64::max) + half;
    let top = y_top(lines.iter().flatten().map(|p| p.1));
    let names: Vec<&str> = chart.series[0]
        .points
        .iter()
        .map(|p| p.0.as_str())
        .collect();
    let ticks = if timed {
        time_ticks(lo, hi, monthly)
    } else {
        let step = names.len().div_ceil(12).max(1);
        (0..names.len()).step_by(step).map(|i| i as f64).collect()
    };
    let mut c = builder
        .x_label_area_size(44)
        .y_label_area_size(y_label_area(top))
        .build_cartesian_2d(Ticked::new(lo..hi, ticks), 0.0..top)?;
    let x_text = |t: &f64| {
        if timed {
            time_label(*t)
        } else {
            names.get(*t as usize).map_or(String::new(), |n| clean(n))
        }
    };
    c.configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_desc(clean(chart.x_label))
        .y_desc(clean(chart.y_label))
        .x_label_formatter(&x_text)
        .y_label_formatter(&|v| number(*v))
        .y_labels(7)
        .label_style(font(TICK_PX, MUTED))
        .axis_desc_style(font(LABEL_PX, INK))
        .draw()?;

    // A marker a third of the space between buckets, 2 to 3 pixels.
    let spacing = (c.plotting_area().dim_in_pixel().0 as f64 * (hi - lo).recip())
        * if monthly { 1.0 / 12.0 } else { 1.0 };
    let r = (spacing / 3.0).clamp(2.0, 3.0).round() as i32;
    for (k, (s, points)) in chart.series.iter().zip(&lines).enumerate() {
        let color = PALETTE[k % PALETTE.len()];
        let drawn = c.draw_series(LineSeries::new(
            points.iter().copied(),
            color.stroke_width(2),
        ))?;
        if chart.series.len() > 1 {
            drawn.label(clean(s.name)).legend(move |(x, y)| {
                PathElement::new([(x, y), (x + 18, y)], color.stroke_width(2))
            });
        }
        c.draw_series(points.iter().map(|p| Circle::new(*p, r, color.filled())))?;
    }
    if chart.series.len() > 1 {
        c.configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(GRID)
            .label_font(font(TICK_PX, INK))
            .draw()?;
    }
    Ok(())
}

/// One bar per category, names on the left, values at the bar ends, value axis below.
fn bars<DB: DrawingBackend>(
    builder: &mut ChartBuilder<DB>,
    chart: &Chart,
    points: &[(String, f64)],
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let n = points.len();
    let names: Vec<String> = points.iter().map(|p| cut(&clean(&p.0))).collect();
    let values: Vec<f64> = points.iter().map(|p| value(p.1)).collect();
    let name_px = names
        .iter()
        .map(|s| text_width(s, TICK_PX))
        .fold(0.0, f64::max);
    let value_px = values
        .iter()
        .map(|v| text_width(&number(*v), TICK_PX))
        .fold(0.0, f64::max);
    let top = y_top(values.iter().copied());
    // Bar j (from the top) spans [n-1-j, n-j] on the category axis; its name at the centre.
    let centre = |j: usize| (n - j) as f64 - 0.5;
    let mut c = builder
        .margin_right(16 + value_px as u32 + 8)
        .x_label_area_size(44)
        .y_label_area_size(name_px as u32 + LABEL_PX as u32 + 24)
        .build_cartesian_2d(
            0.0..top,
            Ticked::new(0.0..n as f64, (0..n).map(centre).collect()),
        )?;
    let name_of = |v: &f64| {
        let j = (n as f64 - 0.5 - v).round();
        if j >= 0.0 && (j as usize) < n {
            names[j as usize].clone()
        } else {
            String::new()
        }
    };
    c.configure_mesh()
        .disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_desc(clean(chart.y_label))
        .y_desc(clean(chart.x_label))
        .x_label_formatter(&|v| number(*v))
        .y_label_formatter(&name_of)
        .x_labels(7)
        .y_labels(n)
        .label_style(font(TICK_PX, INK))
        .axis_desc_style(font(LABEL_PX, INK))
        .draw()?;
    let color = PALETTE[0];
    let pad = (ROW - BAR) / 2;
    c.draw_series(values.iter().enumerate().map(|(j, v)| {
        let (lo, hi) = ((n - 1 - j) as f64, (n - j) as f64);
        let mut bar = Rectangle::new([(0.0, lo), (*v, hi)], color.filled());
        bar.set_margin(pad, pad, 0, 0);
        bar
    }))?;
    let value_style = font(TICK_PX, MUTED).pos(Pos::new(HPos::Left, VPos::Center));
    c.draw_series(values.iter().enumerate().map(|(j, v)| {
        EmptyElement::at((*v, centre(j))) + Text::new(number(*v), (5, 0), value_style.clone())
    }))?;
    Ok(())
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
fn number(v: f64) -> String {
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
