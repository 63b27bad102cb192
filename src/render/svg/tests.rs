//! Tests of the charts: every chart parsed as XML (roxmltree), checking the data drawn.
use super::time::{time_label, time_of, time_ticks};
use super::*;

const ACCENT: &str = "#2F6EB5";

fn points(v: &[(&str, f64)]) -> Vec<(String, f64)> {
    v.iter().map(|(l, x)| (l.to_string(), *x)).collect()
}

fn one(points: &[(String, f64)]) -> [Series<'_>; 1] {
    [Series {
        name: "matches",
        points,
        words: &[],
    }]
}

fn chart<'a>(kind: ChartKind, series: &'a [Series<'a>]) -> Chart<'a> {
    Chart {
        title: r#""climate change" & <CO2> — matches per million words by year"#,
        x_label: "year",
        y_label: "matches per million words",
        kind,
        series,
        note: Some("rostra 0.1.0 · index 3f9a · 64,239 paragraphs"),
        subtitle: Some(
            "speaker putin · from 2016-01-01 · 12 matches in 9 paragraphs of 3,456 words",
        ),
        min_words: 0,
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
        .map(str::trim)
        .collect()
}

/// The data marks: `circle`s (markers) or `rect`s (bars) in `fill`.
fn marks<'a, 'i>(
    doc: &'a roxmltree::Document<'i>,
    tag: &str,
    fill: &str,
) -> Vec<roxmltree::Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.has_tag_name(tag) && n.attribute("fill") == Some(fill))
        .collect()
}

fn attr(n: &roxmltree::Node, a: &str) -> f64 {
    n.attribute(a).expect(a).parse().expect("a number")
}

#[test]
fn title_with_quotes_ampersand_and_angle_brackets_is_escaped() {
    let p = points(&[("2019", 1.0), ("2020", 2.0)]);
    let s = one(&p);
    for kind in [ChartKind::TimeSeries, ChartKind::Bars] {
        let c = chart(kind, &s);
        let out = svg(&c);
        assert!(out.contains("&amp; &lt;CO2&gt;"), "{out}");
        let doc = parse(&out);
        assert!(texts(&doc).contains(&c.title), "{:?}", texts(&doc));
    }
}

#[test]
fn control_characters_are_dropped_not_written() {
    let p = points(&[("a\u{1}b", 1.0)]);
    let s = one(&p);
    let mut c = chart(ChartKind::Bars, &s);
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
    let s = one(&p);
    let out = svg(&chart(ChartKind::TimeSeries, &s));
    let doc = parse(&out);
    let dots = marks(&doc, "circle", ACCENT);
    assert_eq!(dots.len(), 4);
    let base = attr(&dots[0], "cy");
    let rise: Vec<f64> = dots.iter().map(|m| base - attr(m, "cy")).collect();
    for (r, (_, v)) in rise.iter().zip(&p) {
        // Pixel coordinates are whole numbers: within a pixel of proportional.
        assert!((r - rise[2] * v / 35.0).abs() <= 1.0, "{rise:?}");
    }
    let xs: Vec<f64> = dots.iter().map(|m| attr(m, "cx")).collect();
    assert!(
        xs.windows(2).all(|w| w[0] < w[1]),
        "x follows the given order: {xs:?}"
    );
    let line = doc
        .descendants()
        .find(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some(ACCENT))
        .expect("a line joins the markers");
    assert_eq!(
        line.attribute("points").unwrap().split_whitespace().count(),
        4
    );
    let t = texts(&doc);
    for year in ["2017", "2018", "2019", "2020"] {
        assert!(t.contains(&year), "{year} missing from {t:?}");
    }
}

#[test]
fn years_sit_on_a_time_axis_so_a_missing_year_is_a_gap() {
    let p = points(&[("2003", 1.0), ("2005", 2.0), ("2006", 3.0)]);
    let s = one(&p);
    let doc_text = svg(&chart(ChartKind::TimeSeries, &s));
    let doc = parse(&doc_text);
    let xs: Vec<f64> = marks(&doc, "circle", ACCENT)
        .iter()
        .map(|m| attr(m, "cx"))
        .collect();
    let (two_years, one_year) = (xs[1] - xs[0], xs[2] - xs[1]);
    assert!((two_years - 2.0 * one_year).abs() <= 1.0, "{xs:?}");
}

