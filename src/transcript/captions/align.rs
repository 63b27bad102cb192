//! A transcript's paragraphs aligned to the caption words of the same recording, so that
//! each paragraph gets the time its first word was spoken and its last.
//!
//! Captions are often automatic: misheard words, numbers spelt another way, stretches
//! missing or said twice; and their clocks break (2016-10-19.vtt near 57:43: a hundred words
//! 1 ms apart, then a 13-second jump; 1988-09-25.vtt: 456 gaps under 2.5 ms; 2000-10-11.vtt:
//! times up to 5,569 s in a video of 4,944). The alignment, in five steps:
//!
//! 1. Both sides become tokens (`normalize.rs`: case, punctuation, numbers spelt out).
//! 2. The caption words' times are judged: a time past the recording's duration, or in a
//!    run of [`DENSE_RUN`] gaps averaging under [`DENSE_GAP`] seconds (faster than anyone
//!    speaks), is not trusted — unless the run lies between two good words at most
//!    [`MAX_SQUEEZE`] seconds apart that could hold its words: then no stamp in it is off
//!    by more than that.
//! 3. One global diff of the two token lists (the `similar` crate's Patience diff: anchored
//!    on the words found once on each side, Myers between the anchors) pairs tokens; pairs
//!    whose caption time is not trusted are dropped. No pairing by position, no greedy scan.
//! 4. The pairs are cut into blocks (runs along one diagonal, a misheard word allowed
//!    between, at most 32 pairs) and the heaviest chain of blocks that agree with each other
//!    is kept: each block after the previous one in time, and no more transcript tokens between two
//!    blocks than the caption tokens between them or [`MAX_RATE`] tokens a second can say.
//!    This drops what a diff pairs by chance inside a stretch the captions lack, and
//!    what goes back in time.
//! 5. A paragraph starts at the time of the caption word paired with its first token. When
//!    that token is unpaired (misheard, or missing from the captions), its time is taken
//!    from the caption word in its place between the nearest kept pairs — only when the
//!    captions have a word there with a trusted time, at most [`MAX_LEAD`] tokens before the
//!    paragraph's first kept pair — or interpolated between kept pairs at most
//!    [`MAX_INTERPOLATION`] seconds apart. Otherwise the paragraph gets no time: no time
//!    rather than a wrong one.

use similar::{capture_diff_slices, Algorithm, DiffOp};

use super::normalize::{Interner, Normalizer};
use super::TimedWord;

/// Gaps in a row that make a run of implausibly dense timestamps...
pub const DENSE_RUN: usize = 5;
/// ...when they average less than this, in seconds (25 words a second).
pub const DENSE_GAP: f64 = 0.04;
/// The longest interval, in seconds, that a dense run between two good words may span and
/// keep its times.
pub const MAX_SQUEEZE: f64 = 2.0;
/// The fastest speech, in tokens per second, that two blocks may imply between them.
pub const MAX_RATE: f64 = 8.0;
/// Tokens of leeway in the comparisons between blocks.
const SLACK: f64 = 3.0;
/// A paragraph whose first this-many tokens are all unpaired gets no time.
pub const MAX_LEAD: usize = 8;
/// Kept pairs further apart than this, in seconds, are not interpolated between.
pub const MAX_INTERPOLATION: f64 = 2.5;
/// Blocks looked back at for a compatible predecessor (beyond them, only the best one).
const LOOKBACK: usize = 256;
/// Pairs in a block at most: a conflict between two blocks then costs the chain at most
/// this many pairs, never a long stretch.
const MAX_BLOCK: usize = 32;
/// A step back in time this small (seconds) is rounding, not a broken clock: YouTube's cue
/// starts are sometimes 10 ms before the previous inline timestamp (2020-10-22.vtt, 816.4 s).
const BACKSTEP: f64 = 0.05;

/// When a paragraph was said, in seconds from the start of the recording.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    pub start: f64,
    pub end: f64,
}

