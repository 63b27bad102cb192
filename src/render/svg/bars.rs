//! Horizontal bars: one per category (speaker, topic, place), names on the left, values at
//! the bar ends, the value axis below.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    clean, cut, font, number, text_width, value, y_top, Chart, DrawResult, Ticked, BAR, INK,
    LABEL_PX, MUTED, PALETTE, ROW, TICK_PX,
};

pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
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
    let mut c = ChartBuilder::on(area)
        .margin_right(value_px as u32 + 8)
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
        .bold_line_style(super::GRID)
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
