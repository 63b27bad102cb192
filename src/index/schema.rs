//! The index schema: one tantivy document per paragraph, plus one page document per
//! transcript that stores what all its paragraphs share (title, place, tags, source file
//! and its content hash) once, as JSON, and indexes the title, place and tags once.
//! `title:syria` finds the page documents first and then their paragraphs
//! (`query::compile`): repeating the title and tags in every paragraph was 15% of the
//! words indexed. Likewise one voice document per distinct speaker, role and label indexes
//! their words once (see [`super::voices`]), and each paragraph only its voice's id.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions,
};

use super::analyzer::{FACET, JOINED, NAME, STEMMED, TEXT};

/// Bumped whenever the schema or the meaning of a field changes: an index built by
/// another version is refused with a hint to rebuild.
/// 10: the `joined` field (hyphenated compounds closed up).
/// 11: facets (`facet`) and the last day of a date known only to its year (`date_end`).
/// 12: each paragraph's language (`lang`) and a Snowball language's stems (`stem`).
pub const SCHEMA_VERSION: u32 = 12;

/// The fields' names in the schema: tantivy's fast-field columns are read by name
/// (`fast_fields().u64(name::WORDS)`), and an opened index's fields are found by name.
pub mod name {
    pub const TEXT: &str = "text";
    pub const SPEAKER: &str = "speaker";
    pub const ROLE: &str = "role";
    pub const LABEL: &str = "label";
    pub const VOICE: &str = "voice";
    pub const SPEAKER_ID: &str = "speaker_id";
    pub const VOICE_RECORD: &str = "voice_record";
    pub const SPEAKER_RECORD: &str = "speaker_record";
    pub const SPEAKER_NAME: &str = "speaker_name";
    pub const ROLE_WORDS: &str = "role_words";
    pub const LABEL_WORDS: &str = "label_words";
    pub const RETRANSLATED: &str = "retranslated";
    pub const DATE: &str = "date";
    pub const TITLE: &str = "title";
    pub const PLACE: &str = "place";
    pub const TOPIC: &str = "topic";
    pub const GEOGRAPHY: &str = "geography";
    pub const TRANSCRIPT: &str = "transcript";
    pub const PARAGRAPH: &str = "paragraph";
    pub const TURN: &str = "turn";
    pub const KIND: &str = "kind";
    pub const PAGE: &str = "page";
    pub const META: &str = "meta";
    pub const WORDS: &str = "words";
    pub const FURNITURE: &str = "furniture";
    pub const START: &str = "start";
    pub const END: &str = "end";
    pub const JOINED: &str = "joined";
    pub const FACET: &str = "facet";
    pub const DATE_END: &str = "date_end";
    pub const LANG: &str = "lang";
    pub const STEM: &str = "stem";
}

