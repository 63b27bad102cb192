//! The alignment on `../shared/corpus/us-debates`: every debate, with its captions as they
//! are and damaged as automatic captions are, against the time the clean captions give
//! for each paragraph's first words (issue 16's measure). Ignored without the corpus.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::normalize::Normalizer;
use super::{align, vtt::parse_vtt, TimedWord};
use crate::transcript::count_words;

/// This thread's CPU time so far (Linux), to measure on a machine shared with others.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(
        stat.split_whitespace().next()?.parse().ok()?,
    ))
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/us-debates")
}

/// A minimal `.said` split: blank-line paragraphs, the `Name:` label removed.
fn said_paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once(": ") {
            Some((label, rest)) if label.len() <= 60 && !label.contains(['.', '?', '!']) => {
                rest.to_string()
            }
            _ => p.to_string(),
        })
        .collect()
}

fn tokens(text: &str, n: &mut Normalizer, out: &mut Vec<String>) {
    n.push(text, &mut |t: &str| out.push(t.to_string()));
}

/// Ground truth from the clean captions: for each paragraph of ≥ 10 words, the time of the
/// caption word where its first tokens occur exactly. The first 6 tokens (then 10, for a
/// common opening) must occur once in the next 4,000 caption tokens after the previous
/// paragraph's place; a paragraph without such an occurrence has no truth and is not counted.
fn truth(paragraphs: &[String], words: &[TimedWord]) -> Vec<Option<f64>> {
    let mut n = Normalizer::default();
    let (mut c_tok, mut c_word) = (Vec::new(), Vec::new());
    for (k, w) in words.iter().enumerate() {
        let before = c_tok.len();
        tokens(&w.text, &mut n, &mut c_tok);
        c_word.resize(c_word.len() + c_tok.len() - before, k);
    }
    let mut cursor = 0;
    let mut out = Vec::new();
    for p in paragraphs {
        if count_words(p) < 10 {
            out.push(None);
            continue;
        }
        let mut t = Vec::new();
        let mut n = Normalizer::default();
        tokens(p, &mut n, &mut t);
        let window = cursor..(cursor + 4000).min(c_tok.len());
        let mut found = None;
        for len in [6, 10] {
            if t.len() < len {
                break;
            }
            let hits: Vec<usize> = window
                .clone()
                .filter(|&j| j + len <= c_tok.len() && c_tok[j..j + len] == t[..len])
                .collect();
            if hits.len() == 1 {
                found = Some(hits[0]);
                break;
            }
        }
        match found {
            Some(j) => {
                out.push(Some(words[c_word[j]].start));
                cursor = j + 1;
            }
            None => out.push(None),
        }
    }
    out
}

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Numbers said another way than `normalize.rs` spells them.
fn respell(word: &str) -> Option<String> {
    let n: u64 = word.parse().ok()?;
    const ONES: [&str; 10] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    Some(match n {
        2000..=2099 => format!("two thousand and {}", ONES[(n % 10) as usize]),
        100..=999 => format!("{} hundred and {}", ONES[(n / 100) as usize], n % 100),
        _ => n
            .to_string()
            .chars()
            .map(|d| ONES[d as usize - '0' as usize])
            .collect::<Vec<_>>()
            .join(" "),
    })
}

/// The captions damaged as automatic captions are: about 10% of the words misheard (7%
/// replaced by another word of the file or garbled, 2% lost, 1% a filler added), the
/// numbers in digits said another way, `percent` as `%`, a stretch of 60 s lost, and a
/// stretch of 30 s given twice (the copy with the same times).
fn damage(words: &[TimedWord], seed: u64) -> Vec<TimedWord> {
    let mut rng = Rng(seed);
    let end = words.last().map_or(0.0, |w| w.start);
    let drop_at = end * (0.3 + 0.1 * rng.unit());
    let repeat_at = end * (0.65 + 0.1 * rng.unit());
    let mut out: Vec<TimedWord> = Vec::with_capacity(words.len() + 200);
    let mut copy = Vec::new();
    for w in words {
        if (drop_at..drop_at + 60.0).contains(&w.start) {
            continue;
        }
        let mut w = w.clone();
        let r = rng.unit();
        if let Some(spelt) = respell(&w.text).filter(|_| rng.unit() < 0.7) {
            w.text = spelt;
        } else if w.text == "percent" {
            w.text = "%".into();
        } else if r < 0.05 {
            w.text = words[rng.below(words.len())].text.clone();
        } else if r < 0.07 {
            let mut chars: Vec<char> = w.text.chars().collect();
            let k = rng.below(chars.len());
            chars[k] = if "aeiou".contains(chars[k]) { 'e' } else { 'a' };
            w.text = chars.into_iter().collect();
        } else if r < 0.09 {
            continue;
        } else if r < 0.10 {
            out.push(TimedWord {
                text: "um".into(),
                ..w.clone()
            });
        }
        if (repeat_at..repeat_at + 30.0).contains(&w.start) {
            copy.push(w.clone());
        } else if !copy.is_empty() {
            out.append(&mut copy);
        }
        out.push(w);
    }
    out
}

