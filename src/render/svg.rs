//! Stage 5, for `rostra stats --plot FILE.svg`: one chart as a standalone SVG 1.1 document a
//! person can put in a paper — a time series (line and markers) for years and months,
//! horizontal bars for speakers, topics and places — with the query as title and labelled axes.
//!
//! Written by hand rather than with `plotters`: plotters' SVG backend builds without system
//! font libraries, but its defaults (dense minor grid, `45.0` tick labels, an axis that ends
//! off a round number) needed overriding almost everywhere, ordered horizontal bars with value
//! labels and truncated names had to be placed by hand on top of it anyway, and its text
//! metrics count bytes, not characters. Here the layout is ours, with no dependency. Text
//! widths are estimated (an SVG has no font metrics); the estimate errs wide.
//!
//! Pure: points in, a `String` out; the caller writes the file. All text is XML-escaped here.
//! To look at samples: `cargo test --lib render::svg -- --ignored` writes sample-*.svg to the
//! temp dir.

use std::fmt::Write as _;

/// Which picture to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// x = buckets in order (years, months), a line with a marker per bucket.
    TimeSeries,
    /// One horizontal bar per category, top to bottom in the given order.
    Bars,
}

/// What to draw. Labels are plain text; they are escaped here.
#[derive(Debug, Clone, Copy)]
pub struct Chart<'a> {
    /// The query and measure, e.g. `"climate change" — matches per million words by year`.
    pub title: &'a str,
    /// The bucket axis: `year`, `month`; for bars the category axis (`speaker`).
    pub x_label: &'a str,
    /// The value axis, e.g. `matches per million words`.
    pub y_label: &'a str,
    pub kind: ChartKind,
    /// Bucket label → value, in display order. NaN, infinite and negative values are drawn
    /// as 0 (counts and rates are never negative).
    pub points: &'a [(String, f64)],
    /// A small footer line (version, index fingerprint, corpus size).
    pub note: Option<&'a str>,
}

const WIDTH: f64 = 800.0;
const SERIES_HEIGHT: f64 = 450.0;
/// Vertical space per bar, and the bar's thickness within it.
const ROW: f64 = 24.0;
const BAR: f64 = 16.0;
/// Category names longer than this (in pixels at `TICK_PX`) are cut with `…`.
const MAX_CATEGORY_PX: f64 = 240.0;

const FONT: &str = "Helvetica, Arial, 'DejaVu Sans', sans-serif";
const TITLE_PX: f64 = 16.0;
const LABEL_PX: f64 = 13.0;
const TICK_PX: f64 = 12.0;
const INK: &str = "#222222";
const MUTED: &str = "#666666";
const GRID: &str = "#e2e2e2";
const ACCENT: &str = "#2f6eb5";

/// Size, colour and weight of a piece of text.
struct Font {
    px: f64,
    fill: &'static str,
    bold: bool,
}

impl Font {
    const fn new(px: f64, fill: &'static str, bold: bool) -> Font {
        Font { px, fill, bold }
    }
}

const TITLE: Font = Font::new(TITLE_PX, INK, true);
const AXIS_LABEL: Font = Font::new(LABEL_PX, INK, false);
const HEADER: Font = Font::new(TICK_PX, INK, true);
const CATEGORY: Font = Font::new(TICK_PX, INK, false);
const TICK: Font = Font::new(TICK_PX, MUTED, false);
const NOTE: Font = Font::new(10.0, MUTED, false);
const MESSAGE: Font = Font::new(LABEL_PX, MUTED, false);

