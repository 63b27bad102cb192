//! A chart as a PNG: its SVG drawn to pixels by resvg, at [`PNG_SCALE`] times the SVG's size
//! (print resolution), and encoded by tiny-skia.
//!
//! The text is drawn with one font embedded in the binary (Ubuntu Light, from egui's font
//! crate), made the family every generic name resolves to: the picture does not depend on
//! the fonts installed (CI has none), and is the same on every machine. The SVG keeps naming
//! Helvetica and Arial for viewers that have them.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

/// Pixels per SVG unit in the PNG: an 800-unit wide chart is 1,600 pixels wide.
pub const PNG_SCALE: f32 = 2.0;

/// Why a chart could not be drawn as a PNG.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    #[error("the chart's SVG cannot be read: {0}")]
    Svg(#[from] usvg::Error),
    #[error("a chart of {0}×{1} pixels is too large to draw")]
    Size(u32, u32),
    #[error("encoding the PNG: {0}")]
    Encode(String),
}

/// The font database: the embedded font, under every generic family name.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
            let family = db
                .faces()
                .next()
                .and_then(|f| f.families.first())
                .map_or_else(|| "Ubuntu".to_string(), |(name, _)| name.clone());
            db.set_sans_serif_family(family.clone());
            db.set_serif_family(family.clone());
            db.set_monospace_family(family.clone());
            db.set_cursive_family(family.clone());
            db.set_fantasy_family(family);
            Arc::new(db)
        })
        .clone()
}

/// The PNG of the SVG document `svg` (as [`super::svg`] writes it).
pub fn png(svg: &str) -> Result<Vec<u8>, PngError> {
    let fontdb = fonts();
    let family = fontdb
        .faces()
        .next()
        .and_then(|f| f.families.first())
        .map(|(name, _)| name.clone());
    let mut options = usvg::Options {
        fontdb,
        ..usvg::Options::default()
    };
    if let Some(family) = family {
        options.font_family = family;
    }
    let tree = usvg::Tree::from_str(svg, &options)?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * PNG_SCALE).ceil() as u32,
        (size.height() * PNG_SCALE).ceil() as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or(PngError::Size(w, h))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(PNG_SCALE, PNG_SCALE),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}
