//! The transcript stage: dates as printed on the pages (`November 9, 2020`) and as given in datasets
//! (`2020-11-09`), turned into ISO `YYYY-MM-DD`; clock times (`9:05` → `09:05`).
//!
//! Parsing and formatting are the `time` crate's, with format descriptions checked at compile
//! time (`format_description!`). What it parses differently from the hand-written code this
//! replaced: a `+` before a number (`November +9, 2020`), which Rust's integer parsing let
//! through, and a three-digit year in `parse_iso`; no page or dataset has either.

use time::format_description::BorrowedFormatItem;
use time::macros::format_description;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(time::Date);

/// `2020-11-09`.
const ISO: &[BorrowedFormatItem<'_>] = format_description!("[year]-[month]-[day]");
/// `2020-11-09`, and `2020-1-9` as datasets sometimes write it.
const ISO_LOOSE: &[BorrowedFormatItem<'_>] =
    format_description!("[year]-[month padding:none]-[day padding:none]");
/// `November 9, 2020` (kremlin.ru's page dates).
const LONG: &[BorrowedFormatItem<'_>] =
    format_description!("[month repr:long] [day padding:none], [year]");
/// `13:25`, `9:05`.
const CLOCK_IN: &[BorrowedFormatItem<'_>] = format_description!("[hour padding:none]:[minute]");
const CLOCK_OUT: &[BorrowedFormatItem<'_>] = format_description!("[hour]:[minute]");

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let m = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, m, day).ok().map(Date)
    }

    pub fn iso(&self) -> String {
        self.0.format(ISO).expect("a date in time's range formats")
    }

    /// Parse `YYYY-MM-DD` (month and day may have one digit).
    pub fn parse_iso(s: &str) -> Option<Date> {
        time::Date::parse(s, ISO_LOOSE).ok().map(Date)
    }

    /// The first and last day of `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (a date known only to
    /// its month or year, as the UN speeches are).
    pub fn parse_period(s: &str) -> Option<(Date, Date)> {
        if let Some(d) = Date::parse_iso(s) {
            return Some((d, d));
        }
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        match s.split_once('-') {
            None if s.len() == 4 && digits(s) => {
                let y = s.parse().ok()?;
                Some((Date::month_start(y, 1)?, Date::month_end(y, 12)?))
            }
            Some((y, m)) if y.len() == 4 && digits(y) && m.len() == 2 && digits(m) => {
                let (y, m) = (y.parse().ok()?, m.parse().ok()?);
                Some((Date::month_start(y, m)?, Date::month_end(y, m)?))
            }
            _ => None,
        }
    }

    /// Seconds since the Unix epoch at midnight UTC.
    pub fn unix_seconds(&self) -> i64 {
        self.0.midnight().assume_utc().unix_timestamp()
    }

    /// The day (UTC) of a moment given in seconds since the Unix epoch, as `YYYY-MM-DD`
    /// (how dates come back from the index's fast fields).
    pub fn iso_from_unix_seconds(secs: i64) -> String {
        match time::OffsetDateTime::from_unix_timestamp(secs) {
            Ok(t) => Date(t.date()).iso(),
            Err(_) => String::new(),
        }
    }

    /// The first day of the month.
    pub fn month_start(year: i32, month: u8) -> Option<Date> {
        Date::new(year, month, 1)
    }

    /// The last day of the month.
    pub fn month_end(year: i32, month: u8) -> Option<Date> {
        let m = time::Month::try_from(month).ok()?;
        Date::new(year, month, m.length(year))
    }
}

/// Parse `November 9, 2020` (the whole string).
pub fn parse_long_date(s: &str) -> Option<Date> {
    time::Date::parse(s, LONG).ok().map(Date)
}

/// Parse `13:25` (the whole string) into a normalised `HH:MM`.
pub fn parse_clock(s: &str) -> Option<String> {
    let t = time::Time::parse(s, CLOCK_IN).ok()?;
    t.format(CLOCK_OUT).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_from_unix_seconds_round_trips() {
        let d = Date::new(2020, 11, 9).unwrap();
        assert_eq!(Date::iso_from_unix_seconds(d.unix_seconds()), "2020-11-09");
        assert_eq!(
            Date::iso_from_unix_seconds(d.unix_seconds() + 86_399),
            "2020-11-09"
        );
    }

    #[test]
    fn long_dates() {
        assert_eq!(
            parse_long_date("November 9, 2020").unwrap().iso(),
            "2020-11-09"
        );
        assert_eq!(parse_long_date("May 31, 2000").unwrap().iso(), "2000-05-31");
        assert!(parse_long_date("February 30, 2020").is_none());
        assert!(parse_long_date("Novembre 9, 2020").is_none());
        assert!(parse_long_date("November 9, 2020, 13:25").is_none());
        assert!(parse_long_date("november 9, 2020").is_none());
        assert!(parse_long_date("November 123, 2020").is_none());
        assert!(parse_long_date("November 9, 20").is_none());
        assert_eq!(parse_long_date("May 09, 2000").unwrap().iso(), "2000-05-09");
    }

    #[test]
    fn periods() {
        let iso = |s| Date::parse_period(s).map(|(a, b)| (a.iso(), b.iso()));
        assert_eq!(
            iso("2009"),
            Some(("2009-01-01".into(), "2009-12-31".into()))
        );
        assert_eq!(
            iso("2024-02"),
            Some(("2024-02-01".into(), "2024-02-29".into()))
        );
        assert_eq!(
            iso("2020-11-09"),
            Some(("2020-11-09".into(), "2020-11-09".into()))
        );
        for bad in ["209", "2009-1", "2009-13", "20x9", "", "2009-"] {
            assert_eq!(iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn iso_dates() {
        assert_eq!(Date::parse_iso("2020-11-09").unwrap().iso(), "2020-11-09");
        assert_eq!(Date::parse_iso("2020-1-9").unwrap().iso(), "2020-01-09");
        assert!(Date::parse_iso("2020-02-30").is_none());
        assert!(Date::parse_iso("2020-11-09T10:00").is_none());
        assert!(Date::parse_iso("2020-11").is_none());
    }

    #[test]
    fn clocks() {
        assert_eq!(parse_clock("13:25").as_deref(), Some("13:25"));
        assert_eq!(parse_clock("9:05").as_deref(), Some("09:05"));
        assert!(parse_clock("25:00").is_none());
        assert!(parse_clock("13:5").is_none());
        assert!(parse_clock("13:60").is_none());
        assert!(parse_clock("Question: yes").is_none());
    }

    #[test]
    fn epoch() {
        assert_eq!(Date::new(1970, 1, 2).unwrap().unix_seconds(), 86_400);
    }
}