/// Issue 15: the line joined 2003 to 2005 over a year without pages. On the time axis the
/// gap is twice the step, and no segment of the line crosses it.
#[test]
fn a_year_without_text_breaks_the_line() {
    let p = points(&[("2001", 1.0), ("2002", 2.0), ("2005", 2.0), ("2006", 3.0)]);
    let s = one(&p);
    let doc_text = svg(&chart(ChartKind::TimeSeries, &s));
    let doc = parse(&doc_text);
    let xs: Vec<f64> = marks(&doc, "circle", ACCENT)
        .iter()
        .map(|m| attr(m, "cx"))
        .collect();
    let (gap_from, gap_to) = (xs[1], xs[2]);
    assert!(
        (gap_to - gap_from - 3.0 * (xs[1] - xs[0])).abs() <= 1.5,
        "{xs:?}"
    );
    let lines: Vec<Vec<f64>> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some(ACCENT))
        .map(|n| {
            n.attribute("points")
                .unwrap()
                .split_whitespace()
                .map(|xy| xy.split(',').next().unwrap().parse().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(lines.len(), 2, "two runs: {lines:?}");
    for l in &lines {
        assert!(
            l.iter().all(|x| *x <= gap_from) || l.iter().all(|x| *x >= gap_to),
            "a segment crosses the gap: {l:?}"
        );
    }
}

fn words_chart<'a>(series: &'a [Series<'a>], min_words: u64) -> Chart<'a> {
    Chart {
        min_words,
        ..chart(ChartKind::TimeSeries, series)
    }
}

const WORDS_FILL: &str = "#9AA4B0";
const FEW_FILL: &str = "#E4E8EC";

/// The words of each bucket are drawn under the rates, bars proportional to the counts, and
/// the buckets under `min_words` are hollow markers above and pale bars below, with the
/// threshold said in the chart.
#[test]
fn words_panel_shows_the_text_behind_each_rate_and_marks_thin_buckets() {
    let p = points(&[("2017", 5.0), ("2018", 40.0), ("2019", 10.0), ("2020", 8.0)]);
    let words = [50_000, 7_319, 20_000, 40_000];
    let s = [Series {
        name: "q",
        points: &p,
        words: &words,
    }];
    let doc_text = svg(&words_chart(&s, 10_000));
    let doc = parse(&doc_text);
    let full = marks(&doc, "rect", WORDS_FILL);
    let pale = marks(&doc, "rect", FEW_FILL);
    assert_eq!((full.len(), pale.len()), (3, 1));
    let heights: Vec<f64> = full.iter().map(|r| attr(r, "height")).collect();
    // 50,000 : 20,000 : 40,000, within a pixel.
    assert!((heights[1] - heights[0] * 0.4).abs() <= 1.0, "{heights:?}");
    assert!((heights[2] - heights[0] * 0.8).abs() <= 1.0, "{heights:?}");
    let bar_x = |r: &roxmltree::Node| attr(r, "x") + attr(r, "width") / 2.0;
    let filled = marks(&doc, "circle", ACCENT);
    assert_eq!(filled.len(), 3);
    let hollow: Vec<_> = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("circle")
                && n.attribute("stroke") == Some(ACCENT)
                && n.attribute("fill") == Some("none")
        })
        .collect();
    assert_eq!(hollow.len(), 1, "the 2018 marker is hollow");
    assert!(
        (attr(&hollow[0], "cx") - bar_x(&pale[0])).abs() <= 1.0,
        "the pale bar is under the hollow marker"
    );
    // Markers and bars share the time axis.
    assert!((attr(&filled[0], "cx") - bar_x(&full[0])).abs() <= 1.0);
    let t = texts(&doc);
    assert!(
        t.iter().any(|l| l.contains("under 10,000 words")),
        "the threshold is said: {t:?}"
    );
    assert!(t.contains(&"words"), "the words axis is named: {t:?}");
    // Without a threshold nothing is marked.
    let doc_text = svg(&words_chart(&s, 0));
    let doc = parse(&doc_text);
    assert_eq!(marks(&doc, "rect", FEW_FILL).len(), 0);
    assert_eq!(marks(&doc, "circle", ACCENT).len(), 4);
}

#[test]
fn title_and_subtitle_are_drawn() {
    let p = points(&[("2019", 3.0)]);
    let s = one(&p);
    for kind in [ChartKind::TimeSeries, ChartKind::Bars] {
        let c = chart(kind, &s);
        let doc_text = svg(&c);
        let t = texts(&parse(&doc_text)).join("\n");
        assert!(t.contains(c.subtitle.unwrap()), "{t}");
    }
}

/// Tick labels of a drawn chart do not overlap: the x-axis labels (the texts on the lowest
/// line of labels) are further apart than their widths.
#[test]
fn month_labels_of_a_drawn_chart_do_not_overlap() {
    for n in [9, 20, 30, 80, 200] {
        let p: Vec<(String, f64)> = (0..n)
            .map(|i| (format!("{}-{:02}", 2005 + i / 12, i % 12 + 1), 1.0))
            .collect();
        let s = one(&p);
        let doc_text = svg(&chart(ChartKind::TimeSeries, &s));
        let doc = parse(&doc_text);
        let mut ticks: Vec<(f64, &str)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| Some((attr(&n, "x"), n.text()?.trim())))
            .filter(|(_, t)| time_of(t).is_some())
            .collect();
        ticks.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert!(ticks.len() >= 2, "{n}: {ticks:?}");
        for w in ticks.windows(2) {
            let room = (text_width(w[0].1, TICK_PX) + text_width(w[1].1, TICK_PX)) / 2.0;
            assert!(w[1].0 - w[0].0 > room, "{n} months: {w:?} overlap");
        }
    }
}