/// How much of a transcript the captions could place.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct AlignStats {
    pub paragraphs: usize,
    /// Paragraphs given a time.
    pub placed: usize,
    pub transcript_tokens: usize,
    pub caption_tokens: usize,
    /// Caption words whose time is not trusted (dense runs, past the duration).
    pub untrusted_words: usize,
    /// Token pairs the diff found, on trusted caption words.
    pub matched: usize,
    /// Of those, the pairs in the kept chain.
    pub kept: usize,
}

/// The result of [`align`]: one entry per paragraph, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Alignment {
    pub spans: Vec<Option<Span>>,
    pub stats: AlignStats,
}

/// Align `paragraphs` (their texts, in order) to the caption `words` of the same recording,
/// whose length is `duration` seconds when known.
pub fn align<S: AsRef<str>>(
    paragraphs: &[S],
    words: &[TimedWord],
    duration: Option<f64>,
) -> Alignment {
    let mut interner = Interner::default();
    let mut norm = Normalizer::default();

    let mut t_tokens: Vec<u32> = Vec::new();
    let mut para_start = Vec::with_capacity(paragraphs.len() + 1);
    for p in paragraphs {
        para_start.push(t_tokens.len());
        let mut emit = |tok: &str| t_tokens.push(interner.id(tok));
        norm.push(p.as_ref(), &mut emit);
        norm.finish(&mut emit);
    }
    para_start.push(t_tokens.len());

    let mut c_tokens: Vec<u32> = Vec::new();
    let mut c_word: Vec<u32> = Vec::new();
    for (k, w) in words.iter().enumerate() {
        norm.push(&w.text, &mut |tok: &str| {
            c_tokens.push(interner.id(tok));
            c_word.push(k as u32);
        });
    }
    let last = words.len().saturating_sub(1) as u32;
    norm.finish(&mut |tok: &str| {
        c_tokens.push(interner.id(tok));
        c_word.push(last);
    });

    let trusted = trusted_times(words, duration);
    let clock = Clock {
        words,
        c_word: &c_word,
        trusted: &trusted,
    };

    let pairs = diff_pairs(&t_tokens, &c_tokens, &clock);
    let kept = kept_chain(&pairs, &clock);

    let mut spans = Vec::with_capacity(paragraphs.len());
    for p in 0..paragraphs.len() {
        spans.push(place(
            para_start[p],
            para_start[p + 1],
            &kept,
            &clock,
            c_tokens.len(),
        ));
    }
    let stats = AlignStats {
        paragraphs: paragraphs.len(),
        placed: spans.iter().flatten().count(),
        transcript_tokens: t_tokens.len(),
        caption_tokens: c_tokens.len(),
        untrusted_words: trusted.iter().filter(|t| !**t).count(),
        matched: pairs.len(),
        kept: kept.len(),
    };
    Alignment { spans, stats }
}

/// The caption side: each token's word, and whether its time can be used.
struct Clock<'a> {
    words: &'a [TimedWord],
    c_word: &'a [u32],
    trusted: &'a [bool],
}

impl Clock<'_> {
    fn start(&self, j: usize) -> f64 {
        self.words[self.c_word[j] as usize].start
    }
    fn end(&self, j: usize) -> f64 {
        let w = &self.words[self.c_word[j] as usize];
        w.end.max(w.start)
    }
    fn trusted(&self, j: usize) -> bool {
        self.trusted[self.c_word[j] as usize]
    }
}

