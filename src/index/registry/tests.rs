//! The registry's merges and splits on names from the corpora (kremlin.ru, US debates, UN).

use super::*;

fn unit(speaker: &str, role: Option<&str>, transcript: &str, paragraphs: u64) -> Unit {
    Unit {
        speaker: speaker.into(),
        role: role.map(str::to_string),
        transcript: transcript.into(),
        labels: [match role {
            Some(r) => format!("{r} {speaker}"),
            None => speaker.to_string(),
        }]
        .into(),
        paragraphs,
        words: paragraphs * 10,
        first: None,
        last: None,
    }
}

fn build(units: Vec<Unit>) -> Registry {
    Registry::build(units, &HashMap::new(), &Aliases::default())
}

/// The person speaker `s` is on page `t`: its id.
fn id(r: &Registry, s: &str, t: &str) -> String {
    r.person_of(s, t).map(|p| p.id.clone()).unwrap_or_default()
}

#[test]
fn case_spacing_and_spellings_are_one_person() {
    let r = build(vec![
        unit("Vladimir Putin", Some("President of Russia"), "1", 100),
        unit("VladimirPutin", None, "2", 5),
        unit("VladimirPUTIN", None, "2b", 1),
        unit("Vladmir Putin", None, "3", 2),
        unit("Vlaidmir Putin", None, "4", 1),
        unit("Kirill KleYMENOV", None, "5", 84),
        unit("Kirill Kleymenov", None, "6", 70),
        unit("Kirill Kleimyonov", None, "6", 2),
        unit("Tatyana Golikova", None, "7", 50),
        unit("Tatayana Golikova", None, "8", 25),
        unit("Tatiana Golikova", None, "9", 2),
        unit("DMITRY MEDVEDEV", Some("President OF RUSSIA"), "10", 12),
        unit("Dmitry Medvedev", None, "11", 300),
        unit("Andrei Medvedev", None, "12", 5),
        unit("Mr. Barack Obama", None, "13", 3),
        unit("Barack Obama", None, "14", 30),
    ]);
    assert_eq!(id(&r, "VladimirPutin", "2"), "vladimir-putin");
    assert_eq!(id(&r, "VladimirPUTIN", "2b"), "vladimir-putin");
    assert_eq!(id(&r, "Vladmir Putin", "3"), "vladimir-putin");
    assert_eq!(id(&r, "Vlaidmir Putin", "4"), "vladimir-putin");
    assert_eq!(id(&r, "Kirill KleYMENOV", "5"), "kirill-kleymenov");
    assert_eq!(id(&r, "Kirill Kleimyonov", "6"), "kirill-kleymenov");
    assert_eq!(
        r.person_of("Kirill KleYMENOV", "5").unwrap().name,
        "Kirill Kleymenov"
    );
    assert_eq!(id(&r, "Tatayana Golikova", "8"), "tatyana-golikova");
    assert_eq!(id(&r, "Tatiana Golikova", "9"), "tatyana-golikova");
    assert_eq!(id(&r, "DMITRY MEDVEDEV", "10"), "dmitry-medvedev");
    assert_eq!(id(&r, "Andrei Medvedev", "12"), "andrei-medvedev");
    assert_eq!(id(&r, "Mr. Barack Obama", "13"), "barack-obama");
    let putin = r.person_of("Vladimir Putin", "1").unwrap();
    assert!(putin.variants.contains("VladimirPutin"));
    assert_eq!(putin.paragraphs, 109);
}

#[test]
fn roles_left_in_the_name_go() {
    let r = build(vec![
        unit("Igor Sechin", Some("Rosneft CEO"), "1", 100),
        unit("Rosneft CEO Igor Sechin", None, "2", 20),
        unit("Patriarch Kirill", None, "3", 29),
        unit("Patriarch Kirill of Moscow and All Russia", None, "4", 20),
        Unit {
            labels: ["Patriarch of Moscow and All Russia Kirill".into()].into(),
            ..unit("Russia Kirill", Some("Patriarch of Moscow and All"), "5", 2)
        },
        unit(
            "Recep Tayyip Erdogan",
            Some("President of Turkey"),
            "6",
            277,
        ),
        Unit {
            labels: ["President of Turkey Recep Tayyip Erdogan".into()].into(),
            ..unit("Tayyip Erdogan", Some("President of Turkey Recep"), "7", 19)
        },
        unit(
            "bin Salman Al Saud",
            Some("Deputy Crown Prince of Saudi Arabia Mohammad"),
            "8",
            15,
        ),
    ]);
    assert_eq!(id(&r, "Rosneft CEO Igor Sechin", "2"), "igor-sechin");
    assert_eq!(
        id(&r, "Patriarch Kirill of Moscow and All Russia", "4"),
        "patriarch-kirill"
    );
    assert_eq!(id(&r, "Russia Kirill", "5"), "patriarch-kirill");
    assert_eq!(id(&r, "Tayyip Erdogan", "7"), "recep-tayyip-erdogan");
    assert_eq!(
        r.person_of("bin Salman Al Saud", "8").unwrap().name,
        "Mohammad bin Salman Al Saud"
    );
    let mbs = r.find("Mohammad bin Salman");
    assert!(matches!(mbs, Found::Persons { ref persons, several: false } if persons.len() == 1));
}