/// A PNG: the magic bytes, twice the SVG's size, and text drawn (the embedded font loaded):
/// dark pixels in the title's band.
#[test]
fn png_decodes_at_twice_the_svg_size_with_its_text_drawn() {
    let p = points(&[("2019", 1.0), ("2020", 2.0)]);
    let s = one(&p);
    let c = chart(ChartKind::TimeSeries, &s);
    let doc = svg(&c);
    let bytes = png(&doc).expect("a PNG");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&bytes).expect("decodes");
    let root = parse(&doc);
    let h = attr(&root.root_element(), "height");
    assert_eq!(pixmap.width(), 2 * WIDTH);
    assert_eq!(pixmap.height() as f64, 2.0 * h);
    let dark_in_rows = |rows: std::ops::Range<u32>| {
        rows.flat_map(|y| (0..pixmap.width()).map(move |x| (x, y)))
            .filter(|(x, y)| {
                let px = pixmap.pixel(*x, *y).unwrap();
                px.red() < 128 && px.green() < 128 && px.blue() < 128
            })
            .count()
    };
    // The title's glyphs, at 2× between 14 and 30 SVG units from the top.
    assert!(dark_in_rows(28..60) > 500, "no title drawn");
    // Nothing drawn above it.
    assert_eq!(dark_in_rows(0..20), 0);
}

#[test]
fn bars_have_one_rect_per_point_in_order_with_widths_proportional_to_values() {
    let p = points(&[
        ("Vladimir Putin", 40.0),
        ("Dmitry Peskov", 10.0),
        ("Sergei Lavrov", 25.0),
    ]);
    let s = one(&p);
    let mut c = chart(ChartKind::Bars, &s);
    c.x_label = "speaker";
    let doc_text = svg(&c);
    let doc = parse(&doc_text);
    let bars = marks(&doc, "rect", ACCENT);
    assert_eq!(bars.len(), 3);
    let w: Vec<f64> = bars.iter().map(|b| attr(b, "width")).collect();
    assert!(
        (w[1] - w[0] * 0.25).abs() <= 1.0 && (w[2] - w[0] * 0.625).abs() <= 1.0,
        "{w:?}"
    );
    let ys: Vec<f64> = bars.iter().map(|b| attr(b, "y")).collect();
    assert!(
        ys.windows(2).all(|w| w[0] < w[1]),
        "top to bottom in order: {ys:?}"
    );
    let t = texts(&doc);
    for label in [
        "Vladimir Putin",
        "Dmitry Peskov",
        "Sergei Lavrov",
        "40",
        "10",
        "25",
    ] {
        assert!(t.contains(&label), "{label} missing from {t:?}");
    }
    // Each name is level with its bar.
    for (name, bar) in ["Vladimir Putin", "Dmitry Peskov", "Sergei Lavrov"]
        .iter()
        .zip(&bars)
    {
        let text = doc
            .descendants()
            .find(|n| n.has_tag_name("text") && n.text().map(str::trim) == Some(name))
            .unwrap();
        let mid = attr(bar, "y") + attr(bar, "height") / 2.0;
        assert!((attr(&text, "y") - mid).abs() <= 2.0, "{name}");
    }
}