/// Step 2: which caption words have a time to trust.
pub(super) fn trusted_times(words: &[TimedWord], duration: Option<f64>) -> Vec<bool> {
    let mut ok: Vec<bool> = words
        .iter()
        .map(|w| w.start.is_finite() && w.start >= 0.0 && duration.is_none_or(|d| w.start <= d))
        .collect();
    let limit = DENSE_RUN as f64 * DENSE_GAP;
    let mut dense = vec![false; words.len()];
    for a in 0..words.len().saturating_sub(DENSE_RUN) {
        // A time going back counts as dense too: the window's span is then negative.
        if words[a + DENSE_RUN].start - words[a].start < limit {
            dense[a..=a + DENSE_RUN].fill(true);
        }
    }
    // A dense run squeezed between two good words close by is forgiven: whatever the true
    // times of its words, they lie between those two, so no stamp is off by more than
    // MAX_SQUEEZE (crosstalk, 2008-09-26.vtt 503 s: five words in 0.2 s, the next word 0.5 s
    // later). Not when the run has more words than the interval can hold (1988-09-25.vtt:
    // 560 words in 0.6 s, the next word a second later).
    let mut a = 0;
    while a < words.len() {
        if !dense[a] {
            a += 1;
            continue;
        }
        let b = (a..words.len()).find(|&k| !dense[k]).unwrap_or(words.len());
        let forgiven = a > 0 && b < words.len() && ok[a - 1] && ok[b] && {
            let span = words[b].start - words[a - 1].start;
            span <= MAX_SQUEEZE && (b - a) as f64 <= MAX_RATE * span
        };
        if !forgiven {
            ok[a..b].fill(false);
        }
        a = b;
    }
    ok
}

/// Step 3: the diff's equal tokens, as (transcript token, caption token), on trusted times.
fn diff_pairs(t_tokens: &[u32], c_tokens: &[u32], clock: &Clock) -> Vec<(u32, u32)> {
    let mut pairs = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, t_tokens, c_tokens) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for d in 0..len {
                if clock.trusted(new_index + d) {
                    pairs.push(((old_index + d) as u32, (new_index + d) as u32));
                }
            }
        }
    }
    pairs
}

/// A run of pairs along one diagonal: `pairs[first..=last]`.
struct Block {
    first: usize,
    last: usize,
}

/// Step 4: the pairs of the heaviest chain of mutually consistent blocks.
fn kept_chain(pairs: &[(u32, u32)], clock: &Clock) -> Vec<(u32, u32)> {
    let mut blocks: Vec<Block> = Vec::new();
    for (k, &(i, j)) in pairs.iter().enumerate() {
        let joins = k > 0 && {
            let (pi, pj) = pairs[k - 1];
            i - pi == j - pj && i - pi <= 2 && clock.start(j as usize) >= clock.start(pj as usize)
        };
        match blocks.last_mut() {
            Some(b) if joins && b.last - b.first + 1 < MAX_BLOCK => b.last = k,
            _ => blocks.push(Block { first: k, last: k }),
        }
    }
    let weight = |b: &Block| (b.last - b.first + 1) as u64;
    let compatible = |a: &Block, b: &Block| {
        let (ia, ja) = pairs[a.last];
        let (ib, jb) = pairs[b.first];
        let (ta, tb) = (clock.start(ja as usize), clock.start(jb as usize));
        if tb < ta - BACKSTEP {
            return false;
        }
        let di = f64::from(ib - ia);
        di <= f64::from(jb - ja) + SLACK || di <= MAX_RATE * (tb - ta) + SLACK
    };

    // best[b]: the weight of the heaviest chain ending with block b; from[b] its predecessor.
    let n = blocks.len();
    let mut best = vec![0u64; n];
    let mut from = vec![usize::MAX; n];
    // The heaviest chain ending before the look-back window, as a last resort predecessor.
    let mut prefix_best: Option<usize> = None;
    for b in 0..n {
        if b > LOOKBACK {
            let leaving = b - LOOKBACK - 1;
            if prefix_best.is_none_or(|p| best[leaving] > best[p]) {
                prefix_best = Some(leaving);
            }
        }
        let mut top = 0;
        let window = b.saturating_sub(LOOKBACK)..b;
        for a in window.rev().chain(prefix_best) {
            if best[a] > top && compatible(&blocks[a], &blocks[b]) {
                top = best[a];
                from[b] = a;
            }
        }
        best[b] = top + weight(&blocks[b]);
    }
    let Some(mut b) = (0..n).max_by_key(|&b| (best[b], std::cmp::Reverse(b))) else {
        return Vec::new();
    };
    let mut chain = Vec::new();
    loop {
        chain.push(b);
        if from[b] == usize::MAX {
            break;
        }
        b = from[b];
    }
    chain
        .iter()
        .rev()
        .flat_map(|&b| pairs[blocks[b].first..=blocks[b].last].iter().copied())
        .collect()
}