/// The chart as an SVG document.
pub fn svg(chart: &Chart) -> String {
    let values: Vec<f64> = chart.points.iter().map(|p| clean(p.1)).collect();
    let footer = if chart.note.is_some() { 24.0 } else { 10.0 };
    let height = match chart.kind {
        ChartKind::TimeSeries => SERIES_HEIGHT,
        ChartKind::Bars if values.is_empty() => SERIES_HEIGHT / 2.0,
        // Title, header row, bars, tick labels, axis label, note.
        ChartKind::Bars => {
            title_bottom(chart.title) + 22.0 + ROW * values.len() as f64 + 46.0 + footer
        }
    };
    let mut s = Svg::new(height, chart.title);
    let top = s.title(chart.title);
    if let Some(note) = chart.note {
        s.text(WIDTH - 16.0, height - 10.0, "end", &NOTE, note);
    }
    let bottom = height - footer;
    if values.is_empty() {
        s.text(
            WIDTH / 2.0,
            (top + bottom) / 2.0,
            "middle",
            &MESSAGE,
            "no data",
        );
    } else {
        match chart.kind {
            ChartKind::TimeSeries => series(&mut s, chart, &values, top, bottom),
            ChartKind::Bars => bars(&mut s, chart, &values, top, bottom),
        }
    }
    s.finish()
}

/// Line and markers; x labels thinned to fit, y from 0 with round ticks.
fn series(s: &mut Svg, chart: &Chart, values: &[f64], top: f64, bottom: f64) {
    let ticks = Ticks::new(values.iter().copied().fold(0.0, f64::max));
    let tick_w = ticks
        .labels()
        .map(|t| text_width(&t, TICK_PX))
        .fold(0.0, f64::max);
    let (left, right) = (16.0 + LABEL_PX + 12.0 + tick_w + 8.0, WIDTH - 24.0);
    let (plot_top, plot_bottom) = (top + 8.0, bottom - 44.0);
    let y = |v: f64| plot_bottom - v / ticks.top * (plot_bottom - plot_top);

    for (v, label) in ticks.values().zip(ticks.labels()) {
        if v > 0.0 {
            s.hline(left, right, y(v), GRID);
        }
        s.text(left - 8.0, y(v) + 4.0, "end", &TICK, &label);
    }
    s.hline(left, right, plot_bottom, INK);

    let n = values.len();
    let band = (right - left) / n as f64;
    let x = |i: usize| left + (i as f64 + 0.5) * band;
    let labels: Vec<&str> = chart.points.iter().map(|p| p.0.as_str()).collect();
    for (i, (label, show)) in labels.iter().zip(shown(&labels, band)).enumerate() {
        if show {
            s.vline(x(i), plot_bottom, plot_bottom + 5.0, INK);
            s.text(x(i), plot_bottom + 19.0, "middle", &CATEGORY, label);
        }
    }

    let mut d = String::new();
    for (i, v) in values.iter().enumerate() {
        let cmd = if i == 0 { 'M' } else { 'L' };
        let _ = write!(d, "{cmd}{},{} ", num(x(i)), num(y(*v)));
    }
    let _ = write!(
        s.out,
        r#"<path d="{}" fill="none" stroke="{ACCENT}" stroke-width="2" stroke-linejoin="round"/>"#,
        d.trim_end()
    );
    s.out.push('\n');
    let r = (band / 3.0).clamp(1.5, 3.5);
    // A white ring sets a marker off the line; on a dense series it would cut the line to dashes.
    let ring = if r >= 3.0 {
        r#" stroke="white" stroke-width="1""#
    } else {
        ""
    };
    for (i, v) in values.iter().enumerate() {
        let _ = writeln!(
            s.out,
            r#"<circle class="point" cx="{}" cy="{}" r="{}" fill="{ACCENT}"{ring}><title>{}: {}</title></circle>"#,
            num(x(i)),
            num(y(*v)),
            num(r),
            escape(labels[i]),
            value_label(*v)
        );
    }

    s.text(
        (left + right) / 2.0,
        bottom - 6.0,
        "middle",
        &AXIS_LABEL,
        chart.x_label,
    );
    s.vertical_text(
        16.0 + LABEL_PX,
        (plot_top + plot_bottom) / 2.0,
        chart.y_label,
    );
}

