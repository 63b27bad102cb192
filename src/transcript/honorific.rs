//! The transcript stage, speakers: a name as printed in a metadata sheet, without its forms of address
//! (issue 17 §1: `Mr. Barack Obama` is `Barack Obama`).
//!
//! Decided from the `Name of Person Speaking` column of `Speakers_by_session.xlsx`
//! (10,936 names, 1946–2024, by their first words): forms of address go, in any case, with
//! or without the dot, several in a row: `Mr.` (3,271 names), `Mr` (51), `MR.` (26), `Mrs.`
//! (67), `Ms.` (66), `Dr.` (29), `MRS.`, `Professor`, `His Highness`, `His Serene Highness`,
//! `His Majesty`, `His Holiness`, also without `His`; the Malaysian `Dato’ Sri`, `Datuk
//! Seri`, `Tan Sri`, `Tun`, `Haji`; `H.E.` and `His Excellency` are not in
//! the sheet but go too. Words that name the person, or tell apart people of one name, stay:
//! `Sheikh`/`Shaikh`/`Sheik` (`Sheikh Hasina` is a given name, and `Sheikh Tamim bin Hamad
//! Al-Thani` is how the Emir is named), `King`, `Prince`, `Sultan`, `Emir`, `Sir`, `Dame`,
//! `Lord`, `General`, `Archbishop`, `Cardinal`, and `Don` (`Don Pramudwinai` is a Thai given
//! name). Nothing is stripped that would leave no name (`Mr King` is `King`; a bare `Mr.`
//! stays), and a trailing comma goes (`Mrs. Micheline Calmy-Rey,`).

/// Forms of address, lower case, without the dot; several words are matched in a row.
const HONORIFICS: &[&[&str]] = &[
    &["his", "excellency"],
    &["her", "excellency"],
    &["his", "serene", "highness"],
    &["her", "serene", "highness"],
    &["his", "royal", "highness"],
    &["her", "royal", "highness"],
    &["his", "highness"],
    &["her", "highness"],
    &["his", "majesty"],
    &["his", "holiness"],
    &["her", "majesty"],
    &["serene", "highness"],
    &["royal", "highness"],
    &["excellency"],
    &["highness"],
    &["majesty"],
    // Malaysian titles (`Dato’ Sri Anifah Aman`, `Datuk Seri Abdullah Ahmad Badawi`, `Tan
    // Sri`, `Tun`); `Haji` after them. `Sri` alone is a given name (`Sri Mulyani
    // Indrawati`) and stays.
    &["dato’", "sri"],
    &["dato'", "sri"],
    &["dato’", "seri"],
    &["dato'", "seri"],
    &["datuk", "seri"],
    &["datuk", "sri"],
    &["dato", "sri"],
    &["dato", "seri"],
    &["tan", "sri"],
    &["dato’"],
    &["dato'"],
    &["dato"],
    &["datuk"],
    &["tun"],
    &["haji"],
    &["h.e"],
    &["mr"],
    &["mrs"],
    &["ms"],
    &["mme"],
    &["dr"],
    &["prof"],
    &["professor"],
];