/// Step 5: the span of the paragraph of transcript tokens `s..e`.
fn place(s: usize, e: usize, kept: &[(u32, u32)], clock: &Clock, c_len: usize) -> Option<Span> {
    let k = kept.partition_point(|&(i, _)| (i as usize) < s);
    let (ib, jb) = kept.get(k).map(|&(i, j)| (i as usize, j as usize))?;
    if ib >= e {
        return None;
    }
    let prev = k
        .checked_sub(1)
        .map(|p| (kept[p].0 as usize, kept[p].1 as usize));
    let start = start_time(s, (ib, jb), prev, clock)?;

    let k_end = kept.partition_point(|&(i, _)| (i as usize) < e) - 1;
    let (ie, je) = (kept[k_end].0 as usize, kept[k_end].1 as usize);
    let next = kept.get(k_end + 1).map(|&(_, j)| j as usize);
    let d = e - 1 - ie;
    let c = je + d;
    let end = if d > 0
        && c < next.unwrap_or(c_len)
        && clock.trusted(c)
        && clock.start(c) >= clock.start(je)
        && next.is_none_or(|n| clock.start(c) <= clock.start(n))
        && clock.start(c) - clock.start(je) <= d as f64 * 1.5 + 1.0
    {
        clock.end(c)
    } else {
        clock.end(je)
    };
    Some(Span {
        start,
        end: end.max(start),
    })
}