/// One bar per category, names on the left, values at the bar ends, value axis below.
fn bars(s: &mut Svg, chart: &Chart, values: &[f64], top: f64, bottom: f64) {
    let names: Vec<String> = chart
        .points
        .iter()
        .map(|p| truncate(&p.0, MAX_CATEGORY_PX, TICK_PX))
        .collect();
    let value_labels: Vec<String> = values.iter().map(|v| value_label(*v)).collect();
    let name_w = names
        .iter()
        .map(|n| text_width(n, TICK_PX))
        .fold(0.0, f64::max);
    let name_w = name_w.max(text_width(chart.x_label, TICK_PX));
    let value_w = value_labels
        .iter()
        .map(|v| text_width(v, TICK_PX))
        .fold(0.0, f64::max);
    let ticks = Ticks::new(values.iter().copied().fold(0.0, f64::max));
    let (left, right) = (16.0 + name_w + 10.0, WIDTH - 16.0 - value_w - 6.0);
    let plot_top = top + 22.0;
    let plot_bottom = plot_top + ROW * values.len() as f64;
    let x = |v: f64| left + v / ticks.top * (right - left);

    for (v, label) in ticks.values().zip(ticks.labels()) {
        if v > 0.0 {
            s.vline(x(v), plot_top, plot_bottom, GRID);
        }
        s.text(x(v), plot_bottom + 17.0, "middle", &TICK, &label);
    }
    s.vline(left, plot_top, plot_bottom, INK);
    s.text(left - 8.0, plot_top - 8.0, "end", &HEADER, chart.x_label);

    for (i, v) in values.iter().enumerate() {
        let row = plot_top + ROW * i as f64;
        let mid = row + ROW / 2.0;
        let _ = writeln!(
            s.out,
            r#"<rect class="bar" x="{}" y="{}" width="{}" height="{BAR}" fill="{ACCENT}"><title>{}: {}</title></rect>"#,
            num(left),
            num(row + (ROW - BAR) / 2.0),
            num(x(*v) - left),
            escape(&chart.points[i].0),
            value_labels[i]
        );
        s.text(left - 8.0, mid + 4.0, "end", &CATEGORY, &names[i]);
        s.text(x(*v) + 5.0, mid + 4.0, "start", &TICK, &value_labels[i]);
    }
    s.text(
        (left + right) / 2.0,
        bottom - 6.0,
        "middle",
        &AXIS_LABEL,
        chart.y_label,
    );
}

/// Which x labels are drawn: as many as fit `band` pixels a bucket, at round steps (every 5th
/// year, every January), so 200 months still read.
fn shown(labels: &[&str], band: f64) -> Vec<bool> {
    let widest = labels
        .iter()
        .map(|l| text_width(l, TICK_PX))
        .fold(0.0, f64::max);
    // The width is an estimate: leave room for wider fonts than the one it assumes.
    let need = ((widest * 1.15 + 14.0) / band).ceil().max(1.0) as usize;
    if let Some(months) = labels
        .iter()
        .map(|l| month_number(l))
        .collect::<Option<Vec<_>>>()
    {
        let step = [1, 2, 3, 6, 12, 24, 36, 60, 120, 240]
            .into_iter()
            .find(|&k| k >= need)
            .unwrap_or(need.next_multiple_of(12));
        return months.iter().map(|m| m % step == 0).collect();
    }
    let step = [1, 2, 5, 10, 20, 50, 100, 200, 500]
        .into_iter()
        .find(|&k| k >= need)
        .unwrap_or(need);
    if let Some(years) = labels
        .iter()
        .map(|l| l.parse::<usize>().ok())
        .collect::<Option<Vec<_>>>()
    {
        return years.iter().map(|y| y % step == 0).collect();
    }
    (0..labels.len()).map(|i| i % step == 0).collect()
}