#[test]
fn homonyms_with_unlinked_organisations_stay_apart() {
    // page 56850: the ALROSA CEO, then `Sergei Ivanov:`; page 51556: the Chief of Staff.
    let r = build(vec![
        unit(
            "Sergei Ivanov",
            Some("Chief of Staff of the Presidential Executive Office"),
            "51556",
            20,
        ),
        unit("Sergei Ivanov", None, "51556", 10),
        unit("ALROSA CEO Sergei Ivanov", None, "56850", 1),
        unit("Sergei Ivanov", None, "56850", 13),
        unit("Igor Sechin", Some("Rosneft CEO"), "1", 100),
        unit("Igor Sechin", Some("Head of Rosneft"), "2", 10),
        unit("Dmitry Medvedev", Some("President of Russia"), "3", 100),
        unit("Dmitry Medvedev", Some("Prime Minister"), "4", 100),
    ]);
    let chief = id(&r, "Sergei Ivanov", "51556");
    let ceo = id(&r, "Sergei Ivanov", "56850");
    assert_ne!(chief, ceo);
    assert_eq!(ceo, id(&r, "ALROSA CEO Sergei Ivanov", "56850"));
    assert_eq!(id(&r, "Igor Sechin", "1"), id(&r, "Igor Sechin", "2"));
    assert_eq!(
        id(&r, "Dmitry Medvedev", "3"),
        id(&r, "Dmitry Medvedev", "4")
    );
    assert!(r
        .suspects()
        .iter()
        .any(|s| s.evidence.contains("kept apart") && s.a.starts_with("Sergei Ivanov")));
    // Both are found by the name, and told apart.
    match r.find("Sergei Ivanov") {
        Found::Persons { persons, several } => {
            assert!(several);
            assert_eq!(persons.len(), 2);
        }
        f => panic!("{f:?}"),
    }
}

#[test]
fn pages_listing_the_person_link_two_organisations() {
    let persons: HashMap<String, Vec<String>> = [
        ("1".to_string(), vec!["Patrushev Dmitry".to_string()]),
        ("2".to_string(), vec!["Patrushev Dmitry".to_string()]),
    ]
    .into();
    let r = Registry::build(
        vec![
            unit(
                "Dmitry Patrushev",
                Some("Rosselkhozbank Management Board Chairman"),
                "1",
                5,
            ),
            unit("Dmitry Patrushev", Some("Minister of Agriculture"), "2", 5),
        ],
        &persons,
        &Aliases::default(),
    );
    assert_eq!(r.persons.len(), 1);
}

#[test]
fn a_listed_page_without_an_organisation_links_an_office_read_out_of_the_name() {
    // Dmitry Rogozin, Deputy Prime Minister (page 17719, listed) and later Roscosmos CEO
    // (62107, listed): one person. A role naming an organisation (the Military-Industrial
    // Commission) that the Roscosmos pages do not share must not set them apart when the
    // pages list him on both sides.
    let persons: HashMap<String, Vec<String>> = [
        ("17719".to_string(), vec!["Rogozin Dmitry".to_string()]),
        ("62107".to_string(), vec!["Rogozin Dmitry".to_string()]),
    ]
    .into();
    let units = || {
        vec![
            unit("Dmitry Rogozin", Some("Deputy Prime Minister"), "17719", 8),
            unit(
                "Dmitry Rogozin",
                Some("Chairman of the Board of the Military-Industrial Commission"),
                "20001",
                5,
            ),
            unit("Roscosmos CEO Dmitry Rogozin", None, "62107", 1),
            unit("Dmitry Rogozin", None, "62107", 6),
        ]
    };
    let r = Registry::build(units(), &persons, &Aliases::default());
    assert_eq!(
        id(&r, "Dmitry Rogozin", "17719"),
        id(&r, "Roscosmos CEO Dmitry Rogozin", "62107")
    );
    // Without the lists nothing links them: kept apart and listed for the user.
    let r = build(units());
    assert_ne!(
        id(&r, "Dmitry Rogozin", "17719"),
        id(&r, "Roscosmos CEO Dmitry Rogozin", "62107")
    );
}