/// The time of transcript token `s`, given the first kept pair at or after it, `(ib, jb)`,
/// and the kept pair before it.
fn start_time(
    s: usize,
    (ib, jb): (usize, usize),
    prev: Option<(usize, usize)>,
    clock: &Clock,
) -> Option<f64> {
    if ib == s {
        return Some(clock.start(jb));
    }
    let d = ib - s;
    if d > MAX_LEAD {
        return None;
    }
    let tb = clock.start(jb);
    // The caption token in the first token's place, counting back from the first pair.
    if let Some(c) = jb
        .checked_sub(d)
        .filter(|&c| prev.is_none_or(|(_, ja)| c > ja))
    {
        let tc = clock.start(c);
        let after_prev = prev.is_none_or(|(_, ja)| tc >= clock.start(ja));
        if clock.trusted(c) && tc <= tb && after_prev && tb - tc <= d as f64 * 1.5 + 1.0 {
            return Some(tc);
        }
        return None;
    }
    // The captions lack the first words: between two close pairs, interpolate.
    let (ia, ja) = prev?;
    let (ta, ta_end) = (clock.start(ja), clock.end(ja).min(tb));
    if tb - ta > MAX_INTERPOLATION {
        return None;
    }
    let share = (s - ia) as f64 / (ib - ia) as f64;
    Some(ta_end + (tb - ta_end) * share)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Caption words 0.4 s apart from `t0`, one per whitespace word of `text`.
    fn timed(t0: f64, text: &str) -> Vec<TimedWord> {
        text.split_whitespace()
            .enumerate()
            .map(|(k, w)| TimedWord {
                start: t0 + 0.4 * k as f64,
                end: t0 + 0.4 * (k + 1) as f64,
                text: w.to_string(),
            })
            .collect()
    }

    fn starts(a: &Alignment) -> Vec<Option<f64>> {
        a.spans
            .iter()
            .map(|s| s.map(|s| (s.start * 1000.0).round() / 1000.0))
            .collect()
    }

    #[test]
    fn exact_words_place_every_paragraph() {
        let paras = [
            "Good evening, and welcome.",
            "Thank you, Jim. It's 1990; $5 is 5%.",
        ];
        let words = timed(10.0, "good evening and welcome thank you jim its nineteen ninety five dollars is five percent");
        let a = align(&paras, &words, None);
        assert_eq!(starts(&a), [Some(10.0), Some(11.6)]);
        assert_eq!(a.spans[1].unwrap().end, 10.0 + 0.4 * 15.0);
        assert_eq!(a.stats.placed, 2);
        assert_eq!(a.stats.kept, a.stats.transcript_tokens);
    }

    #[test]
    fn misheard_first_word_takes_the_time_of_the_word_in_its_place() {
        let paras = [
            "the first answer is here",
            "Senator Kennedy, your answer please",
        ];
        let words = timed(
            0.0,
            "the first answer is here sender kennedy your answer please",
        );
        assert_eq!(starts(&align(&paras, &words, None)), [Some(0.0), Some(2.0)]);
    }

    #[test]
    fn words_past_the_duration_give_no_time() {
        let paras = ["one two three four five", "six seven eight nine ten"];
        let words = timed(98.0, "one two three four five six seven eight nine ten");
        assert_eq!(
            starts(&align(&paras, &words, Some(99.0))),
            [Some(98.0), None]
        );
    }

    #[test]
    fn dense_timestamps_give_no_time() {
        // 2016-10-19.vtt 57:43: words 1 ms apart, then a jump.
        let paras = [
            "alpha bravo charlie delta echo",
            "foxtrot golf hotel india juliet kilo lima",
            "mike november oscar papa",
        ];
        let mut words = timed(0.0, "alpha bravo charlie delta echo");
        for (k, w) in "foxtrot golf hotel india juliet kilo lima"
            .split_whitespace()
            .enumerate()
        {
            let t = 2.0 + 0.001 * k as f64;
            words.push(TimedWord {
                start: t,
                end: t + 0.001,
                text: w.into(),
            });
        }
        words.extend(timed(15.0, "mike november oscar papa"));
        let a = align(&paras, &words, None);
        assert_eq!(starts(&a), [Some(0.0), None, Some(15.0)]);
        assert!(a.stats.untrusted_words >= 7);
    }

    #[test]
    fn a_chance_match_inside_a_missing_stretch_is_dropped() {
        // The captions lack 60 s of speech; only `the` of it could pair, 1 s from
        // its neighbours: not a time for that paragraph.
        let lost = "we must rebuild the economy of this nation from the ground up and put people back to work";
        let paras = [
            "so here we are tonight",
            lost,
            "and finally my closing words",
        ];
        let mut words = timed(0.0, "so here we are tonight");
        words.extend(timed(62.0, "the and finally my closing words"));
        let a = align(&paras, &words, None);
        assert_eq!(starts(&a)[0], Some(0.0));
        assert_eq!(starts(&a)[1], None);
        assert_eq!(starts(&a)[2], Some(62.4));
    }

    /// `tests/fixtures/captions/`: its README says what each paragraph's captions suffer.
    #[test]
    fn fixture_debate_misheard_missing_repeated_and_broken_timing() {
        let said = include_str!("../../../tests/fixtures/captions/debate.said");
        let vtt = include_str!("../../../tests/fixtures/captions/debate.vtt");
        let paras: Vec<&str> = said
            .split("\n\n")
            .map(|p| p.trim().split_once(": ").unwrap().1)
            .collect();
        assert_eq!(paras.len(), 15);
        let captions = crate::transcript::captions::vtt::parse_vtt(vtt).unwrap();
        // The rolling layout shows most words twice; each is read once.
        assert_eq!(captions.words.len(), 325);
        let a = align(&paras, &captions.words, Some(121.0));
        let got = starts(&a);
        let exact = [
            (0, 1.0),
            (1, 10.6),
            (2, 17.8),
            (3, 30.4),
            (5, 46.0),
            (6, 54.1),
            (7, 62.2),
            (10, 92.8),
            (13, 118.0),
        ];
        for (p, t) in exact {
            assert_eq!(got[p], Some(t), "paragraph {p}: {got:?}");
        }
        // Its first two words lost: interpolated between the pairs around them.
        assert!(got[4].is_some_and(|t| (t - 32.8).abs() <= 1.0), "{got:?}");
        for p in [8, 9, 11, 12, 14] {
            assert_eq!(got[p], None, "paragraph {p}: {got:?}");
        }
        assert_eq!(a.stats.placed, 10);
        // Ends: the last word's end, at the latest the next word's start.
        let s5 = a.spans[5].unwrap();
        assert!(s5.end > 52.3 && s5.end <= 54.1, "{s5:?}");
    }
}
