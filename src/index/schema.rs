//! The index schema: one tantivy document per paragraph, its fields in one struct.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};

use super::analyzer::{EXACT, NAME, STEMMED};

/// Bumped whenever the schema or the meaning of a field changes: an index built by
/// another version is refused with a hint to rebuild.
pub const SCHEMA_VERSION: u32 = 1;

/// Every field of a paragraph document.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Paragraph words, English-stemmed, with positions (stored: the text hits show).
    pub text: Field,
    /// The same words lower-cased but not stemmed (`--exact`, prefix expansion).
    pub text_exact: Field,
    /// Canonical speaker, verbatim (filters, stats); empty for narration.
    pub speaker: Field,
    /// Speaker name tokens, lower-cased (`--speaker putin`).
    pub speaker_name: Field,
    pub role: Field,
    pub label: Field,
    pub retranslated: Field,
    pub date: Field,
    pub time: Field,
    pub title: Field,
    pub place: Field,
    pub topic: Field,
    pub geography: Field,
    /// Page id (`57488`), exact.
    pub transcript: Field,
    pub paragraph: Field,
    pub turn: Field,
    pub source: Field,
    /// Words in the paragraph, for per-million rates.
    pub words: Field,
}

fn text(tokenizer: &str, positions: bool, stored: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::WithFreqs
    };
    let opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    );
    if stored {
        opts.set_stored()
    } else {
        opts
    }
}

impl Fields {
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let stored_u64 = NumericOptions::default()
            .set_stored()
            .set_fast()
            .set_indexed();
        let fields = Fields {
            text: b.add_text_field("text", text(STEMMED, true, true)),
            text_exact: b.add_text_field("text_exact", text(EXACT, true, false)),
            speaker: b.add_text_field("speaker", STRING | STORED | FAST),
            speaker_name: b.add_text_field("speaker_name", text(NAME, true, false)),
            role: b.add_text_field("role", text(STEMMED, true, true)),
            label: b.add_text_field("label", text(NAME, true, true)),
            retranslated: b.add_bool_field(
                "retranslated",
                NumericOptions::default().set_stored().set_indexed(),
            ),
            date: b.add_date_field(
                "date",
                DateOptions::from(tantivy::schema::INDEXED)
                    .set_stored()
                    .set_fast()
                    .set_precision(DateTimePrecision::Seconds),
            ),
            time: b.add_text_field("time", STRING | STORED),
            title: b.add_text_field("title", text(STEMMED, true, true)),
            place: b.add_text_field("place", text(STEMMED, true, true)),
            topic: b.add_text_field("topic", text(STEMMED, true, true)),
            geography: b.add_text_field("geography", text(STEMMED, true, true)),
            transcript: b.add_text_field("transcript", STRING | STORED | FAST),
            paragraph: b.add_u64_field("paragraph", stored_u64.clone()),
            turn: b.add_u64_field("turn", NumericOptions::default().set_stored()),
            source: b.add_text_field("source", STRING | STORED),
            words: b.add_u64_field("words", NumericOptions::default().set_fast()),
        };
        (b.build(), fields)
    }

    /// Read the fields back from an opened index's schema.
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            text: f("text")?,
            text_exact: f("text_exact")?,
            speaker: f("speaker")?,
            speaker_name: f("speaker_name")?,
            role: f("role")?,
            label: f("label")?,
            retranslated: f("retranslated")?,
            date: f("date")?,
            time: f("time")?,
            title: f("title")?,
            place: f("place")?,
            topic: f("topic")?,
            geography: f("geography")?,
            transcript: f("transcript")?,
            paragraph: f("paragraph")?,
            turn: f("turn")?,
            source: f("source")?,
            words: f("words")?,
        })
    }
}