#[test]
fn middle_initials_merge_only_when_safe() {
    let r = build(vec![
        unit("Henry Trewhitt", None, "1", 5),
        unit("Henry L Trewhitt", None, "2", 5),
        unit("George HW Bush", None, "3", 50),
        unit("George W Bush", None, "4", 50),
        unit("George Bush", None, "5", 3),
        unit("Bill J Clinton", None, "6", 50),
        unit("Hillary R Clinton", None, "7", 50),
        unit("James Carter", None, "8", 1),
        unit("Jimmy E Carter", None, "9", 40),
    ]);
    assert_eq!(
        id(&r, "Henry Trewhitt", "1"),
        id(&r, "Henry L Trewhitt", "2")
    );
    assert_ne!(id(&r, "George HW Bush", "3"), id(&r, "George W Bush", "4"));
    assert_ne!(id(&r, "George Bush", "5"), id(&r, "George W Bush", "4"));
    assert_ne!(id(&r, "George Bush", "5"), id(&r, "George HW Bush", "3"));
    assert_ne!(
        id(&r, "Bill J Clinton", "6"),
        id(&r, "Hillary R Clinton", "7")
    );
    assert_ne!(id(&r, "James Carter", "8"), id(&r, "Jimmy E Carter", "9"));
    assert!(r.suspects().iter().any(|s| s.a == "George Bush"));
}

#[test]
fn generic_roles_and_fragments_have_kinds() {
    let r = build(vec![
        unit("Question", None, "1", 800),
        unit("Questions", None, "2", 1),
        unit("Question from Perm Territory", None, "3", 2),
        unit("Remark", None, "1", 300),
        unit("Audience", None, "1", 1),
        unit("Perm Territory", None, "4", 1),
        unit(
            "Winner of the Presidential Prize in Science and Innovation for Young Scientists",
            None,
            "5",
            7,
        ),
        unit("Vladivostok, Yulia Matveyeva", None, "6", 2),
    ]);
    let q = r.person_of("Question from Perm Territory", "3").unwrap();
    assert_eq!((q.kind, q.id.as_str()), (Kind::Question, "question"));
    assert_eq!(q.paragraphs, 803);
    assert_eq!(r.person_of("Remark", "1").unwrap().kind, Kind::Remark);
    assert_eq!(r.person_of("Audience", "1").unwrap().kind, Kind::Audience);
    assert_eq!(
        r.person_of("Perm Territory", "4").unwrap().kind,
        Kind::Place
    );
    assert_eq!(
        r.person_of(
            "Winner of the Presidential Prize in Science and Innovation for Young Scientists",
            "5"
        )
        .unwrap()
        .kind,
        Kind::Role
    );
    let y = r.person_of("Vladivostok, Yulia Matveyeva", "6").unwrap();
    assert_eq!((y.kind, y.name.as_str()), (Kind::Person, "Yulia Matveyeva"));
    assert_eq!(r.of_kind(Kind::Question).len(), 1);
}

#[test]
fn aliases_merge_split_and_give_kinds() {
    let aliases = Aliases::parse(
        r#"
[[merge]]
name = "Joe Biden"
variants = ["Joseph R. Biden"]

[[split]]
variant = "Sergei Ivanov"
pages = ["2"]
name = "Sergei Ivanov Jr"

[[kind]]
name = "Ilya Azar"
kind = "question"
"#,
    )
    .unwrap();
    let r = Registry::build(
        vec![
            unit("Joe Biden", None, "1", 5),
            unit("Joseph R. Biden", None, "1", 5),
            unit("Sergei Ivanov", None, "1", 5),
            unit("Sergei Ivanov", None, "2", 5),
            unit("Ilya Azar", None, "3", 2),
        ],
        &HashMap::new(),
        &aliases,
    );
    assert_eq!(id(&r, "Joseph R. Biden", "1"), "joe-biden");
    assert_eq!(id(&r, "Sergei Ivanov", "2"), "sergei-ivanov-jr");
    assert_eq!(id(&r, "Sergei Ivanov", "1"), "sergei-ivanov");
    assert_eq!(r.person_of("Ilya Azar", "3").unwrap().kind, Kind::Question);
    assert!(r
        .person_of("Joe Biden", "1")
        .unwrap()
        .aliases
        .contains("Joseph R. Biden"));
}