/// Months since year 0 for a `YYYY-MM` label, so January is a multiple of 12.
fn month_number(label: &str) -> Option<usize> {
    let (y, m) = label.split_once('-')?;
    let (y, m) = (y.parse::<usize>().ok()?, m.parse::<usize>().ok()?);
    (y < 10_000 && (1..=12).contains(&m) && label.len() == 7).then_some(y * 12 + m - 1)
}

/// Axis ticks 0, step, 2·step … top, where step is 1, 2, 2.5 or 5 × 10ⁿ (3 to 6 steps) and top
/// is the first multiple of step at or above the largest value.
struct Ticks {
    step: f64,
    top: f64,
    decimals: usize,
}

impl Ticks {
    fn new(max: f64) -> Ticks {
        let max = if max > 0.0 { max } else { 1.0 };
        let raw = max / 6.0;
        let magnitude = 10f64.powf(raw.log10().floor());
        let step = magnitude
            * [1.0, 2.0, 2.5, 5.0, 10.0]
                .into_iter()
                .find(|&m| raw / magnitude <= m + 1e-9)
                .unwrap_or(10.0);
        // Floating division: 0.6 / 0.2 = 2.9999999999999996 must give 3 steps, not 4.
        let top = ((max / step) - 1e-9).ceil().max(1.0) * step;
        let mut decimals = (-step.log10().floor()).max(0.0) as usize;
        let scaled = step * 10f64.powi(decimals as i32);
        if (scaled - scaled.round()).abs() > 1e-6 {
            decimals += 1;
        }
        Ticks {
            step,
            top,
            decimals,
        }
    }

    fn values(&self) -> impl Iterator<Item = f64> + '_ {
        let n = (self.top / self.step).round() as usize;
        (0..=n).map(|i| i as f64 * self.step)
    }

    fn labels(&self) -> impl Iterator<Item = String> + '_ {
        self.values()
            .map(|v| group_thousands(&format!("{v:.*}", self.decimals)))
    }
}

/// A value at a bar end or in a tooltip: whole numbers as such, else about 3 significant digits.
fn value_label(v: f64) -> String {
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
    group_thousands(s)
}

/// `12500.5` → `12,500.5`.
fn group_thousands(s: &str) -> String {
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
fn clean(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        0.0
    }
}

/// Estimated rendered width: sans-serif glyphs average a little over half an em.
fn text_width(s: &str, px: f64) -> f64 {
    s.chars().count() as f64 * px * 0.58
}

/// `s` cut with `…` to fit `max` pixels.
fn truncate(s: &str, max: f64, px: f64) -> String {
    if text_width(s, px) <= max {
        return s.to_string();
    }
    let keep = (max / (px * 0.58)) as usize - 1;
    let cut: String = s.chars().take(keep).collect();
    format!("{}…", cut.trim_end())
}

/// The title in at most two lines of words; a longer one is cut with `…`.
fn title_lines(title: &str) -> Vec<String> {
    let max = WIDTH - 40.0;
    let mut lines: Vec<String> = vec![String::new()];
    for word in title.split_whitespace() {
        let full = lines.len() == 2;
        let last = lines.last_mut().expect("one line");
        if last.is_empty() {
            last.push_str(word);
        } else if full || text_width(&format!("{last} {word}"), TITLE_PX) <= max {
            last.push(' ');
            last.push_str(word);
        } else {
            lines.push(word.to_string());
        }
    }
    lines.iter().map(|l| truncate(l, max, TITLE_PX)).collect()
}

/// Where the title ends (its last baseline plus descent).
fn title_bottom(title: &str) -> f64 {
    14.0 + 20.0 * title_lines(title).len() as f64 + 6.0
}

/// Text for an element or attribute: markup characters escaped, characters XML 1.0 forbids
/// dropped, line breaks as spaces.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with at most one decimal, `12` rather than `12.0`.
fn num(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").unwrap_or(&s).to_string()
}

