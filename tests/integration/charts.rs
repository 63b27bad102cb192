//! `stats --plot` end to end (issue 15 §2): SVG and PNG by the extension, a real time axis
//! over the fixture years (2015, 2018, 2020: the years between are gaps), the filters and
//! the text counted in the header, several series with a legend (`--vs`, `--split speaker`)
//! and their counts on stdout, each checked against a single-series run.

use std::path::Path;

use serde_json::Value;

use crate::util::{stderr_of, Sandbox};

const ACCENT: &str = "#2F6EB5";
const SECOND: &str = "#D95F02";

fn svg_doc(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn texts(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_string())
        .collect()
}

/// The x of every data marker in `colour`, filled or hollow, left to right.
fn marker_xs(doc: &roxmltree::Document, colour: &str) -> Vec<f64> {
    let mut xs: Vec<f64> = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("circle")
                && (n.attribute("fill") == Some(colour) || n.attribute("stroke") == Some(colour))
        })
        .map(|n| n.attribute("cx").unwrap().parse().unwrap())
        .collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    xs
}

#[test]
fn plot_is_svg_or_png_by_extension_and_other_extensions_are_refused() {
    let ix = Sandbox::indexed();
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("c.svg");
    let png = dir.path().join("c.PNG");
    for path in [&svg, &png] {
        let out = ix.run(&["stats", "cooperation", "--plot", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    }
    let text = svg_doc(&svg);
    let doc = roxmltree::Document::parse(&text).expect("the SVG parses");
    let width: f64 = doc
        .root_element()
        .attribute("width")
        .unwrap()
        .parse()
        .unwrap();
    let height: f64 = doc
        .root_element()
        .attribute("height")
        .unwrap()
        .parse()
        .unwrap();
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG magic");
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&bytes).expect("the PNG decodes");
    assert_eq!(
        (pixmap.width() as f64, pixmap.height() as f64),
        (2.0 * width, 2.0 * height),
        "the PNG is the SVG at twice its size"
    );
    // Not an empty picture: some pixels are the series' colour.
    let accent = pixmap
        .pixels()
        .iter()
        .filter(|p| (p.red(), p.green(), p.blue()) == (0x2f, 0x6e, 0xb5))
        .count();
    assert!(accent > 50, "{accent} pixels of the line's colour");

    for bad in ["c.pdf", "c.svg.txt", "chart"] {
        let path = dir.path().join(bad);
        let out = ix.run(&["stats", "cooperation", "--plot", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(out.stdout.is_empty(), "{bad}: nothing counted");
        let err = stderr_of(&out);
        assert!(err.contains(".svg or .png"), "{bad}: {err}");
        assert!(!path.exists(), "{bad} written");
    }
}

/// The fixture pages are from 2015, 2018 and 2020: the markers sit 3 and 2 years apart, and
/// no line joins them over the years without text.
#[test]
fn years_without_pages_are_gaps_on_the_time_axis() {
    let ix = Sandbox::indexed();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("y.svg");
    let out = ix.run(&[
        "stats",
        "president OR russia",
        "--min-words",
        "0",
        "--plot",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let text = svg_doc(&path);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let xs = marker_xs(&doc, ACCENT);
    assert_eq!(xs.len(), 3, "{xs:?}");
    let (a, b) = (xs[1] - xs[0], xs[2] - xs[1]);
    assert!(
        (a / b - 1.5).abs() < 0.02,
        "2015→2018 is 3/2 of 2018→2020: {xs:?}"
    );
    for line in doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some(ACCENT))
    {
        let px: Vec<f64> = line
            .attribute("points")
            .unwrap()
            .split_whitespace()
            .map(|p| p.split(',').next().unwrap().parse().unwrap())
            .collect();
        let (lo, hi) = (px[0], px[px.len() - 1]);
        assert!(hi - lo < 1.0, "a line spans years without text: {px:?}");
    }
}

/// The header says the filters and how much text was counted, the numbers `stats --format
/// json` gives; below `--min-words` the markers are hollow.
#[test]
fn the_header_names_the_filters_and_the_text_counted() {
    let ix = Sandbox::indexed();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.svg");
    let args = [
        "stats",
        "cooperation",
        "--speaker",
        "putin",
        "--from",
        "2016",
    ];
    let json = ix.json_lines(&[&args[..], &["--format", "json"]].concat());
    let out = ix.run(&[&args[..], &["--plot", path.to_str().unwrap()]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let text = svg_doc(&path);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let t = texts(&doc);
    let n = |v: &Value| rostra::render::svg::number(v.as_f64().unwrap());
    let sub = t
        .iter()
        .find(|l| l.starts_with("speaker putin"))
        .unwrap_or_else(|| panic!("no subtitle: {t:?}"));
    assert!(sub.contains("from 2016-01-01"), "{sub}");
    assert!(
        sub.contains(&format!(
            "{} matches in {} paragraphs of {} words",
            n(&json[0]["matches"]),
            n(&json[0]["paragraphs"]),
            n(&json[0]["words"])
        )),
        "{sub} vs {}",
        json[0]
    );
    assert!(t.iter().any(|l| l.starts_with("cooperation — ")), "{t:?}");
    // The fixtures are small: every year is under the default 10,000 words.
    let hollow = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle") && n.attribute("fill") == Some("none"))
        .count();
    let buckets = json[0]["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["bucket"] != "(undated)")
        .count();
    assert_eq!(hollow, buckets);
}

/// Two queries: a table each on stdout, a JSON object each, CSV with a series column, each
/// the same as the query counted alone; in the chart a line each and a legend.
#[test]
fn vs_counts_each_query_as_alone_and_draws_a_legend() {
    let ix = Sandbox::indexed();
    let alone = |q: &str| ix.json_lines(&["stats", q, "--format", "json"]).remove(0);
    let (a, b) = (alone("cooperation"), alone("russia"));
    let both = ix.json_lines(&["stats", "cooperation", "--vs", "russia", "--format", "json"]);
    assert_eq!(both.len(), 2);
    for (got, want) in both.iter().zip([&a, &b]) {
        assert_eq!(got["query"], want["query"]);
        assert_eq!(got["buckets"], want["buckets"]);
        assert_eq!(got["matches"], want["matches"]);
    }
    let csv_text = ix.stdout(&["stats", "cooperation", "--vs", "russia", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(&r.headers().unwrap()[0], "series");
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    for (name, want) in [("cooperation", &a), ("russia", &b)] {
        let sum: u64 = rows
            .iter()
            .filter(|r| &r[0] == name)
            .map(|r| r[2].parse::<u64>().unwrap())
            .sum();
        assert_eq!(sum, want["matches"].as_u64().unwrap(), "{name}");
    }
    let table = ix.stdout(&["stats", "cooperation", "--vs", "russia"]);
    assert!(table.starts_with("cooperation:\n"), "{table}");
    assert!(table.contains("\n\nrussia:\n"), "{table}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vs.svg");
    let out = ix.run(&[
        "stats",
        "cooperation",
        "--vs",
        "russia",
        "--plot",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let text = svg_doc(&path);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let t = texts(&doc);
    for (name, want) in [("cooperation", &a), ("russia", &b)] {
        let entry = format!("{name} ({} matches)", want["matches"]);
        assert!(t.contains(&entry), "legend entry {entry} missing: {t:?}");
    }
    assert!(!marker_xs(&doc, ACCENT).is_empty());
    assert!(!marker_xs(&doc, SECOND).is_empty(), "a second colour");
}

/// `--split speaker`: one series per top speaker, each what `--speaker NAME` counts.
#[test]
fn split_by_speaker_counts_the_top_speakers_each_as_with_speaker() {
    let ix = Sandbox::indexed();
    let by_speaker = ix.json_lines(&[
        "stats",
        "cooperation",
        "--by",
        "speaker",
        "--format",
        "json",
    ]);
    let top: Vec<String> = by_speaker[0]["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["bucket"].as_str().unwrap().to_string())
        .filter(|s| s != "(narration)")
        .take(2)
        .collect();
    assert_eq!(top.len(), 2, "the fixtures have two speakers saying it");
    let split = ix.json_lines(&[
        "stats",
        "cooperation",
        "--split",
        "speaker",
        "--split-top",
        "2",
        "--format",
        "json",
    ]);
    let names: Vec<&str> = split
        .iter()
        .map(|s| s["speaker"].as_str().unwrap())
        .collect();
    assert_eq!(names, top);
    for (s, name) in split.iter().zip(&top) {
        let alone = ix.json_lines(&[
            "stats",
            "cooperation",
            "--speaker",
            name,
            "--format",
            "json",
        ]);
        assert_eq!(s["buckets"], alone[0]["buckets"], "{name}");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("split.svg");
    let out = ix.run(&[
        "stats",
        "cooperation",
        "--split",
        "speaker",
        "--split-top",
        "2",
        "--plot",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let t = texts(&roxmltree::Document::parse(&svg_doc(&path)).unwrap());
    for name in &top {
        assert!(
            t.iter().any(|l| l.starts_with(&format!("{name} ("))),
            "{name}: {t:?}"
        );
    }
}

#[test]
fn several_series_need_a_time_axis_and_split_refuses_a_speaker() {
    let ix = Sandbox::indexed();
    for args in [
        &["stats", "cooperation", "--vs", "russia", "--by", "speaker"][..],
        &[
            "stats",
            "cooperation",
            "--split",
            "speaker",
            "--by",
            "topic",
        ],
        &[
            "stats",
            "cooperation",
            "--split",
            "speaker",
            "--speaker",
            "putin",
        ],
        &[
            "stats",
            "cooperation",
            "--split",
            "speaker",
            "--vs",
            "russia",
        ],
    ] {
        let out = ix.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}