#[test]
fn axis_labels_and_note_are_drawn() {
    let p = points(&[("2019", 3.0)]);
    let s = one(&p);
    for kind in [ChartKind::TimeSeries, ChartKind::Bars] {
        let doc_text = svg(&chart(kind, &s));
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
        for series in [&one(&[])[..], &[]] {
            let doc_text = svg(&chart(kind, series));
            let doc = parse(&doc_text);
            assert!(texts(&doc).contains(&"no data"));
            assert!(marks(&doc, "rect", ACCENT).is_empty());
            assert!(marks(&doc, "circle", ACCENT).is_empty());
        }
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
    let s = one(&p);
    let out = svg(&chart(ChartKind::Bars, &s));
    let doc = parse(&out);
    let w: Vec<f64> = marks(&doc, "rect", ACCENT)
        .iter()
        .map(|b| attr(b, "width"))
        .collect();
    assert_eq!(w.len(), 4);
    assert!(w[..3].iter().all(|w| *w <= 1.0), "{w:?}");
    assert!(w[3] > 100.0);
    assert!(!out.contains("NaN") && !out.contains("inf"), "{out}");
    let all_bad = points(&[("2019", f64::NAN)]);
    let s = one(&all_bad);
    let out = svg(&chart(ChartKind::TimeSeries, &s));
    assert!(!out.contains("NaN"));
    parse(&out);
}

#[test]
fn two_hundred_months_have_a_marker_each_and_a_few_year_ticks() {
    let p: Vec<(String, f64)> = (0..200)
        .map(|i| {
            (
                format!("{}-{:02}", 2005 + i / 12, i % 12 + 1),
                (i % 17) as f64,
            )
        })
        .collect();
    let s = one(&p);
    let doc_text = svg(&chart(ChartKind::TimeSeries, &s));
    let doc = parse(&doc_text);
    assert_eq!(marks(&doc, "circle", ACCENT).len(), 200);
    let years: Vec<&str> = texts(&doc)
        .into_iter()
        .filter(|t| t.len() == 4 && t.parse::<u16>().is_ok())
        .collect();
    assert!((5..=14).contains(&years.len()), "{years:?}");
    assert!(
        years.iter().all(|y| ("2005".."2022").contains(y)),
        "{years:?}"
    );
}

#[test]
fn time_ticks_are_whole_years_or_round_months() {
    let years = time_ticks(1949.5, 2024.5, false, 700.0);
    assert!(years.len() <= 16 && years.len() >= 4, "{years:?}");
    assert!(years.iter().all(|y| y.fract() == 0.0), "{years:?}");
    let steps: Vec<f64> = years.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(
        steps.windows(2).all(|s| s[0] == s[1]),
        "even steps: {years:?}"
    );
    assert_eq!(time_ticks(2018.5, 2020.5, false, 700.0), [2019.0, 2020.0]);
    assert_eq!(time_ticks(2019.5, 2020.5, false, 700.0), [2020.0]);
    // Eight months of 2020: a tick at each first of the month.
    let months: Vec<String> = time_ticks(2020.0 + 2.5 / 12.0, 2020.0 + 10.5 / 12.0, true, 700.0)
        .into_iter()
        .map(time_label)
        .collect();
    assert_eq!(
        months,
        ["2020-04", "2020-05", "2020-06", "2020-07", "2020-08", "2020-09", "2020-10", "2020-11"]
    );
}

/// Issue 15: monthly labels overlapped. At any span and width, the labels fit side by side,
/// on the first of a month, at even steps.
#[test]
fn tick_labels_fit_side_by_side_at_any_span() {
    for width in [150.0, 300.0, 700.0, 1500.0] {
        for months in [1usize, 2, 5, 11, 12, 13, 24, 30, 60, 121, 200, 400, 1200] {
            for monthly in [true, false] {
                let step = if monthly { 1.0 / 12.0 } else { 1.0 };
                let n = if monthly { months } else { months.div_ceil(12) };
                let lo = 2001.0 - step / 2.0;
                let hi = 2001.0 + (n - 1) as f64 * step + step / 2.0;
                let ticks = time_ticks(lo, hi, monthly, width);
                assert!(
                    !ticks.is_empty() || width < 200.0,
                    "{width} {months} {monthly}"
                );
                let labels: Vec<String> = ticks.iter().copied().map(time_label).collect();
                let widest = labels
                    .iter()
                    .map(|l| text_width(l, TICK_PX))
                    .fold(0.0, f64::max);
                assert!(
                    ticks.len() <= 1 || ticks.len() as f64 * widest <= width,
                    "{width} px, {n} buckets: {labels:?}"
                );
                assert!(ticks
                    .iter()
                    .all(|t| (t * 12.0 - (t * 12.0).round()).abs() < 1e-6));
                assert!(ticks.iter().all(|t| *t >= lo && *t <= hi), "{ticks:?}");
                if !monthly {
                    assert!(ticks.iter().all(|t| t.fract() == 0.0), "{labels:?}");
                }
                let gaps: Vec<i64> = ticks
                    .windows(2)
                    .map(|w| ((w[1] - w[0]) * 12.0).round() as i64)
                    .collect();
                assert!(gaps.windows(2).all(|g| g[0] == g[1]), "{labels:?}");
            }
        }
    }
}

#[test]
fn long_category_names_are_cut_with_an_ellipsis() {
    let long = "The Plenipotentiary Envoy of the President to the Central Federal District";
    let p = points(&[(long, 5.0)]);
    let s = one(&p);
    let doc_text = svg(&chart(ChartKind::Bars, &s));
    let doc = parse(&doc_text);
    let cut = texts(&doc)
        .into_iter()
        .find(|t| t.starts_with("The Plenipotentiary"))
        .unwrap();
    assert!(
        cut.ends_with('…') && cut.chars().count() <= MAX_CATEGORY_CHARS,
        "{cut}"
    );
}

#[test]
fn bar_chart_grows_with_the_number_of_bars() {
    let height = |n: usize| {
        let p: Vec<(String, f64)> = (0..n).map(|i| (format!("s{i}"), 1.0)).collect();
        let out = svg(&chart(ChartKind::Bars, &one(&p)));
        attr(&parse(&out).root_element(), "height")
    };
    assert_eq!(height(20) - height(10), 10.0 * ROW as f64);
}

#[test]
fn several_series_get_their_colours_and_a_legend() {
    let a = points(&[("2019", 1.0), ("2020", 2.0)]);
    let b = points(&[("2019", 3.0), ("2020", 0.5)]);
    let series = [
        Series {
            name: "sanctions",
            points: &a,
            words: &[],
        },
        Series {
            name: "embargo",
            points: &b,
            words: &[],
        },
    ];
    let doc_text = svg(&chart(ChartKind::TimeSeries, &series));
    let doc = parse(&doc_text);
    assert_eq!(marks(&doc, "circle", ACCENT).len(), 2);
    assert_eq!(marks(&doc, "circle", "#D95F02").len(), 2);
    let t = texts(&doc);
    assert!(t.contains(&"sanctions") && t.contains(&"embargo"), "{t:?}");
    let single = svg(&chart(ChartKind::TimeSeries, &series[..1]));
    assert!(
        !texts(&parse(&single)).contains(&"sanctions"),
        "no legend for one"
    );
}

#[test]
fn numbers_read_with_about_three_significant_digits() {
    assert_eq!(number(12.0), "12");
    assert_eq!(number(12_345.6), "12,346");
    assert_eq!(number(12.34), "12.3");
    assert_eq!(number(1.5), "1.5");
    assert_eq!(number(0.01234), "0.0123");
    assert_eq!(number(0.0), "0");
}

/// Writes one chart of each kind to the temp dir, to look at:
/// `cargo test --lib render::svg -- --ignored`, then open sample-*.svg.
#[test]
#[ignore]
fn write_samples() {
    let years: Vec<(String, f64)> = (2000..2025)
        .filter(|y| *y != 2004)
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
    let s = one(&years);
    let mut c = chart(ChartKind::TimeSeries, &s);
    std::fs::write(dir.join("sample-series.svg"), svg(&c)).unwrap();
    let s = one(&months);
    c.series = &s;
    c.x_label = "month";
    c.title = r#""climate change" & <CO2> — matches per million words by month"#;
    std::fs::write(dir.join("sample-months.svg"), svg(&c)).unwrap();
    let s = one(&speakers);
    c.kind = ChartKind::Bars;
    c.series = &s;
    c.x_label = "speaker";
    c.title = r#""climate change" & <CO2> — matches per million words by speaker"#;
    std::fs::write(dir.join("sample-bars.svg"), svg(&c)).unwrap();
    c.series = &[];
    std::fs::write(dir.join("sample-empty.svg"), svg(&c)).unwrap();
}