#[derive(Default, Clone, Copy)]
struct Score {
    counted: usize,
    placed: usize,
    within: usize,
    wrong: usize,
}

impl Score {
    fn add(&mut self, o: Score) {
        self.counted += o.counted;
        self.placed += o.placed;
        self.within += o.within;
        self.wrong += o.wrong;
    }
    fn pct(&self, n: usize) -> f64 {
        100.0 * n as f64 / self.counted.max(1) as f64
    }
}

/// One line of the per-debate table: clean and damaged placed / within / wrong percentages.
fn row(name: &str, paragraphs: &str, c: &Score, d: &Score) -> String {
    format!(
        "{name:<11} {paragraphs:>6} {:>6} | {:>7.1} {:>8.1} {:>6.1} | {:>7.1} {:>8.1} {:>6.1}",
        c.counted,
        c.pct(c.placed),
        c.pct(c.within),
        c.pct(c.wrong),
        d.pct(d.placed),
        d.pct(d.within),
        d.pct(d.wrong),
    )
}

fn score(truth: &[Option<f64>], got: &align::Alignment) -> Score {
    let mut s = Score::default();
    for (t, span) in truth.iter().zip(&got.spans) {
        let Some(t) = t else { continue };
        s.counted += 1;
        if let Some(span) = span {
            s.placed += 1;
            if (span.start - t).abs() <= 2.0 {
                s.within += 1;
            } else {
                s.wrong += 1;
            }
        }
    }
    s
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn us_debates_alignment() {
    let dir = corpus();
    let mut saids: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("../shared/corpus/us-debates")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "said"))
        .collect();
    saids.sort();
    assert!(!saids.is_empty());
    let (mut clean_total, mut damaged_total) = (Score::default(), Score::default());
    let (mut bytes, mut spent, mut reading, mut cpu) =
        (0usize, Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let (mut paragraphs, mut no_truth) = (0, 0);
    println!(
        "{:<11} {:>6} {:>6} | {:>7} {:>8} {:>6} | {:>7} {:>8} {:>6}",
        "debate", "paras", "≥10w", "placed%", "within%", "wrong%", "placed%", "within%", "wrong%"
    );
    println!(
        "{:<25} | {:^24} | {:^24}",
        "", "clean captions", "damaged captions"
    );
    for said in &saids {
        let stem = said.file_stem().unwrap().to_string_lossy().into_owned();
        let said_text = std::fs::read_to_string(said).unwrap();
        let vtt_text = std::fs::read_to_string(said.with_extension("vtt")).unwrap();
        let meta: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(said.with_extension("json")).unwrap())
                .unwrap();
        let duration = meta["durationSeconds"].as_f64();

        let (clock, cpu0) = (Instant::now(), thread_cpu());
        let paras = said_paragraphs(&said_text);
        let captions = parse_vtt(&vtt_text).unwrap();
        let read = clock.elapsed();
        let clean = align(&paras, &captions.words, duration);
        spent += clock.elapsed();
        reading += read;
        cpu += thread_cpu()
            .zip(cpu0)
            .map_or(Duration::ZERO, |(b, a)| b.saturating_sub(a));
        bytes += said_text.len() + vtt_text.len();

        let truth = truth(&paras, &captions.words);
        let long = paras.iter().filter(|p| count_words(p) >= 10).count();
        paragraphs += long;
        no_truth += long - truth.iter().flatten().count();
        let seed = stem.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        let damaged = align(&paras, &damage(&captions.words, seed), duration);
        let (c, d) = (score(&truth, &clean), score(&truth, &damaged));
        println!("{}", row(&stem, &paras.len().to_string(), &c, &d));
        clean_total.add(c);
        damaged_total.add(d);
    }
    let (c, d) = (clean_total, damaged_total);
    println!("{}", row("all", "", &c, &d));
    println!("paragraphs of ≥ 10 words: {paragraphs}, of which {no_truth} without a unique exact match for truth (not counted)");
    let mb = bytes as f64 / 1e6;
    println!(
        "read + align (clean): {mb:.1} MB of .said + .vtt in {:.3} s ({:.3} s reading): {:.0} MB/s",
        spent.as_secs_f64(),
        reading.as_secs_f64(),
        mb / spent.as_secs_f64()
    );
    // The machine is shared: the thread's own CPU time says what the code costs.
    if cpu > Duration::ZERO {
        println!(
            "read + align (clean), CPU time of this thread: {:.3} s: {:.0} MB/s",
            cpu.as_secs_f64(),
            mb / cpu.as_secs_f64()
        );
    }
    assert!(
        c.pct(c.within) >= 95.0 && c.pct(c.wrong) <= 2.0,
        "clean captions miss the targets"
    );
    assert!(
        d.pct(d.within) >= 90.0 && d.pct(d.wrong) <= 3.0,
        "damaged captions miss the targets"
    );
}