/// `name` without the forms of address it starts with, whitespace collapsed.
pub fn strip_honorifics(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut start = 0;
    'strip: while start < words.len() {
        for h in HONORIFICS {
            let end = start + h.len();
            // Never strip the last word: a name stays.
            if end >= words.len() {
                continue;
            }
            // `H.E.` only with its dots: a bare `He` may be a name.
            let matches = words[start..end]
                .iter()
                .zip(h.iter())
                .all(|(w, h)| w.trim_end_matches(['.', ',']).to_lowercase() == *h);
            if matches {
                start = end;
                continue 'strip;
            }
        }
        break;
    }
    let mut out = words[start..].join(" ");
    while out.ends_with([',', ';']) {
        out.pop();
        out.truncate(out.trim_end().len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::strip_honorifics as s;

    #[test]
    fn forms_of_address_go() {
        assert_eq!(s("Mr. Barack Obama"), "Barack Obama");
        assert_eq!(s("Mr Otto"), "Otto");
        assert_eq!(s("MR. Kofi Annan"), "Kofi Annan");
        assert_eq!(s("Mrs. Theresa May"), "Theresa May");
        assert_eq!(s("Dato’ Sri Anifah Aman"), "Anifah Aman");
        assert_eq!(s("Datuk Anifah Aman"), "Anifah Aman");
        assert_eq!(
            s("Dato’ Seri Haji Abdullah Ahmad Badawi"),
            "Abdullah Ahmad Badawi"
        );
        assert_eq!(s("Sri Mulyani Indrawati"), "Sri Mulyani Indrawati");
        assert_eq!(s("MRS. GRO HARLEM BRUNDTLAND"), "GRO HARLEM BRUNDTLAND");
        assert_eq!(s("Ms. Mia Amor Mottley"), "Mia Amor Mottley");
        assert_eq!(s("Dr. Michelle Bachelet"), "Michelle Bachelet");
        assert_eq!(s("Professor Guido de Marco"), "Guido de Marco");
    }

    #[test]
    fn several_in_a_row() {
        assert_eq!(s("H.E. Mr. Julian Hunte"), "Julian Hunte");
        assert_eq!(s("His Excellency Mr. Julian Hunte"), "Julian Hunte");
        assert_eq!(s("His Majesty King Mswati III"), "King Mswati III");
        assert_eq!(
            s("His Serene Highness Prince Albert II"),
            "Prince Albert II"
        );
        assert_eq!(
            s("Serene Highness Prince Alois von und zu Liechtenstein"),
            "Prince Alois von und zu Liechtenstein"
        );
        assert_eq!(s("Majesty King Willem-Alexander"), "King Willem-Alexander");
    }

    #[test]
    fn words_of_the_name_stay() {
        assert_eq!(s("Sheikh Hasina"), "Sheikh Hasina");
        assert_eq!(
            s("His Highness Sheikh Tamim bin Hamad Al-Thani"),
            "Sheikh Tamim bin Hamad Al-Thani"
        );
        assert_eq!(
            s("Shaikh Khalid Bin Ahmed Al-Khalifa"),
            "Shaikh Khalid Bin Ahmed Al-Khalifa"
        );
        assert_eq!(s("Sir Anerood Jugnauth"), "Sir Anerood Jugnauth");
        assert_eq!(s("Don Pramudwinai"), "Don Pramudwinai");
        assert_eq!(s("Lula da Silva"), "Lula da Silva");
        assert_eq!(s("Drew Holness"), "Drew Holness");
        assert_eq!(s("Mrsic Zoran"), "Mrsic Zoran");
    }

    #[test]
    fn a_name_is_never_emptied() {
        assert_eq!(s("Mr King"), "King");
        assert_eq!(s("Mr."), "Mr.");
        assert_eq!(s(""), "");
    }

    #[test]
    fn spaces_and_trailing_comma() {
        assert_eq!(s("Sir  DEVESI "), "Sir DEVESI");
        assert_eq!(s("Mrs. Micheline Calmy-Rey,"), "Micheline Calmy-Rey");
        assert_eq!(s("Mr. Joseph R. Biden, Jr"), "Joseph R. Biden, Jr");
    }

    #[test]
    #[ignore = "needs ../shared/corpus"]
    fn un_speakers_sheet_names() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/un-debates/Speakers_by_session.xlsx");
        let t = crate::source::table::read_table(&path).unwrap();
        let names: Vec<&str> = t
            .rows
            .iter()
            .filter_map(|r| t.cell(r, "Name of Person Speaking"))
            .filter(|n| !n.is_empty())
            .collect();
        let stripped: Vec<String> = names.iter().map(|n| s(n)).collect();
        let changed = names
            .iter()
            .zip(&stripped)
            .filter(|(a, b)| **a != b.as_str())
            .count();
        println!(
            "honorific: {} names, {changed} lost a form of address",
            names.len()
        );
        let left: Vec<&String> = stripped
            .iter()
            .filter(|n| {
                let first = n.split(' ').next().unwrap_or("");
                let first = first.trim_end_matches('.').to_lowercase();
                n.contains(' ') && ["mr", "mrs", "ms", "dr", "his", "her"].contains(&first.as_str())
            })
            .collect();
        assert!(left.is_empty(), "{left:?}");
        assert!(stripped.iter().any(|n| n == "Sheikh Hasina"));
        assert!(stripped.iter().any(|n| n == "Barack Obama"));
    }
}