/// Every field of a paragraph document.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Paragraph words with positions, each lower-cased as written (see
    /// [`analyzer::text`](super::analyzer::text)): exact and stemmed search, prefix
    /// expansion. Stored: the text hits show.
    pub text: Field,
    /// Canonical speaker, verbatim (stats, the speaker list, hits); absent for narration.
    pub speaker: Field,
    /// Role and label as the page gives them (hits, the speaker list): not indexed.
    pub role: Field,
    pub label: Field,
    /// The paragraph's voice ([`super::voices::id`]) and its speaker's alone: `role:` and
    /// `label:` find voice documents, then the paragraphs with their voice ids; `--speaker`
    /// and `speaker:` the paragraphs with their speaker ids (fewer: a speaker has many
    /// voices, one per role and label).
    pub voice: Field,
    pub speaker_id: Field,
    /// On voice documents only: the voice's id and its speaker's, its speaker name tokens
    /// (`--speaker putin`), role words (stemmed) and label tokens.
    pub voice_record: Field,
    pub speaker_record: Field,
    pub speaker_name: Field,
    pub role_words: Field,
    pub label_words: Field,
    pub retranslated: Field,
    pub date: Field,
    /// Title, place, topics, geography: on page documents only.
    pub title: Field,
    pub place: Field,
    pub topic: Field,
    pub geography: Field,
    /// Page id (`57488`), exact.
    pub transcript: Field,
    pub paragraph: Field,
    pub turn: Field,
    /// `page` on page documents (see [`super::pages`]), `voice` on voice documents;
    /// absent on paragraphs.
    pub kind: Field,
    /// On page documents only: the transcript id (lookup, deletion, and the paragraphs of
    /// the pages a `title:` query finds).
    pub page: Field,
    /// On page documents only: the stored [`PageMeta`](super::pages::PageMeta) as JSON.
    pub meta: Field,
    /// Words in the paragraph, for per-million rates.
    pub words: Field,
    /// On page furniture only (a pull-quote box, [`crate::transcript::Paragraph::furniture`]),
    /// `true`: searches leave these paragraphs out unless asked for them.
    pub furniture: Field,
    /// When the paragraph was said, in seconds from the start of the recording (from its
    /// captions); absent where it has no time.
    pub start: Field,
    pub end: Field,
    /// The paragraph's hyphenated compounds closed up (`multi-polar` → `multipolar`, see
    /// [`analyzer::joined`](super::analyzer::joined)), with positions, for stemmed search
    /// only; not scored on its own (no field norms: a stemmed word is scored with the
    /// text's).
    pub joined: Field,
    /// The paragraph's facets, one `name=value` each (`country=FRA`, `topic=Foreign
    /// policy`): indexed lower-cased and whole (`--where`), stored and in a column as
    /// given (hits, `stats --by NAME`, `rostra facets`).
    pub facet: Field,
    /// The last day of the paragraph's date: the date itself, or for a date known only to
    /// its year (the UN speeches) the year's last day, while `date` holds its first. A date
    /// is inside `--from`/`--to` when its whole period is.
    pub date_end: Field,
    /// The paragraph's language code (`en`, `hr`: see [`super::lang::code`]), indexed whole
    /// and stored: a query expands each word per language over that language's paragraphs.
    pub lang: Field,
    /// For a paragraph of a language with a Snowball stemmer other than English
    /// ([`super::lang::Stemming::Snowball`]): its words' stems, at the words' positions,
    /// scored with their own field norms; empty otherwise (English is stemmed through the
    /// term dictionary, other languages searched by their exact forms).
    pub stem: Field,
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

/// An untokenized term (ids, names): matched whole, never scored, so no field norms.
fn keyword() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    )
}

