//! Speaker-labelled transcripts with their sidecar metadata and captions (issue 16), end to
//! end: the fixture in `tests/fixtures/debates` (a debate whose captions mishear, drop and
//! repeat words; captions alone; a labelled and an unlabelled `.txt`; a derived copy), and
//! the 26 debates of `../shared/corpus/us-debates` when they are there.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{decode_lines, fixture, hit_lines, stderr_of, Sandbox};

fn debates_fixture() -> Sandbox {
    let sb = Sandbox::empty();
    for entry in std::fs::read_dir(fixture("debates")).unwrap() {
        let entry = entry.unwrap();
        sb.copy_in(
            &entry.path(),
            &format!("debates/{}", entry.file_name().to_string_lossy()),
        );
    }
    sb
}

/// `rostra ingest --json` of `dir` into the sandbox: its summary and its stderr.
fn ingest(sb: &Sandbox, dir: &Path) -> (Value, String) {
    let out = sb.run(&["ingest", "--json", &dir.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let summary = decode_lines::<Value>(&out.stdout).remove(0);
    (summary, stderr_of(&out))
}

fn by_transcript(paragraphs: &[Value]) -> BTreeMap<String, Vec<&Value>> {
    let mut out: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for p in paragraphs {
        out.entry(p["transcript"].as_str().unwrap().to_string())
            .or_default()
            .push(p);
    }
    for v in out.values_mut() {
        v.sort_by_key(|p| p["paragraph"].as_u64());
    }
    out
}

#[test]
fn a_debate_gets_its_speakers_roles_metadata_and_times() {
    let sb = debates_fixture();
    let (summary, stderr) = ingest(&sb, &sb.path().join("debates"));
    // 2001-02-03.said (+ .json, .vtt), talk.srt, hearing.txt, speech.txt; derived.txt skipped,
    // 2001-02-03.vtt read with its transcript.
    assert_eq!(summary["transcripts"], 4, "{summary}");
    assert!(
        stderr.contains("derived.txt: skipped: a text copy of the XML file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2001-02-03.vtt: skipped: the captions of the transcript"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2001-02-03.said: captions placed 5 of 6 paragraphs"),
        "{stderr}"
    );

    let all = sb.paragraphs();
    let t = by_transcript(&all);
    let debate = &t["2001-02-03"];
    let who: Vec<(&str, &str)> = debate
        .iter()
        .map(|p| (p["speaker"].as_str().unwrap(), p["role"].as_str().unwrap()))
        .collect();
    assert_eq!(
        who,
        [
            ("Jane Q Moderator", "Moderator"),
            ("Pat Smith", "Democratic nominee for Governor"),
            ("Lee Jones", "Republican nominee for Governor"),
            ("Jane Q Moderator", "Moderator"),
            ("Lee Jones", "Republican nominee for Governor"),
            ("Pat Smith", "Democratic nominee for Governor"),
        ]
    );
    let p0 = debate[0];
    assert_eq!(p0["title"], "Jones, Smith (1 of 1)");
    assert_eq!(p0["date"], "2001-02-03");
    assert_eq!(p0["place"], "Town Hall, Springfield, IL, USA");
    // No page URL is invented; the video is not the page.
    assert_eq!(p0["url"], Value::Null);
    // Times within 2 s of the moment the captions say; the stretch the captions lack has
    // none rather than a wrong one.
    let starts: Vec<Option<f64>> = debate.iter().map(|p| p["start"].as_f64()).collect();
    for (got, want) in starts.iter().zip([
        Some(2.0),
        Some(12.0),
        Some(22.0),
        None,
        Some(40.0),
        Some(50.0),
    ]) {
        match (got, want) {
            (Some(g), Some(w)) => assert!((g - w).abs() <= 2.0, "{starts:?}"),
            (None, None) => {}
            _ => panic!("{starts:?}"),
        }
    }
    assert_eq!(
        debate[1]["media"],
        format!(
            "https://www.youtube.com/watch?v=TESTvid0001&t={}s",
            starts[1].unwrap().floor()
        )
    );
    // Stage notes are not words; brackets of the speech are.
    let text: Vec<&str> = debate.iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert!(text[1].ends_with("our 401(k)s."), "{}", text[1]);
    assert!(!text
        .iter()
        .any(|t| t.contains("crosstalk") || t.contains("LAUGHTER")));
    assert!(text[5].contains("The [Arabian] Gulf"), "{}", text[5]);

    // Captions alone: paragraphs by pauses, timed, no speakers.
    let talk = &t["talk"];
    assert_eq!(talk.len(), 2, "{talk:?}");
    assert!(talk.iter().all(|p| p["speaker"].is_null()));
    assert_eq!(talk[1]["start"], 9.0);
    assert_eq!(talk[1]["text"], "Rivers carry water.");
    // A labelled .txt and an unlabelled one.
    let hearing: Vec<&str> = t["hearing"]
        .iter()
        .map(|p| p["speaker"].as_str().unwrap())
        .collect();
    assert_eq!(
        hearing,
        [
            "Senator Alice Brown",
            "Witness Bob Green",
            "Senator Alice Brown",
            "Witness Bob Green"
        ]
    );
    assert_eq!(t["hearing"][3]["text"], "Bob Green of the river authority.");
    assert_eq!(t["speech"].len(), 2);
    assert!(t["speech"].iter().all(|p| p["speaker"].is_null()));
    assert!(!t.contains_key("derived"));
}

#[test]
fn hits_show_and_kwic_carry_the_time_and_the_video_link() {
    let sb = debates_fixture();
    ingest(&sb, &sb.path().join("debates"));
    let hits = hit_lines(sb.stdout(&["search", "--json", "wasteful"]).as_bytes());
    assert_eq!(hits.len(), 1);
    let start = hits[0]["start"].as_f64().unwrap();
    let link = format!(
        "https://www.youtube.com/watch?v=TESTvid0001&t={}s",
        start.floor()
    );
    assert_eq!(hits[0]["media"], link.as_str());
    let text = sb.stdout(&["search", "wasteful"]);
    assert!(
        text.contains(&format!("▶ 00:00:{:02}  {link}", start.floor())),
        "{text}"
    );
    let csv = sb.stdout(&["search", "--format", "csv", "wasteful"]);
    assert!(
        csv.lines().next().unwrap().contains(",start,end,media"),
        "{csv}"
    );
    assert!(csv.contains(&link), "{csv}");
    let show = sb.stdout(&["show", "2001-02-03"]);
    assert!(
        show.contains("video https://www.youtube.com/watch?v=TESTvid0001"),
        "{show}"
    );
    assert!(show.contains("¶4    00:00:"), "{show}");
    let kwic = sb.stdout(&["kwic", "--times", "wasteful"]);
    assert!(kwic.contains("  00:00:"), "{kwic}");
    // A date filter and a speaker filter work on the sidecar's date and names.
    let jones = hit_lines(
        sb.stdout(&[
            "search",
            "--json",
            "--speaker",
            "jones",
            "--from",
            "2001",
            "highway",
        ])
        .as_bytes(),
    );
    assert_eq!(jones.len(), 1);
    assert_eq!(jones[0]["speaker"], "Lee Jones");
}

#[test]
fn parse_names_the_reader() {
    let sb = debates_fixture();
    let d = sb.path().join("debates");
    for (file, reader) in [
        ("2001-02-03.said", "speaker-labelled transcript"),
        ("hearing.txt", "speaker-labelled transcript"),
        ("speech.txt", "one speech without labels"),
        ("talk.srt", "captions alone (paragraphs by pauses)"),
    ] {
        let path = d.join(file).display().to_string();
        let text = sb.stdout(&["parse", &path]);
        assert!(
            text.starts_with(&format!("reader     {reader}\n")),
            "{text}"
        );
        let json = decode_lines::<Value>(sb.stdout(&["parse", "--json", &path]).as_bytes());
        assert_eq!(json[0]["reader"], reader);
    }
    let json = decode_lines::<Value>(
        sb.stdout(&[
            "parse",
            "--json",
            &d.join("2001-02-03.said").display().to_string(),
        ])
        .as_bytes(),
    );
    assert_eq!(json[0]["paragraphs"][1]["notes"][0], "crosstalk");
    assert_eq!(json[0]["aligned"]["placed"], 5);
}

#[test]
fn a_sidecar_of_another_shape_is_refused_and_the_transcript_read_without_it() {
    let sb = debates_fixture();
    let d = sb.path().join("debates");
    std::fs::write(
        d.join("2001-02-03.json"),
        r#"{"fact": {"title": "T", "primaryDate": "2001-02-03"}, "speakers": [], "venue": "x"}"#,
    )
    .unwrap();
    let out = sb.run(&["ingest", &d.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.contains(
            "2001-02-03.json: not a transcript sidecar rostra knows (unknown field `venue`"
        ),
        "{err}"
    );
    let paragraphs = sb.paragraphs();
    let debate = &by_transcript(&paragraphs)["2001-02-03"];
    assert_eq!(debate.len(), 6);
    assert_eq!(debate[0]["speaker"], "Jane Q Moderator");
}

fn us_debates() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/us-debates");
    assert!(
        dir.is_dir(),
        "{} is not here: this check needs ../shared/corpus",
        dir.display()
    );
    dir
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn us_debates_every_debate_its_speakers_notes_and_times() {
    let dir = us_debates();
    let sb = Sandbox::empty();
    let (summary, stderr) = ingest(&sb, &dir);
    let saids: Vec<PathBuf> = crate::util::files_with_extension(&dir, "said");
    assert_eq!(saids.len(), 26);
    assert_eq!(summary["transcripts"], 26, "{summary}");
    let all = sb.paragraphs();
    let t = by_transcript(&all);
    let (mut total, mut listed) = (0usize, 0usize);
    println!("debate       paragraphs  speakers-from-list  timed");
    for said in &saids {
        let id = said.file_stem().unwrap().to_str().unwrap();
        let meta: Value =
            serde_json::from_str(&std::fs::read_to_string(said.with_extension("json")).unwrap())
                .unwrap();
        let names: HashSet<&str> = meta["speakers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["fullName"].as_str().unwrap())
            .collect();
        let paras = &t[id];
        let from_list = paras
            .iter()
            .filter(|p| p["speaker"].as_str().is_some_and(|s| names.contains(s)))
            .count();
        let timed = paras.iter().filter(|p| p["start"].is_f64()).count();
        println!("{id}  {:>10}  {from_list:>18}  {timed:>5}", paras.len());
        total += paras.len();
        listed += from_list;
        // Notes are not words.
        for p in paras.iter() {
            let text = p["text"].as_str().unwrap();
            for note in ["[crosstalk", "(LAUGHTER)", "(inaudible)", "[cross talk]"] {
                assert!(!text.contains(note), "{id}: {text}");
            }
        }
        // Captions are beside every debate: times on most paragraphs, and the coverage said.
        assert!(said.with_extension("vtt").is_file());
        // 2000-10-11.vtt runs past the video (5,569 s of 4,944): its tail has no time.
        assert!(
            timed * 5 >= paras.len() * 4,
            "{id}: {timed} of {}",
            paras.len()
        );
        assert!(
            stderr.contains(&format!(
                "{id}.said: captions placed {timed} of {}",
                paras.len()
            )),
            "{stderr}"
        );
        assert_eq!(paras[0]["title"], meta["fact"]["title"]);
        assert_eq!(paras[0]["date"], meta["fact"]["primaryDate"]);
    }
    println!(
        "paragraphs with a speaker from the sidecar's list: {listed} of {total} ({:.2}%)",
        100.0 * listed as f64 / total as f64
    );
    assert_eq!(listed, total);
    // Trump's paragraphs from 2016 on: only his, only 2016 and 2020.
    let trump = sb.json_lines(&[
        "search",
        "--json",
        "--speaker",
        "trump",
        "--from",
        "2016",
        "--limit",
        "10000",
        "the",
    ]);
    let hits: Vec<&Value> = trump.iter().filter(|v| v["type"] == "hit").collect();
    assert!(hits.len() > 100);
    for h in hits {
        assert_eq!(h["speaker"], "Donald J Trump");
        let date = h["date"].as_str().unwrap();
        assert!(
            date.starts_with("2016") || date.starts_with("2020"),
            "{date}"
        );
        // The link opens the video at the paragraph's start, rounded down.
        if let Some(start) = h["start"].as_f64() {
            assert!(
                h["media"]
                    .as_str()
                    .unwrap()
                    .ends_with(&format!("&t={}s", start.floor())),
                "{h}"
            );
        } else {
            assert!(h["media"].is_null(), "{h}");
        }
    }
}
