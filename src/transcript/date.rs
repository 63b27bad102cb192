//! Dates as printed on the pages (`November 9, 2020`), turned into ISO `YYYY-MM-DD`.

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let m = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, m, day).ok()?;
        Some(Date { year, month, day })
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Parse `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut it = s.splitn(3, '-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        Date::new(y, m, d)
    }

    /// Seconds since the Unix epoch at midnight UTC.
    pub fn unix_seconds(&self) -> i64 {
        let m = time::Month::try_from(self.month).expect("validated month");
        let d = time::Date::from_calendar_date(self.year, m, self.day).expect("validated date");
        d.midnight().assume_utc().unix_timestamp()
    }

    /// The day (UTC) of a moment given in seconds since the Unix epoch, as `YYYY-MM-DD`
    /// (how dates come back from the index's fast fields).
    pub fn iso_from_unix_seconds(secs: i64) -> String {
        match time::OffsetDateTime::from_unix_timestamp(secs) {
            Ok(t) => format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day()),
            Err(_) => String::new(),
        }
    }

    pub fn days_in_month(year: i32, month: u8) -> u8 {
        time::Month::try_from(month)
            .map(|m| m.length(year))
            .unwrap_or(31)
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Parse `November 9, 2020` (the whole string).
pub fn parse_long_date(s: &str) -> Option<Date> {
    let (month, rest) = s.split_once(' ')?;
    let month = MONTHS.iter().position(|m| *m == month)? as u8 + 1;
    let (day, year) = rest.split_once(", ")?;
    if day.len() > 2 || year.len() != 4 {
        return None;
    }
    Date::new(year.parse().ok()?, month, day.parse().ok()?)
}

/// Parse `13:25` (the whole string) into a normalised `HH:MM`.
pub fn parse_clock(s: &str) -> Option<String> {
    let (h, m) = s.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u8, u8) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then(|| format!("{h:02}:{m:02}"))
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
    }

    #[test]
    fn clocks() {
        assert_eq!(parse_clock("13:25").as_deref(), Some("13:25"));
        assert_eq!(parse_clock("9:05").as_deref(), Some("09:05"));
        assert!(parse_clock("25:00").is_none());
        assert!(parse_clock("Question: yes").is_none());
    }

    #[test]
    fn epoch() {
        assert_eq!(Date::new(1970, 1, 2).unwrap().unix_seconds(), 86_400);
    }
}