impl Fields {
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        // Numbers and dates are read and filtered on their fast columns, never looked up in
        // the inverted index: indexing them cost a term per paragraph for nothing.
        let stored_u64 = NumericOptions::default().set_stored().set_fast();
        let fields = Fields {
            text: b.add_text_field(name::TEXT, text(TEXT, true, true)),
            // Read from its column (filters match `speaker_name`): not indexed.
            speaker: b.add_text_field(
                name::SPEAKER,
                TextOptions::default().set_stored().set_fast("raw"),
            ),
            role: b.add_text_field(
                name::ROLE,
                TextOptions::default().set_stored().set_fast("raw"),
            ),
            label: b.add_text_field(
                name::LABEL,
                TextOptions::default().set_stored().set_fast("raw"),
            ),
            voice: b.add_u64_field(name::VOICE, NumericOptions::default().set_indexed()),
            speaker_id: b.add_u64_field(name::SPEAKER_ID, NumericOptions::default().set_indexed()),
            voice_record: b.add_u64_field(name::VOICE_RECORD, stored_u64.clone()),
            speaker_record: b
                .add_u64_field(name::SPEAKER_RECORD, NumericOptions::default().set_fast()),
            speaker_name: b.add_text_field(name::SPEAKER_NAME, text(NAME, true, false)),
            role_words: b.add_text_field(name::ROLE_WORDS, text(STEMMED, true, false)),
            label_words: b.add_text_field(name::LABEL_WORDS, text(NAME, true, false)),
            retranslated: b
                .add_bool_field(name::RETRANSLATED, NumericOptions::default().set_stored()),
            date: b.add_date_field(
                name::DATE,
                DateOptions::default()
                    .set_stored()
                    .set_fast()
                    .set_precision(DateTimePrecision::Seconds),
            ),
            title: b.add_text_field(name::TITLE, text(STEMMED, true, false)),
            place: b.add_text_field(name::PLACE, text(STEMMED, true, false)),
            topic: b.add_text_field(name::TOPIC, text(STEMMED, true, false)),
            geography: b.add_text_field(name::GEOGRAPHY, text(STEMMED, true, false)),
            transcript: b.add_text_field(name::TRANSCRIPT, keyword().set_stored().set_fast("raw")),
            paragraph: b.add_u64_field(name::PARAGRAPH, stored_u64.clone()),
            turn: b.add_u64_field(name::TURN, NumericOptions::default().set_stored()),
            kind: b.add_text_field(name::KIND, keyword()),
            page: b.add_text_field(name::PAGE, keyword().set_fast("raw")),
            meta: b.add_text_field(name::META, TextOptions::default().set_stored()),
            words: b.add_u64_field(name::WORDS, NumericOptions::default().set_fast()),
            furniture: b.add_bool_field(
                name::FURNITURE,
                NumericOptions::default().set_indexed().set_stored(),
            ),
            start: b.add_f64_field(name::START, NumericOptions::default().set_stored()),
            end: b.add_f64_field(name::END, NumericOptions::default().set_stored()),
            joined: b.add_text_field(
                name::JOINED,
                TextOptions::default().set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(JOINED)
                        .set_index_option(IndexRecordOption::WithFreqsAndPositions)
                        .set_fieldnorms(false),
                ),
            ),
            facet: b.add_text_field(
                name::FACET,
                TextOptions::default()
                    .set_indexing_options(
                        TextFieldIndexing::default()
                            .set_tokenizer(FACET)
                            .set_index_option(IndexRecordOption::Basic)
                            .set_fieldnorms(false),
                    )
                    .set_stored()
                    .set_fast("raw"),
            ),
            date_end: b.add_date_field(
                name::DATE_END,
                DateOptions::default()
                    .set_fast()
                    .set_precision(DateTimePrecision::Seconds),
            ),
            lang: b.add_text_field(name::LANG, keyword().set_stored()),
            stem: b.add_text_field(name::STEM, text(TEXT, true, false)),
        };
        (b.build(), fields)
    }

    /// Read the fields back from an opened index's schema.
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            text: f(name::TEXT)?,
            speaker: f(name::SPEAKER)?,
            role: f(name::ROLE)?,
            label: f(name::LABEL)?,
            voice: f(name::VOICE)?,
            speaker_id: f(name::SPEAKER_ID)?,
            voice_record: f(name::VOICE_RECORD)?,
            speaker_record: f(name::SPEAKER_RECORD)?,
            speaker_name: f(name::SPEAKER_NAME)?,
            role_words: f(name::ROLE_WORDS)?,
            label_words: f(name::LABEL_WORDS)?,
            retranslated: f(name::RETRANSLATED)?,
            date: f(name::DATE)?,
            title: f(name::TITLE)?,
            place: f(name::PLACE)?,
            topic: f(name::TOPIC)?,
            geography: f(name::GEOGRAPHY)?,
            transcript: f(name::TRANSCRIPT)?,
            paragraph: f(name::PARAGRAPH)?,
            turn: f(name::TURN)?,
            kind: f(name::KIND)?,
            page: f(name::PAGE)?,
            meta: f(name::META)?,
            words: f(name::WORDS)?,
            furniture: f(name::FURNITURE)?,
            start: f(name::START)?,
            end: f(name::END)?,
            joined: f(name::JOINED)?,
            facet: f(name::FACET)?,
            date_end: f(name::DATE_END)?,
            lang: f(name::LANG)?,
            stem: f(name::STEM)?,
        })
    }
}