/// The document being written.
struct Svg {
    out: String,
}

impl Svg {
    fn new(height: f64, title: &str) -> Svg {
        let (w, h) = (num(WIDTH), num(height));
        let mut out = String::new();
        let _ = write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {w} {h}\" font-family=\"{FONT}\">\n\
             <title>{}</title>\n\
             <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
            escape(title)
        );
        Svg { out }
    }

    /// The title, centred; returns where the chart below it may start.
    fn title(&mut self, title: &str) -> f64 {
        for (i, line) in title_lines(title).iter().enumerate() {
            let y = 14.0 + 20.0 * (i + 1) as f64;
            self.text(WIDTH / 2.0, y, "middle", &TITLE, line);
        }
        title_bottom(title)
    }

    /// `s` with its baseline at `y`; `anchor` is `start`, `middle` or `end` of the text at `x`.
    fn text(&mut self, x: f64, y: f64, anchor: &str, font: &Font, s: &str) {
        let Font { px, fill, bold } = font;
        let weight = if *bold { r#" font-weight="bold""# } else { "" };
        let _ = writeln!(
            self.out,
            r#"<text x="{}" y="{}" text-anchor="{anchor}" font-size="{px}" fill="{fill}"{weight}>{}</text>"#,
            num(x),
            num(y),
            escape(s)
        );
    }

    /// An axis label read bottom to top, centred on (`x`, `y`).
    fn vertical_text(&mut self, x: f64, y: f64, s: &str) {
        let _ = writeln!(
            self.out,
            r#"<text transform="translate({},{}) rotate(-90)" text-anchor="middle" font-size="{LABEL_PX}" fill="{INK}">{}</text>"#,
            num(x),
            num(y),
            escape(s)
        );
    }

    fn hline(&mut self, x1: f64, x2: f64, y: f64, stroke: &str) {
        self.line(x1, y, x2, y, stroke);
    }

    fn vline(&mut self, x: f64, y1: f64, y2: f64, stroke: &str) {
        self.line(x, y1, x, y2, stroke);
    }

    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str) {
        let _ = writeln!(
            self.out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}" stroke-width="1" shape-rendering="crispEdges"/>"#,
            num(x1),
            num(y1),
            num(x2),
            num(y2)
        );
    }

    fn finish(mut self) -> String {
        self.out.push_str("</svg>\n");
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(v: &[(&str, f64)]) -> Vec<(String, f64)> {
        v.iter().map(|(l, x)| (l.to_string(), *x)).collect()
    }

    fn chart<'a>(kind: ChartKind, points: &'a [(String, f64)]) -> Chart<'a> {
        Chart {
            title: r#""climate change" & <CO2> — matches per million words by year"#,
            x_label: "year",
            y_label: "matches per million words",
            kind,
            points,
            note: Some("rostra 0.1.0 · index 3f9a · 64,239 paragraphs"),
        }
    }

    /// Parses `svg` as XML (a browser or Inkscape would refuse anything less) and checks the
    /// root is a sized SVG element.
    fn parse(svg: &str) -> roxmltree::Document<'_> {
        let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        for a in ["width", "height", "viewBox"] {
            assert!(root.attribute(a).is_some(), "no {a}");
        }
        doc
    }

    fn texts<'a>(doc: &'a roxmltree::Document) -> Vec<&'a str> {
        doc.descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect()
    }

    fn with_class<'a, 'i>(
        doc: &'a roxmltree::Document<'i>,
        class: &str,
    ) -> Vec<roxmltree::Node<'a, 'i>> {
        doc.descendants()
            .filter(|n| n.attribute("class") == Some(class))
            .collect()
    }

    fn attr(n: &roxmltree::Node, a: &str) -> f64 {
        n.attribute(a).expect(a).parse().expect("a number")
    }

    #[test]
    fn title_with_quotes_ampersand_and_angle_brackets_is_escaped() {
        let p = points(&[("2019", 1.0), ("2020", 2.0)]);
        for kind in [ChartKind::TimeSeries, ChartKind::Bars] {
            let c = chart(kind, &p);
            let out = svg(&c);
            assert!(out.contains("&amp; &lt;CO2&gt;"), "{out}");
            let doc = parse(&out);
            assert!(texts(&doc).contains(&c.title), "{:?}", texts(&doc));
            let title = doc.root_element().first_element_child().unwrap();
            assert_eq!(
                (title.tag_name().name(), title.text()),
                ("title", Some(c.title))
            );
        }
    }

    #[test]
    fn control_characters_are_dropped_not_written() {
        let p = points(&[("a\u{1}b", 1.0)]);
        let mut c = chart(ChartKind::Bars, &p);
        c.title = "tab\there\u{0}";
        let doc_text = svg(&c);
        let doc = parse(&doc_text);
        assert!(texts(&doc).contains(&"tab here"));
        assert!(texts(&doc).contains(&"ab"));
    }

    #[test]
    fn series_has_one_marker_per_point_at_heights_proportional_to_values() {
        let p = points(&[
            ("2017", 0.0),
            ("2018", 10.0),
            ("2019", 35.0),
            ("2020", 20.0),
        ]);
        let out = svg(&chart(ChartKind::TimeSeries, &p));
        let doc = parse(&out);
        let marks = with_class(&doc, "point");
        assert_eq!(marks.len(), 4);
        let base = attr(&marks[0], "cy");
        let rise: Vec<f64> = marks.iter().map(|m| base - attr(m, "cy")).collect();
        for (r, (_, v)) in rise.iter().zip(&p) {
            assert!((r / rise[2] - v / 35.0).abs() < 0.01, "{rise:?}");
        }
        let xs: Vec<f64> = marks.iter().map(|m| attr(m, "cx")).collect();
        assert!(
            xs.windows(2).all(|w| w[0] < w[1]),
            "x follows the given order: {xs:?}"
        );
        assert!(out.contains("<path d=\"M"), "a line joins the markers");
    }

    #[test]
    fn bars_have_one_rect_per_point_in_order_with_widths_proportional_to_values() {
        let p = points(&[
            ("Vladimir Putin", 40.0),
            ("Dmitry Peskov", 10.0),
            ("Sergei Lavrov", 25.0),
        ]);
        let mut c = chart(ChartKind::Bars, &p);
        c.x_label = "speaker";
        let doc_text = svg(&c);
        let doc = parse(&doc_text);
        let bars = with_class(&doc, "bar");
        assert_eq!(bars.len(), 3);
        let w: Vec<f64> = bars.iter().map(|b| attr(b, "width")).collect();
        assert!(
            (w[1] / w[0] - 0.25).abs() < 0.01 && (w[2] / w[0] - 0.625).abs() < 0.01,
            "{w:?}"
        );
        let ys: Vec<f64> = bars.iter().map(|b| attr(b, "y")).collect();
        assert!(
            ys.windows(2).all(|w| w[0] < w[1]),
            "top to bottom in order: {ys:?}"
        );
        let t = texts(&doc);
        for label in ["Vladimir Putin", "Dmitry Peskov", "40", "10", "25"] {
            assert!(t.contains(&label), "{label} missing from {t:?}");
        }
    }

    #[test]
    fn axis_labels_and_note_are_drawn() {
        let p = points(&[("2019", 3.0)]);
        for kind in [ChartKind::TimeSeries, ChartKind::Bars] {
            let doc_text = svg(&chart(kind, &p));
            let doc = parse(&doc_text);
            let t = texts(&doc);
            for label in [
                "year",
                "matches per million words",
                "rostra 0.1.0 · index 3f9a · 64,239 paragraphs",
            ] {
                assert!(t.contains(&label), "{kind:?}: {label} missing from {t:?}");
            }
        }
    }

    #[test]
    fn empty_points_give_a_valid_chart_saying_no_data() {
        for kind in [ChartKind::TimeSeries, ChartKind::Bars] {
            let doc_text = svg(&chart(kind, &[]));
            let doc = parse(&doc_text);
            assert!(texts(&doc).contains(&"no data"));
            assert!(with_class(&doc, "bar").is_empty() && with_class(&doc, "point").is_empty());
        }
    }

    #[test]
    fn nan_infinite_and_negative_values_are_drawn_as_zero() {
        let p = points(&[
            ("a", f64::NAN),
            ("b", f64::INFINITY),
            ("c", -3.0),
            ("d", 2.0),
        ]);
        let out = svg(&chart(ChartKind::Bars, &p));
        let doc = parse(&out);
        let w: Vec<f64> = with_class(&doc, "bar")
            .iter()
            .map(|b| attr(b, "width"))
            .collect();
        assert_eq!(&w[..3], &[0.0, 0.0, 0.0]);
        assert!(w[3] > 0.0);
        assert!(!out.contains("NaN") && !out.contains("inf"), "{out}");
        let all_bad = points(&[("2019", f64::NAN)]);
        let out = svg(&chart(ChartKind::TimeSeries, &all_bad));
        assert!(!out.contains("NaN"));
        parse(&out);
    }

    #[test]
    fn two_hundred_months_label_only_januaries_that_fit() {
        let p: Vec<(String, f64)> = (0..200)
            .map(|i| {
                (
                    format!("{}-{:02}", 2005 + i / 12, i % 12 + 1),
                    (i % 17) as f64,
                )
            })
            .collect();
        let doc_text = svg(&chart(ChartKind::TimeSeries, &p));
        let doc = parse(&doc_text);
        assert_eq!(with_class(&doc, "point").len(), 200);
        let shown: Vec<&str> = texts(&doc)
            .into_iter()
            .filter(|t| month_number(t).is_some())
            .collect();
        assert!((5..=14).contains(&shown.len()), "{shown:?}");
        assert!(shown.iter().all(|m| m.ends_with("-01")), "{shown:?}");
    }

    #[test]
    fn years_are_labelled_at_round_steps_when_crowded() {
        let labels: Vec<String> = (1950..2025).map(|y| y.to_string()).collect();
        let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let picked: Vec<&str> = refs
            .iter()
            .zip(shown(&refs, 5.0))
            .filter(|p| p.1)
            .map(|p| *p.0)
            .collect();
        assert_eq!(
            picked,
            ["1950", "1960", "1970", "1980", "1990", "2000", "2010", "2020"]
        );
        assert!(
            shown(&refs[..5], 100.0).iter().all(|s| *s),
            "few years: all labelled"
        );
    }

    #[test]
    fn long_category_names_are_cut_with_an_ellipsis_but_kept_in_the_tooltip() {
        let long = "The Plenipotentiary Envoy of the President to the Central Federal District";
        let p = points(&[(long, 5.0)]);
        let doc_text = svg(&chart(ChartKind::Bars, &p));
        let doc = parse(&doc_text);
        let cut = texts(&doc)
            .into_iter()
            .find(|t| t.starts_with("The Plenipotentiary"))
            .unwrap();
        assert!(
            cut.ends_with('…') && cut.chars().count() < long.chars().count(),
            "{cut}"
        );
        assert!(doc_text.contains(&format!("<title>{long}: 5</title>")));
    }

    #[test]
    fn bar_chart_grows_with_the_number_of_bars() {
        let height = |n: usize| {
            let p: Vec<(String, f64)> = (0..n).map(|i| (format!("s{i}"), 1.0)).collect();
            let out = svg(&chart(ChartKind::Bars, &p));
            attr(&parse(&out).root_element(), "height")
        };
        assert_eq!(height(20) - height(10), 10.0 * ROW);
    }

    #[test]
    fn ticks_are_round_and_reach_the_largest_value() {
        let t = Ticks::new(42.0);
        assert_eq!((t.step, t.top), (10.0, 50.0));
        assert_eq!(
            t.labels().collect::<Vec<_>>(),
            ["0", "10", "20", "30", "40", "50"]
        );
        let t = Ticks::new(0.6);
        assert_eq!(
            t.labels().last().unwrap(),
            "0.6",
            "0.6 / 0.2 is 3 steps, not 4"
        );
        let t = Ticks::new(14.0);
        assert_eq!(
            t.labels().collect::<Vec<_>>(),
            ["0.0", "2.5", "5.0", "7.5", "10.0", "12.5", "15.0"]
        );
        assert_eq!(Ticks::new(12_400.0).labels().last().unwrap(), "12,500");
        assert_eq!(Ticks::new(0.0).top, 1.0, "all zero: an axis to 1");
    }

    #[test]
    fn long_titles_wrap_to_two_lines_then_are_cut() {
        let words = |n: usize| vec!["parliamentary"; n].join(" ");
        assert_eq!(title_lines(&words(3)).len(), 1);
        let two = title_lines(&words(8));
        assert_eq!(two.len(), 2);
        assert_eq!(two.join(" "), words(8));
        let cut = title_lines(&words(40));
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…') && text_width(&cut[1], TITLE_PX) <= WIDTH - 40.0);
    }

    #[test]
    fn values_read_with_about_three_significant_digits() {
        assert_eq!(value_label(12.0), "12");
        assert_eq!(value_label(12_345.6), "12,346");
        assert_eq!(value_label(12.34), "12.3");
        assert_eq!(value_label(1.5), "1.5");
        assert_eq!(value_label(0.01234), "0.0123");
        assert_eq!(value_label(0.0), "0");
    }

    /// Writes one chart of each kind to the temp dir, to look at:
    /// `cargo test --lib render::svg -- --ignored`, then open sample-*.svg.
    #[test]
    #[ignore]
    fn write_samples() {
        let years: Vec<(String, f64)> = (2000..2025)
            .map(|y| {
                (
                    y.to_string(),
                    20.0 + 15.0 * ((y - 2000) as f64 * 0.6).sin() + (y - 2000) as f64,
                )
            })
            .collect();
        let months: Vec<(String, f64)> = (0..200)
            .map(|i| {
                (
                    format!("{}-{:02}", 2008 + i / 12, i % 12 + 1),
                    8.0 + 6.0 * (i as f64 * 0.3).sin().abs() + (i % 7) as f64,
                )
            })
            .collect();
        let speakers = points(&[
            ("Vladimir Putin", 412.7),
            ("Dmitry Medvedev", 230.4),
            ("Sergei Lavrov", 118.0),
            ("Dmitry Peskov", 61.25),
            (
                "The Plenipotentiary Envoy of the President to the Central Federal District",
                12.0,
            ),
            ("Elvira Nabiullina", 3.5),
            ("Unknown & <unlabelled>", f64::NAN),
        ]);
        let dir = std::env::temp_dir();
        let mut c = chart(ChartKind::TimeSeries, &years);
        std::fs::write(dir.join("sample-series.svg"), svg(&c)).unwrap();
        c.points = &months;
        c.x_label = "month";
        c.title = r#""climate change" & <CO2> — matches per million words by month"#;
        std::fs::write(dir.join("sample-months.svg"), svg(&c)).unwrap();
        c.kind = ChartKind::Bars;
        c.points = &speakers;
        c.x_label = "speaker";
        c.title = r#""climate change" & <CO2> — matches per million words by speaker"#;
        std::fs::write(dir.join("sample-bars.svg"), svg(&c)).unwrap();
        c.points = &[];
        std::fs::write(dir.join("sample-empty.svg"), svg(&c)).unwrap();
    }
}
