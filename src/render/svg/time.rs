//! A time series: the rates on a real time axis, and under them a panel with the words of
//! every bucket, the buckets under the threshold marked in both.
//!
//! Ticks fall on the first of a month or of a year, every 1, 2, 3 or 6 months or 1, 2, 5,
//! 10, … years: the smallest step whose labels fit side by side in the plot's width, so
//! monthly labels never overlap, whatever the span. (plotters' calendar axes exist only with
//! its `chrono` feature, and rostra's dates are the `time` crate's.)

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    clean, font, has_words, number, text_width, value, y_label_area, y_top, Chart, DrawResult,
    Ticked, FEW_WORDS, GRID, INK, LABEL_PX, MUTED, PALETTE, RATES_HEIGHT, TICK_PX, WORDS,
};

/// Where a bucket sits on the time axis, in years: `2019` → 2019, `2019-04` → 2019.25.
pub(super) fn time_of(label: &str) -> Option<f64> {
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
pub(super) fn time_label(t: f64) -> String {
    let months = (t * 12.0).round() as i64;
    let (y, m) = (months.div_euclid(12), months.rem_euclid(12) + 1);
    if m == 1 {
        y.to_string()
    } else {
        format!("{y}-{m:02}")
    }
}

/// Space between two tick labels, in pixels.
const TICK_GAP: f64 = 14.0;

/// Ticks of the time axis over `[lo, hi]` years, for a plot `width` pixels wide: the first
/// of every `step` months, with the smallest step (of months only for monthly buckets)
/// whose labels fit.
pub(super) fn time_ticks(lo: f64, hi: f64, monthly: bool, width: f64) -> Vec<f64> {
    let (first, last) = (
        (lo * 12.0 - 1e-6).ceil() as i64,
        (hi * 12.0 + 1e-6).floor() as i64,
    );
    let months: &[i64] = if monthly { &[1, 2, 3, 6] } else { &[] };
    let years = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000].map(|y| y * 12);
    let mut sparsest = Vec::new();
    for step in months.iter().chain(&years) {
        let ticks: Vec<f64> = (first..=last)
            .filter(|m| m.rem_euclid(*step) == 0)
            .map(|m| m as f64 / 12.0)
            .collect();
        if ticks.is_empty() {
            // Steps past the span: the last that had a tick is the best there is.
            break;
        }
        let widest = ticks
            .iter()
            .map(|t| text_width(&time_label(*t), TICK_PX))
            .fold(0.0, f64::max);
        if ticks.len() as f64 * (widest + TICK_GAP) <= width {
            return ticks;
        }
        sparsest = ticks;
    }
    sparsest
}

/// Words on an axis: `950`, `12k`, `3.5M`.
fn compact(v: f64) -> String {
    if v >= 1e6 {
        format!("{}M", number((v / 1e5).round() / 10.0))
    } else if v >= 1e3 {
        format!("{}k", number((v / 1e2).round() / 10.0))
    } else {
        number(v.round())
    }
}

/// One series as drawn: its points on the axes, and which are from too few words.
struct Line {
    points: Vec<(f64, f64)>,
    words: Option<Vec<u64>>,
    few: Vec<bool>,
}

impl Line {
    /// The runs of neighbouring buckets (next year, next month), so a bucket without text
    /// is a break in the line, not a straight segment over it.
    fn runs(&self, step: f64) -> Vec<&[(f64, f64)]> {
        self.points
            .chunk_by(|a, b| (b.0 - a.0 - step).abs() < step / 4.0)
            .collect()
    }
}