#[test]
fn find_by_name_surname_or_nothing() {
    let r = build(vec![
        unit("Vladimir Putin", None, "1", 100),
        unit("Sergei Ivanov", None, "2", 10),
        unit("Viktor Ivanov", None, "3", 10),
        unit("bin Hamad Al Thani", Some("Emir of Qatar Tamim"), "4", 10),
    ]);
    assert!(matches!(
        r.find("putin"),
        Found::Persons { several: false, .. }
    ));
    assert!(
        matches!(r.find("IVANOV"), Found::Persons { several: true, ref persons } if persons.len() == 2)
    );
    assert!(matches!(
        r.find("tamim"),
        Found::Persons { several: false, .. }
    ));
    assert!(matches!(
        r.find("Tamim bin Hamad Al Thani"),
        Found::Persons { several: false, .. }
    ));
    match r.find("Putn") {
        Found::Nothing { nearest } => assert_eq!(nearest[0], "Vladimir Putin"),
        f => panic!("{f:?}"),
    }
}

#[test]
fn middle_names_nicknames_and_accents_from_the_un_sheet() {
    let r = build(vec![
        unit("Joseph R. Biden, Jr", Some("President"), "USA_77_2022", 60),
        unit("Joseph R. Biden", Some("President"), "USA_78_2023", 60),
        unit("Joe Biden", Some("President"), "USA_76_2021", 64),
        unit("Ilham Heydar oglu Aliyev", Some("President"), "AZE_72", 127),
        unit("Ilham Aliyev", Some("President"), "AZE_65", 70),
        unit("Ilham Heydar Aliyev", Some("President"), "AZE_60", 25),
        unit(
            "Sebastián Piñera Echenique",
            Some("President"),
            "CHL_65",
            42,
        ),
        unit(
            "Sebastian Pinera Echenique",
            Some("President"),
            "CHL_73",
            82,
        ),
        unit("Dato’ Sri Anifah Aman", Some("Minister"), "MYS_70", 43),
        unit("Anifah Aman", Some("Minister"), "MYS_66", 23),
        unit("Sheikh Mohammed bin Rashid Al Maktoum", None, "ARE_1", 9),
        unit("Sheikh Hamdan bin Mohammed Al Maktoum", None, "ARE_2", 9),
    ]);
    let biden = id(&r, "Joseph R. Biden, Jr", "USA_77_2022");
    assert_eq!(biden, "joseph-r-biden");
    assert_eq!(id(&r, "Joe Biden", "USA_76_2021"), biden);
    assert_eq!(id(&r, "Joseph R. Biden", "USA_78_2023"), biden);
    let p = r.person_of("Joe Biden", "USA_76_2021").unwrap();
    assert!(p.roles.iter().all(|r| !r.contains("Jr")), "{:?}", p.roles);
    let aliyev = id(&r, "Ilham Aliyev", "AZE_65");
    assert_eq!(id(&r, "Ilham Heydar oglu Aliyev", "AZE_72"), aliyev);
    assert_eq!(id(&r, "Ilham Heydar Aliyev", "AZE_60"), aliyev);
    assert_eq!(
        id(&r, "Sebastián Piñera Echenique", "CHL_65"),
        id(&r, "Sebastian Pinera Echenique", "CHL_73")
    );
    assert_eq!(
        id(&r, "Dato’ Sri Anifah Aman", "MYS_70"),
        id(&r, "Anifah Aman", "MYS_66")
    );
    assert_ne!(
        id(&r, "Sheikh Mohammed bin Rashid Al Maktoum", "ARE_1"),
        id(&r, "Sheikh Hamdan bin Mohammed Al Maktoum", "ARE_2")
    );
}

#[test]
fn a_nickname_without_a_role_in_common_is_only_a_suspect() {
    let r = build(vec![
        unit("Bill Clinton", Some("President"), "1", 10),
        unit("William J. Clinton", Some("Governor of Arkansas"), "2", 10),
        unit("Bob Dole", Some("Senator"), "3", 10),
        unit("Robert Dole", Some("Senator"), "4", 10),
        unit("Robert Doles", Some("Senator"), "5", 10),
    ]);
    assert_ne!(
        id(&r, "Bill Clinton", "1"),
        id(&r, "William J. Clinton", "2")
    );
    assert!(r
        .suspects()
        .iter()
        .any(|s| s.a == "Bill Clinton" && s.evidence.contains("nickname")));
    assert_eq!(id(&r, "Bob Dole", "3"), id(&r, "Robert Dole", "4"));
}
