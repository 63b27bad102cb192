//! The speaker registry from the command line: `--speaker` resolution in every command,
//! `--kind`, `--role`, the alias file, `speakers --format json`, `--turns`.

use serde::Deserialize;
use serde_json::Value;

use crate::util::{decode_lines, hit_lines, stderr_of, Sandbox};

#[derive(Debug, Deserialize)]
struct SpeakerLine {
    id: String,
    kind: String,
    speaker: String,
    variants: Vec<String>,
    aliases: Vec<String>,
    paragraphs: u64,
}

fn speakers_json(sb: &Sandbox) -> Vec<SpeakerLine> {
    let out = sb
        .cmd()
        .args(["speakers", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    decode_lines(&out.stdout)
}

#[test]
fn a_speaker_nobody_is_named_is_exit_1_in_every_command() {
    let sb = Sandbox::indexed();
    for cmd in [
        &["search", "trade"][..],
        &["kwic", "trade"],
        &["stats", "trade"],
        &["stats", "trade", "--by", "speaker"],
    ] {
        let out = sb
            .cmd()
            .args(cmd)
            .args(["--speaker", "xyzzy"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{cmd:?}");
        assert!(out.stdout.is_empty(), "{cmd:?}: nothing on stdout");
        let err = stderr_of(&out);
        assert!(err.contains("no speaker matches 'xyzzy'"), "{cmd:?}: {err}");
        assert!(err.contains("nearest:"), "{err}");
    }
}

#[test]
fn several_speaker_options_are_their_union() {
    let sb = Sandbox::indexed();
    let (putin, _) = sb.search_json("the", &["--limit", "100", "--speaker", "putin"]);
    let (golikova, _) = sb.search_json("the", &["--limit", "100", "--speaker", "golikova"]);
    let (both, _) = sb.search_json(
        "the",
        &[
            "--limit",
            "100",
            "--speaker",
            "putin",
            "--speaker",
            "golikova",
        ],
    );
    assert!(!putin.is_empty() && !golikova.is_empty());
    assert_eq!(both.len(), putin.len() + golikova.len());
}

#[test]
fn kind_question_and_the_alias_file_take_effect_without_ingest() {
    let sb = Sandbox::indexed();
    let kinds = |sb: &Sandbox| -> Vec<String> {
        let out = sb
            .cmd()
            .args([
                "search",
                "the OR of OR begin",
                "--json",
                "--limit",
                "100",
                "--kind",
                "question",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let mut s: Vec<String> = hit_lines(&out.stdout)
            .iter()
            .map(|h| h["speaker"].as_str().unwrap().to_string())
            .collect();
        s.sort();
        s.dedup();
        s
    };
    assert_eq!(kinds(&sb), ["Question"]);
    let list = speakers_json(&sb);
    let q = list.iter().find(|s| s.speaker == "Question").unwrap();
    assert_eq!((q.kind.as_str(), q.id.as_str()), ("question", "question"));
    let putin = list.iter().find(|s| s.speaker == "Vladimir Putin").unwrap();
    assert_eq!(putin.kind, "person");
    assert!(putin.paragraphs > 0 && putin.variants.contains(&"Vladimir Putin".to_string()));

    std::fs::write(
        sb.index().join("aliases.toml"),
        "[[kind]]\nname = \"Dmitry Peskov\"\nkind = \"question\"\n\n[[merge]]\nname = \"The President\"\nvariants = [\"Vladimir Putin\"]\n",
    )
    .unwrap();
    assert_eq!(kinds(&sb), ["Dmitry Peskov", "Question"]);
    let list = speakers_json(&sb);
    let p = list.iter().find(|s| s.speaker == "The President").unwrap();
    assert_eq!(p.id, "the-president");
    assert!(p.aliases.contains(&"Vladimir Putin".to_string()), "{p:?}");
    // The old name still finds him.
    let (hits, _) = sb.search_json("the", &["--speaker", "vladimir putin"]);
    assert!(!hits.is_empty());

    std::fs::write(sb.index().join("aliases.toml"), "[[kind]]\nname = 1\n").unwrap();
    let out = sb.cmd().args(["speakers"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("aliases.toml"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn hits_show_and_export_carry_the_speaker_id_and_kind() {
    let sb = Sandbox::indexed();
    let out = sb
        .cmd()
        .args(["search", "sanctions", "--json"])
        .output()
        .unwrap();
    let hits = hit_lines(&out.stdout);
    assert!(!hits.is_empty());
    for h in &hits {
        assert!(h["speaker_id"].is_string(), "{h}");
        assert!(h["speaker_kind"].is_string(), "{h}");
    }
    let out = sb.cmd().args(["export"]).output().unwrap();
    let rows: Vec<Value> = decode_lines(&out.stdout);
    let q: Vec<&Value> = rows.iter().filter(|r| r["speaker"] == "Question").collect();
    assert!(!q.is_empty());
    assert!(q
        .iter()
        .all(|r| r["speaker_kind"] == "question" && r["speaker_id"] == "question"));
    let out = sb
        .cmd()
        .args(["show", "1002#8", "--json"])
        .output()
        .unwrap();
    let rows: Vec<Value> = decode_lines(&out.stdout);
    assert!(
        rows.iter().all(|r| r["speaker_id"] == "vladimir-putin"),
        "{rows:?}"
    );
}

#[test]
fn turns_put_the_question_before_the_answer() {
    let sb = Sandbox::indexed();
    // 1002#8 is Putin's answer to the question of 1002#7.
    let out = sb
        .cmd()
        .args([
            "search",
            "dialogue",
            "--json",
            "--turns",
            "1",
            "--speaker",
            "putin",
        ])
        .output()
        .unwrap();
    let hits = hit_lines(&out.stdout);
    let h = hits
        .iter()
        .find(|h| h["transcript"] == "1002")
        .expect("the answer");
    let ctx = h["context"].as_array().expect("turns before");
    assert!(!ctx.is_empty());
    assert!(ctx.iter().all(|c| c["speaker"] == "Question"), "{ctx:?}");
    assert!(ctx
        .iter()
        .all(|c| c["paragraph"].as_u64() < h["paragraph"].as_u64()));
    let out = sb
        .cmd()
        .args([
            "show",
            &format!("1002#{}", h["paragraph"]),
            "--turns",
            "1",
            "--json",
        ])
        .output()
        .unwrap();
    let rows: Vec<Value> = decode_lines(&out.stdout);
    assert_eq!(rows[0]["speaker"], "Question", "{rows:?}");
    assert_eq!(rows.last().unwrap()["speaker"], "Vladimir Putin");
}