pub(super) fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &Chart) -> DrawResult
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
    let step = if monthly { 1.0 / 12.0 } else { 1.0 };
    let at = |i: usize, label: &str| {
        if timed {
            time_of(label).expect("checked")
        } else {
            i as f64
        }
    };
    let lines: Vec<Line> = chart
        .series
        .iter()
        .map(|s| {
            let words = (s.words.len() == s.points.len()).then(|| s.words.to_vec());
            let few = (0..s.points.len())
                .map(|i| words.as_ref().is_some_and(|w| w[i] < chart.min_words))
                .collect();
            Line {
                points: s
                    .points
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (at(i, &p.0), value(p.1)))
                    .collect(),
                words,
                few,
            }
        })
        .collect();
    let xs = || lines.iter().flat_map(|l| l.points.iter().map(|p| p.0));
    let lo = xs().fold(f64::INFINITY, f64::min) - step / 2.0;
    let hi = xs().fold(f64::NEG_INFINITY, f64::max) + step / 2.0;
    let top = y_top(lines.iter().flat_map(|l| l.points.iter().map(|p| p.1)));
    let max_words = lines
        .iter()
        .filter_map(|l| l.words.as_ref())
        .flatten()
        .fold(0, |a, b| a.max(*b));
    let words_top = (max_words.max(chart.min_words) as f64 * 1.12).max(1.0);
    let with_words = has_words(chart);
    let y_area = y_label_area(top).max(if with_words {
        (text_width(&compact(words_top), TICK_PX) + LABEL_PX + 24.0) as u32
    } else {
        0
    });
    let plot_width = area.dim_in_pixel().0.saturating_sub(y_area) as f64;
    let names: Vec<&str> = chart.series[0]
        .points
        .iter()
        .map(|p| p.0.as_str())
        .collect();
    let ticks = if timed {
        time_ticks(lo, hi, monthly, plot_width)
    } else {
        let fit = (plot_width / 60.0).max(1.0) as usize;
        let every = names.len().div_ceil(fit).max(1);
        (0..names.len()).step_by(every).map(|i| i as f64).collect()
    };
    let x_text = |t: &f64| {
        if timed {
            time_label(*t)
        } else {
            names.get(*t as usize).map_or(String::new(), |n| clean(n))
        }
    };

    let (rates_area, words_area) = if with_words {
        let (a, b) = area.split_vertically(RATES_HEIGHT);
        (a, Some(b))
    } else {
        (area.clone(), None)
    };
    let mut c = ChartBuilder::on(&rates_area)
        .x_label_area_size(if with_words { 8 } else { 44 })
        .y_label_area_size(y_area)
        .build_cartesian_2d(Ticked::new(lo..hi, ticks.clone()), 0.0..top)?;
    let y_text = |v: &f64| number(*v);
    let blank = |_: &f64| String::new();
    {
        let mut mesh = c.configure_mesh();
        mesh.disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .axis_style(INK)
            .y_desc(clean(chart.y_label))
            .y_label_formatter(&y_text)
            .y_labels(7)
            .label_style(font(TICK_PX, MUTED))
            .axis_desc_style(font(LABEL_PX, INK));
        if with_words {
            // The words panel under it carries the time axis's labels.
            mesh.x_label_formatter(&blank);
        } else {
            mesh.x_desc(clean(chart.x_label)).x_label_formatter(&x_text);
        }
        mesh.draw()?;
    }

    // A marker a third of the space between buckets, 2 to 3 pixels.
    let spacing = c.plotting_area().dim_in_pixel().0 as f64 * step / (hi - lo);
    let r = (spacing / 3.0).clamp(2.0, 3.0).round() as i32;
    let several = chart.series.len() > 1;
    for (k, (s, line)) in chart.series.iter().zip(&lines).enumerate() {
        let color = PALETTE[k % PALETTE.len()];
        for (j, run) in line.runs(step).into_iter().enumerate() {
            let drawn =
                c.draw_series(LineSeries::new(run.iter().copied(), color.stroke_width(2)))?;
            if several && j == 0 {
                drawn.label(clean(s.name)).legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 18, y)], color.stroke_width(2))
                });
            }
        }
        // Hollow where the rate rests on too few words: white inside, the line's colour round.
        c.draw_series(line.points.iter().zip(&line.few).map(|(p, few)| {
            if *few {
                Circle::new(*p, r + 1, WHITE.filled())
            } else {
                Circle::new(*p, r, color.filled())
            }
        }))?;
        c.draw_series(
            line.points
                .iter()
                .zip(&line.few)
                .filter(|(_, few)| **few)
                .map(|(p, _)| Circle::new(*p, r + 1, color.stroke_width(2))),
        )?;
    }
    if several {
        c.configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(GRID)
            .label_font(font(TICK_PX, INK))
            .draw()?;
    }

    let Some(words_area) = words_area else {
        return Ok(());
    };
    let mut w = ChartBuilder::on(&words_area)
        .margin_top(18)
        .x_label_area_size(44)
        .y_label_area_size(y_area)
        .build_cartesian_2d(Ticked::new(lo..hi, ticks), 0.0..words_top)?;
    w.configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_desc(clean(chart.x_label))
        .y_desc("words")
        .x_label_formatter(&x_text)
        .y_label_formatter(&|v| compact(*v))
        .y_labels(3)
        .label_style(font(TICK_PX, MUTED))
        .axis_desc_style(font(LABEL_PX, INK))
        .draw()?;
    // The words of each different filter: one set for several queries over the same text,
    // one per speaker when a query is split by speaker.
    let mut distinct: Vec<(usize, &Line)> = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        if line.words.is_some()
            && !distinct.iter().any(|(_, d)| {
                d.points
                    .iter()
                    .map(|p| p.0)
                    .eq(line.points.iter().map(|p| p.0))
                    && d.words == line.words
            })
        {
            distinct.push((k, line));
        }
    }
    if let [(_, line)] = distinct[..] {
        let half = step * 0.4;
        let counts = line.words.as_deref().unwrap_or_default();
        w.draw_series(
            line.points
                .iter()
                .zip(counts)
                .zip(&line.few)
                .map(|((p, n), few)| {
                    let fill = if *few { FEW_WORDS } else { WORDS };
                    Rectangle::new([(p.0 - half, 0.0), (p.0 + half, *n as f64)], fill.filled())
                }),
        )?;
    } else {
        for (k, line) in &distinct {
            let color = PALETTE[k % PALETTE.len()];
            let counts = line.words.as_deref().unwrap_or_default();
            let points: Vec<(f64, f64)> = line
                .points
                .iter()
                .zip(counts)
                .map(|(p, n)| (p.0, *n as f64))
                .collect();
            let runs = Line {
                points,
                words: None,
                few: Vec::new(),
            };
            for run in runs.runs(step) {
                w.draw_series(LineSeries::new(run.iter().copied(), color.stroke_width(1)))?;
            }
        }
    }
    let what = if monthly { "month" } else { "year" };
    let mut key = format!("words in each {what}");
    if chart.min_words > 0 {
        w.draw_series(DashedLineSeries::new(
            [(lo, chart.min_words as f64), (hi, chart.min_words as f64)],
            4,
            3,
            MUTED.stroke_width(1),
        ))?;
        key.push_str(&format!(
            "; under {} words (dashed line): hollow rate markers",
            number(chart.min_words as f64)
        ));
        if distinct.len() == 1 {
            key.push_str(", pale bars");
        }
    }
    words_area.draw(&Text::new(
        key,
        (y_area as i32 + 4, 2),
        font(TICK_PX - 1.0, MUTED).pos(Pos::new(HPos::Left, VPos::Top)),
    ))?;
    Ok(())
}
