//! Civil dates, RFC 3339 date-times and times of day, without a clock.
//!
//! Nothing here reads the system time: callers pass "today" and "now" in, so
//! every function is a pure function of its arguments. Dates use the
//! proleptic Gregorian calendar and are limited to the years 0000–9999, the
//! years that the four-digit `YYYY-MM-DD` form can write; every constructor
//! and every piece of arithmetic checks that range instead of overflowing.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use thiserror::Error;

use crate::wire::Period;

/// A calendar date (year, month, day) with no time zone.
///
/// Ordering is chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

/// Why a text or a triple is not a [`Date`].
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DateError {
    /// The text is not of the form `YYYY-MM-DD`.
    #[error("`{input}` is not a date: write it as YYYY-MM-DD")]
    Format { input: String },
    /// The year is outside 0000–9999.
    #[error("`{input}` is not a date: years run from 0000 to 9999")]
    Year { input: String },
    /// The month is not 1–12.
    #[error("`{input}` is not a date: there is no month {month}")]
    Month { input: String, month: u32 },
    /// The day does not exist in that month.
    #[error("`{input}` is not a date: {month_name} {year:04} has {days} days")]
    Day {
        input: String,
        month_name: &'static str,
        year: i32,
        days: u32,
    },
}

/// A day of the week, Monday first (ISO 8601).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

/// A point in time as written in RFC 3339: a local date and time plus the
/// offset from UTC that the writer was in.
///
/// Both the local reading and the offset are kept, so [`fmt::Display`] gives
/// back what was parsed (an offset of zero is written `Z`). Comparison and
/// equality are by instant: `2026-11-20T08:00:00+08:00` equals
/// `2026-11-20T00:00:00Z`.
#[derive(Clone, Copy, Debug)]
pub struct DateTime {
    date: Date,
    hour: u32,
    minute: u32,
    second: u32,
    nanosecond: u32,
    offset_minutes: i32,
}

/// Why a text is not a [`DateTime`].
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DateTimeError {
    /// The text is not of the RFC 3339 form.
    #[error("`{input}` is not a date and time: write it like `2026-11-20T08:00:00+08:00`")]
    Format { input: String },
    /// The date part is not a real date.
    #[error(transparent)]
    Date(#[from] DateError),
    /// The time part is out of range.
    #[error(
        "`{input}` is not a time of day: hours run from 00 to 23, minutes and seconds from 00 to 59"
    )]
    Time { input: String },
    /// RFC 3339 needs an offset and the text has none.
    #[error("`{input}` has no offset from UTC: end it with `Z` or an offset like `+08:00`")]
    MissingOffset { input: String },
    /// The offset is beyond ±23:59.
    #[error("`{input}` has an offset from UTC beyond 23:59")]
    Offset { input: String },
    /// A computed instant falls outside the years 0000–9999.
    #[error("the instant is outside the years 0000 to 9999")]
    OutOfRange,
}

/// A wall-clock time of day such as an opening hour, `HH:MM` or `HH:MM:SS`.
///
/// `24:00` is accepted and means the end of the day, so that a place open
/// until midnight can say so; it sorts after every other time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    hour: u32,
    minute: u32,
    second: u32,
}

/// Why a text is not a [`TimeOfDay`].
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum TimeOfDayError {
    /// The text is not of the form `HH:MM` or `HH:MM:SS`.
    #[error("`{input}` is not a time: write it as HH:MM")]
    Format { input: String },
    /// A field is out of range.
    #[error("`{input}` is not a time of day: hours run from 00 to 23 and minutes from 00 to 59")]
    Range { input: String },
}

/// Whether `year` has a 29 February.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// How many days `month` (1–12) has in `year`; 0 for a month that does not exist.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The earliest representable date, 0000-01-01.
    pub const MIN: Date = Date {
        year: 0,
        month: 1,
        day: 1,
    };
    /// The latest representable date, 9999-12-31.
    pub const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };

    /// A date from its parts, checked against the real calendar.
    pub fn new(year: i32, month: u32, day: u32) -> Result<Date, DateError> {
        let input = format!("{year:04}-{month:02}-{day:02}");
        Date::checked(year, month, day, &input)
    }

    /// Parses exactly `YYYY-MM-DD` (four, two and two ASCII digits), checked
    /// against the real calendar including leap years.
    pub fn parse(input: &str) -> Result<Date, DateError> {
        let format = || DateError::Format {
            input: input.to_owned(),
        };
        let b = input.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return Err(format());
        }
        let year = digits(b, 0, 4).ok_or_else(format)?;
        let month = digits(b, 5, 2).ok_or_else(format)?;
        let day = digits(b, 8, 2).ok_or_else(format)?;
        // Four digits always fit in an i32.
        let year = i32::try_from(year).map_err(|_| format())?;
        Date::checked(year, month, day, input)
    }

    fn checked(year: i32, month: u32, day: u32, input: &str) -> Result<Date, DateError> {
        if !(0..=9999).contains(&year) {
            return Err(DateError::Year {
                input: input.to_owned(),
            });
        }
        let days = days_in_month(year, month);
        if days == 0 {
            return Err(DateError::Month {
                input: input.to_owned(),
                month,
            });
        }
        if day == 0 || day > days {
            let month_name = month
                .checked_sub(1)
                .and_then(|i| MONTH_NAMES.get(i as usize))
                .copied()
                .unwrap_or("");
            return Err(DateError::Day {
                input: input.to_owned(),
                month_name,
                year,
                days,
            });
        }
        Ok(Date { year, month, day })
    }

    /// The year, 0–9999.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u32 {
        self.day
    }

    /// The day of the year, 1–366.
    pub fn ordinal(self) -> u32 {
        let before: u32 = (1..self.month).map(|m| days_in_month(self.year, m)).sum();
        before + self.day
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i64 {
        // Count years from 1 March so that the leap day is the last day of
        // the counted year; a 400-year era has exactly 146 097 days.
        let month = i64::from(self.month);
        let day = i64::from(self.day);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month_from_march = (month + 9) % 12;
        let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        // 719 468 is the number of days from 0000-03-01 to 1970-01-01.
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` days after 1970-01-01, or `None` outside 0000–9999.
    pub fn from_days(days: i64) -> Option<Date> {
        if !(MIN_DAYS..=MAX_DAYS).contains(&days) {
            return None;
        }
        // The inverse of `days_since_epoch`, era by era.
        let shifted = days + 719_468;
        let era = shifted.div_euclid(146_097);
        let day_of_era = shifted - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_from_march = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
        let month = if month_from_march < 10 {
            month_from_march + 3
        } else {
            month_from_march - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Some(Date {
            year: i32::try_from(year).ok()?,
            month: u32::try_from(month).ok()?,
            day: u32::try_from(day).ok()?,
        })
    }

    /// The date `days` days later (earlier when negative), or `None` when
    /// that leaves the years 0000–9999.
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_days(self.days_since_epoch().checked_add(days)?)
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday, index 3 counting Monday as 0.
        let index = (self.days_since_epoch() + 3).rem_euclid(7);
        Weekday::from_monday_index(index)
    }

    /// The ISO 8601 week: (week-based year, week number 1–53).
    ///
    /// Week 1 is the week (Monday to Sunday) holding the year's first
    /// Thursday, so 2027-01-01 (a Friday) is in week 53 of 2026.
    pub fn iso_week(self) -> (i32, u32) {
        // A week belongs to the year its Thursday falls in.
        let days = self.days_since_epoch();
        let monday_index = (days + 3).rem_euclid(7);
        let thursday = days - monday_index + 3;
        match Date::from_days(thursday) {
            Some(t) => (t.year, (t.ordinal() - 1) / 7 + 1),
            // Only the first or last days of the range have a Thursday
            // outside it; count them in the adjacent year's edge week.
            None if thursday < MIN_DAYS => (-1, 52),
            None => (10_000, 1),
        }
    }

    /// Whether `self` and `other` fall in the same calendar `period`: the
    /// same day, ISO week, month or year.
    pub fn same_period(self, other: Date, period: Period) -> bool {
        match period {
            Period::Day => self == other,
            Period::Week => self.iso_week() == other.iso_week(),
            Period::Month => (self.year, self.month) == (other.year, other.month),
            Period::Year => self.year == other.year,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Date::parse(&s).map_err(de::Error::custom)
    }
}

impl Weekday {
    /// Every day, Monday first.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    fn from_monday_index(index: i64) -> Weekday {
        match index {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// 1 for Monday up to 7 for Sunday (ISO 8601).
    pub fn number_from_monday(self) -> u32 {
        match self {
            Weekday::Monday => 1,
            Weekday::Tuesday => 2,
            Weekday::Wednesday => 3,
            Weekday::Thursday => 4,
            Weekday::Friday => 5,
            Weekday::Saturday => 6,
            Weekday::Sunday => 7,
        }
    }

    /// The two-letter iCalendar code used in schedules' `byday` (`MO`...`SU`).
    pub fn as_str(self) -> &'static str {
        match self {
            Weekday::Monday => "MO",
            Weekday::Tuesday => "TU",
            Weekday::Wednesday => "WE",
            Weekday::Thursday => "TH",
            Weekday::Friday => "FR",
            Weekday::Saturday => "SA",
            Weekday::Sunday => "SU",
        }
    }

    /// The day for a `byday` code, ignoring case and surrounding spaces.
    pub fn from_byday(code: &str) -> Option<Weekday> {
        let code = code.trim();
        Weekday::ALL
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(code))
    }
}

impl DateTime {
    /// 1970-01-01T00:00:00Z, the Unix epoch.
    pub const EPOCH: DateTime = DateTime {
        date: Date {
            year: 1970,
            month: 1,
            day: 1,
        },
        hour: 0,
        minute: 0,
        second: 0,
        nanosecond: 0,
        offset_minutes: 0,
    };

    /// Parses an RFC 3339 date-time with a mandatory offset:
    /// `2026-11-20T08:00:00+08:00`, `2026-11-20T00:00:00Z`,
    /// `2026-11-20T08:00:00.250+08:00`.
    ///
    /// `t` and `z` may be lowercase (RFC 3339 allows it). A fraction of a
    /// second keeps nine digits at most; further digits are dropped. Leap
    /// seconds (`:60`) are refused, and `-00:00` is read as UTC.
    pub fn parse(input: &str) -> Result<DateTime, DateTimeError> {
        let format = || DateTimeError::Format {
            input: input.to_owned(),
        };
        let b = input.as_bytes();
        if b.len() < 19 || !matches!(b.get(10), Some(b'T' | b't')) {
            return Err(format());
        }
        let date_text = input.get(..10).ok_or_else(format)?;
        let date = parse_date_part(date_text, input)?;
        let (hour, minute, second) = parse_hms(b, 11).ok_or_else(format)?;
        let mut rest = 19;
        let nanosecond = if b.get(rest) == Some(&b'.') {
            let (nanos, end) = parse_fraction(b, rest + 1).ok_or_else(format)?;
            rest = end;
            nanos
        } else {
            0
        };
        let offset_minutes = match b.get(rest..) {
            Some([]) => {
                return Err(DateTimeError::MissingOffset {
                    input: input.to_owned(),
                })
            }
            Some([b'Z' | b'z']) => 0,
            Some([sign @ (b'+' | b'-'), h1, h2, b':', m1, m2]) => {
                let hours = digits(&[*h1, *h2], 0, 2).ok_or_else(format)?;
                let minutes = digits(&[*m1, *m2], 0, 2).ok_or_else(format)?;
                if hours > 23 || minutes > 59 {
                    return Err(DateTimeError::Offset {
                        input: input.to_owned(),
                    });
                }
                // Both fit: at most 23 * 60 + 59.
                let total = (hours * 60 + minutes) as i32;
                if *sign == b'-' {
                    -total
                } else {
                    total
                }
            }
            _ => return Err(format()),
        };
        if hour > 23 || minute > 59 || second > 59 {
            return Err(DateTimeError::Time {
                input: input.to_owned(),
            });
        }
        Ok(DateTime {
            date,
            hour,
            minute,
            second,
            nanosecond,
            offset_minutes,
        })
    }

    /// Parses the value of an HTML `datetime-local` input,
    /// `YYYY-MM-DDTHH:MM` with optional `:SS` and fraction, and places it at
    /// `offset_minutes` from UTC.
    pub fn parse_html_local(input: &str, offset_minutes: i32) -> Result<DateTime, DateTimeError> {
        let format = || DateTimeError::Format {
            input: input.to_owned(),
        };
        let b = input.as_bytes();
        if b.len() < 16 || !matches!(b.get(10), Some(b'T' | b't')) || b.get(13) != Some(&b':') {
            return Err(format());
        }
        let date = parse_date_part(input.get(..10).ok_or_else(format)?, input)?;
        let hour = digits(b, 11, 2).ok_or_else(format)?;
        let minute = digits(b, 14, 2).ok_or_else(format)?;
        let (second, nanosecond) = match b.get(16..) {
            Some([]) => (0, 0),
            Some([b':', ..]) => {
                let second = digits(b, 17, 2).ok_or_else(format)?;
                match b.get(19..) {
                    Some([]) => (second, 0),
                    Some([b'.', ..]) => {
                        let (nanos, end) = parse_fraction(b, 20).ok_or_else(format)?;
                        if end != b.len() {
                            return Err(format());
                        }
                        (second, nanos)
                    }
                    _ => return Err(format()),
                }
            }
            _ => return Err(format()),
        };
        if hour > 23 || minute > 59 || second > 59 {
            return Err(DateTimeError::Time {
                input: input.to_owned(),
            });
        }
        let mut dt = DateTime::from_local(date, hour, minute, second, offset_minutes)?;
        dt.nanosecond = nanosecond;
        Ok(dt)
    }

    /// A date-time from a local reading and its offset from UTC in minutes.
    pub fn from_local(
        date: Date,
        hour: u32,
        minute: u32,
        second: u32,
        offset_minutes: i32,
    ) -> Result<DateTime, DateTimeError> {
        if hour > 23 || minute > 59 || second > 59 {
            return Err(DateTimeError::Time {
                input: format!("{hour:02}:{minute:02}:{second:02}"),
            });
        }
        check_offset(offset_minutes)?;
        Ok(DateTime {
            date,
            hour,
            minute,
            second,
            nanosecond: 0,
            offset_minutes,
        })
    }

    /// The instant `millis` milliseconds after 1970-01-01T00:00:00Z, read at
    /// `offset_minutes` from UTC (for example `480` for China Standard Time).
    ///
    /// In a browser, `Date.now()` gives `millis` and
    /// `-new Date().getTimezoneOffset()` gives `offset_minutes`.
    pub fn from_unix_millis(millis: i64, offset_minutes: i32) -> Result<DateTime, DateTimeError> {
        check_offset(offset_minutes)?;
        let local = millis
            .checked_add(i64::from(offset_minutes) * 60_000)
            .ok_or(DateTimeError::OutOfRange)?;
        let days = local.div_euclid(MILLIS_PER_DAY);
        let in_day = local.rem_euclid(MILLIS_PER_DAY);
        let date = Date::from_days(days).ok_or(DateTimeError::OutOfRange)?;
        let seconds = in_day / 1000;
        // All of these are below one day, so they fit in a u32.
        Ok(DateTime {
            date,
            hour: (seconds / 3600) as u32,
            minute: (seconds / 60 % 60) as u32,
            second: (seconds % 60) as u32,
            nanosecond: (in_day % 1000) as u32 * 1_000_000,
            offset_minutes,
        })
    }

    /// Milliseconds since 1970-01-01T00:00:00Z, rounded down.
    pub fn unix_millis(&self) -> i64 {
        self.unix_seconds() * 1000 + i64::from(self.nanosecond / 1_000_000)
    }

    /// Whole seconds since 1970-01-01T00:00:00Z, rounded down.
    pub fn unix_seconds(&self) -> i64 {
        self.date.days_since_epoch() * SECONDS_PER_DAY
            + i64::from(self.hour * 3600 + self.minute * 60 + self.second)
            - i64::from(self.offset_minutes) * 60
    }

    /// The same instant read at another offset from UTC.
    pub fn with_offset(&self, offset_minutes: i32) -> Result<DateTime, DateTimeError> {
        let mut dt = DateTime::from_unix_millis(self.unix_seconds() * 1000, offset_minutes)?;
        dt.nanosecond = self.nanosecond;
        Ok(dt)
    }

    /// The date on the writer's calendar (at the writer's offset).
    pub fn local_date(&self) -> Date {
        self.date
    }

    /// The time on the writer's clock, to the second.
    pub fn local_time(&self) -> TimeOfDay {
        TimeOfDay {
            hour: self.hour,
            minute: self.minute,
            second: self.second,
        }
    }

    /// Nanoseconds past the second.
    pub fn nanosecond(&self) -> u32 {
        self.nanosecond
    }

    /// The offset from UTC in minutes, east positive.
    pub fn offset_minutes(&self) -> i32 {
        self.offset_minutes
    }

    fn instant(&self) -> (i64, u32) {
        (self.unix_seconds(), self.nanosecond)
    }
}

impl PartialEq for DateTime {
    fn eq(&self, other: &Self) -> bool {
        self.instant() == other.instant()
    }
}

impl Eq for DateTime {}

impl PartialOrd for DateTime {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateTime {
    fn cmp(&self, other: &Self) -> Ordering {
        self.instant().cmp(&other.instant())
    }
}

impl Hash for DateTime {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.instant().hash(state);
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}T{:02}:{:02}:{:02}",
            self.date, self.hour, self.minute, self.second
        )?;
        let n = self.nanosecond;
        if n != 0 {
            if n.is_multiple_of(1_000_000) {
                write!(f, ".{:03}", n / 1_000_000)?;
            } else if n.is_multiple_of(1000) {
                write!(f, ".{:06}", n / 1000)?;
            } else {
                write!(f, ".{n:09}")?;
            }
        }
        if self.offset_minutes == 0 {
            f.write_str("Z")
        } else {
            let sign = if self.offset_minutes < 0 { '-' } else { '+' };
            let abs = self.offset_minutes.unsigned_abs();
            write!(f, "{sign}{:02}:{:02}", abs / 60, abs % 60)
        }
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        DateTime::parse(&s).map_err(de::Error::custom)
    }
}

impl TimeOfDay {
    /// Midnight at the start of the day.
    pub const MIDNIGHT: TimeOfDay = TimeOfDay {
        hour: 0,
        minute: 0,
        second: 0,
    };
    /// `24:00`, the end of the day.
    pub const END_OF_DAY: TimeOfDay = TimeOfDay {
        hour: 24,
        minute: 0,
        second: 0,
    };

    /// Parses `HH:MM` or `HH:MM:SS` (two ASCII digits each), 00:00 to 23:59,
    /// or `24:00` for the end of the day.
    pub fn parse(input: &str) -> Result<TimeOfDay, TimeOfDayError> {
        let format = || TimeOfDayError::Format {
            input: input.to_owned(),
        };
        let b = input.as_bytes();
        if b.get(2) != Some(&b':') {
            return Err(format());
        }
        let hour = digits(b, 0, 2).ok_or_else(format)?;
        let minute = digits(b, 3, 2).ok_or_else(format)?;
        let second = match b.len() {
            5 => 0,
            8 if b.get(5) == Some(&b':') => digits(b, 6, 2).ok_or_else(format)?,
            _ => return Err(format()),
        };
        let end_of_day = hour == 24 && minute == 0 && second == 0;
        if !end_of_day && (hour > 23 || minute > 59 || second > 59) {
            return Err(TimeOfDayError::Range {
                input: input.to_owned(),
            });
        }
        Ok(TimeOfDay {
            hour,
            minute,
            second,
        })
    }

    /// The hour, 0–24 (24 only for `24:00`).
    pub fn hour(self) -> u32 {
        self.hour
    }

    /// The minute, 0–59.
    pub fn minute(self) -> u32 {
        self.minute
    }

    /// The second, 0–59.
    pub fn second(self) -> u32 {
        self.second
    }

    /// Minutes since midnight, 0–1440; seconds are dropped.
    pub fn minutes_since_midnight(self) -> u32 {
        self.hour * 60 + self.minute
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)?;
        if self.second != 0 {
            write!(f, ":{:02}", self.second)?;
        }
        Ok(())
    }
}

/// The earliest day number (0000-01-01) counted from 1970-01-01.
const MIN_DAYS: i64 = -719_528;
/// The latest day number (9999-12-31) counted from 1970-01-01.
const MAX_DAYS: i64 = 2_932_896;
const SECONDS_PER_DAY: i64 = 86_400;
const MILLIS_PER_DAY: i64 = 86_400_000;
/// The largest offset from UTC that RFC 3339 can write, in minutes.
const MAX_OFFSET_MINUTES: i32 = 23 * 60 + 59;

const MONTH_NAMES: [&str; 12] = [
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

/// Parses `n` ASCII digits of `b` starting at `at`.
fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let slice = b.get(at..at.checked_add(n)?)?;
    slice.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// Parses `HH:MM:SS` at `at` without range checks.
fn parse_hms(b: &[u8], at: usize) -> Option<(u32, u32, u32)> {
    if b.get(at + 2) != Some(&b':') || b.get(at + 5) != Some(&b':') {
        return None;
    }
    Some((
        digits(b, at, 2)?,
        digits(b, at + 3, 2)?,
        digits(b, at + 6, 2)?,
    ))
}

/// Parses the digits of a fraction of a second starting at `at`; returns
/// nanoseconds and the index after the last digit. At least one digit is
/// needed; digits beyond the ninth are dropped.
fn parse_fraction(b: &[u8], at: usize) -> Option<(u32, usize)> {
    let count = b
        .get(at..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if count == 0 {
        return None;
    }
    let kept = count.min(9);
    let mut nanos = digits(b, at, kept)?;
    for _ in kept..9 {
        nanos *= 10;
    }
    Some((nanos, at + count))
}

/// Parses the date part of a date-time, reporting the whole input on a bad
/// format but the date part alone when the date does not exist.
fn parse_date_part(date_text: &str, input: &str) -> Result<Date, DateTimeError> {
    match Date::parse(date_text) {
        Ok(d) => Ok(d),
        Err(DateError::Format { .. }) => Err(DateTimeError::Format {
            input: input.to_owned(),
        }),
        Err(e) => Err(DateTimeError::Date(e)),
    }
}

fn check_offset(offset_minutes: i32) -> Result<(), DateTimeError> {
    if offset_minutes.abs() > MAX_OFFSET_MINUTES {
        let abs = offset_minutes.unsigned_abs();
        return Err(DateTimeError::Offset {
            input: format!(
                "{}{:02}:{:02}",
                if offset_minutes < 0 { '-' } else { '+' },
                abs / 60,
                abs % 60
            ),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check_date(input: &str, expected: Result<&str, &str>) {
        let got = Date::parse(input)
            .map(|d| d.to_string())
            .map_err(|e| e.to_string());
        let expected = expected.map(str::to_owned).map_err(str::to_owned);
        assert_eq!(got, expected, "input `{input}`");
    }

    #[test]
    fn dates_parse_strictly_against_the_real_calendar() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("2026-11-20", Ok("2026-11-20")),
            ("2024-02-29", Ok("2024-02-29")),
            ("2000-02-29", Ok("2000-02-29")),
            ("0000-01-01", Ok("0000-01-01")),
            ("9999-12-31", Ok("9999-12-31")),
            (
                "2026-02-29",
                Err("`2026-02-29` is not a date: February 2026 has 28 days"),
            ),
            (
                "1900-02-29",
                Err("`1900-02-29` is not a date: February 1900 has 28 days"),
            ),
            (
                "2026-04-31",
                Err("`2026-04-31` is not a date: April 2026 has 30 days"),
            ),
            (
                "2026-01-00",
                Err("`2026-01-00` is not a date: January 2026 has 31 days"),
            ),
            (
                "2026-13-01",
                Err("`2026-13-01` is not a date: there is no month 13"),
            ),
            (
                "2026-00-10",
                Err("`2026-00-10` is not a date: there is no month 0"),
            ),
            (
                "2026-1-01",
                Err("`2026-1-01` is not a date: write it as YYYY-MM-DD"),
            ),
            (
                "2026/11/20",
                Err("`2026/11/20` is not a date: write it as YYYY-MM-DD"),
            ),
            (
                "20261120",
                Err("`20261120` is not a date: write it as YYYY-MM-DD"),
            ),
            (
                " 2026-11-20",
                Err("` 2026-11-20` is not a date: write it as YYYY-MM-DD"),
            ),
            (
                "2026-11-20 ",
                Err("`2026-11-20 ` is not a date: write it as YYYY-MM-DD"),
            ),
            (
                "+026-11-20",
                Err("`+026-11-20` is not a date: write it as YYYY-MM-DD"),
            ),
            (
                "２０２６-11-20",
                Err("`２０２６-11-20` is not a date: write it as YYYY-MM-DD"),
            ),
            ("", Err("`` is not a date: write it as YYYY-MM-DD")),
        ];
        for (input, expected) in cases {
            check_date(input, *expected);
        }
    }

    #[test]
    fn new_checks_the_calendar_and_the_year_range() {
        assert!(Date::new(2024, 2, 29).is_ok());
        assert_eq!(
            Date::new(10_000, 1, 1).unwrap_err().to_string(),
            "`10000-01-01` is not a date: years run from 0000 to 9999"
        );
        assert!(Date::new(-1, 1, 1).is_err());
        assert!(Date::new(2026, 2, 29).is_err());
    }

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn day_numbers_match_known_dates() {
        let cases = [
            ("1970-01-01", 0),
            ("1970-01-02", 1),
            ("1969-12-31", -1),
            ("2000-03-01", 11_017),
            ("2026-11-20", 20_777),
            ("0000-01-01", MIN_DAYS),
            ("9999-12-31", MAX_DAYS),
        ];
        for (s, days) in cases {
            assert_eq!(date(s).days_since_epoch(), days, "{s}");
            assert_eq!(Date::from_days(days), Some(date(s)), "{s}");
        }
        assert_eq!(Date::from_days(MIN_DAYS - 1), None);
        assert_eq!(Date::from_days(MAX_DAYS + 1), None);
        assert_eq!(Date::from_days(i64::MIN), None);
    }

    #[test]
    fn add_days_crosses_months_years_and_leap_days() {
        let cases = [
            ("2024-02-28", 1, Some("2024-02-29")),
            ("2024-02-29", 1, Some("2024-03-01")),
            ("2026-12-31", 1, Some("2027-01-01")),
            ("2026-03-01", -1, Some("2026-02-28")),
            ("2026-11-20", 365, Some("2027-11-20")),
            ("9999-12-31", 1, None),
            ("0000-01-01", -1, None),
            ("2026-11-20", i64::MAX, None),
        ];
        for (s, n, expected) in cases {
            assert_eq!(date(s).add_days(n), expected.map(date), "{s} + {n}");
        }
    }

    #[test]
    fn weekdays_and_iso_weeks_match_the_calendar() {
        let cases = [
            ("1970-01-01", Weekday::Thursday, (1970, 1)),
            ("2026-11-20", Weekday::Friday, (2026, 47)),
            ("2026-01-01", Weekday::Thursday, (2026, 1)),
            ("2025-12-29", Weekday::Monday, (2026, 1)),
            ("2025-12-28", Weekday::Sunday, (2025, 52)),
            ("2027-01-01", Weekday::Friday, (2026, 53)),
            ("2027-01-03", Weekday::Sunday, (2026, 53)),
            ("2027-01-04", Weekday::Monday, (2027, 1)),
            ("2021-01-03", Weekday::Sunday, (2020, 53)),
            ("2024-12-30", Weekday::Monday, (2025, 1)),
            ("2000-02-29", Weekday::Tuesday, (2000, 9)),
            ("9999-12-31", Weekday::Friday, (9999, 52)),
        ];
        for (s, weekday, week) in cases {
            assert_eq!(date(s).weekday(), weekday, "{s}");
            assert_eq!(date(s).iso_week(), week, "{s}");
        }
    }

    #[test]
    fn same_period_follows_calendar_boundaries() {
        let cases = [
            ("2026-11-20", "2026-11-20", Period::Day, true),
            ("2026-11-20", "2026-11-21", Period::Day, false),
            ("2026-11-16", "2026-11-22", Period::Week, true),
            ("2026-11-15", "2026-11-16", Period::Week, false),
            ("2026-12-31", "2027-01-03", Period::Week, true),
            ("2026-11-01", "2026-11-30", Period::Month, true),
            ("2026-11-30", "2026-12-01", Period::Month, false),
            ("2025-11-20", "2026-11-20", Period::Month, false),
            ("2026-01-01", "2026-12-31", Period::Year, true),
            ("2026-12-31", "2027-01-01", Period::Year, false),
        ];
        for (a, b, period, expected) in cases {
            assert_eq!(
                date(a).same_period(date(b), period),
                expected,
                "{a} {b} {period:?}"
            );
        }
    }

    #[test]
    fn byday_codes_map_to_weekdays() {
        assert_eq!(Weekday::from_byday("MO"), Some(Weekday::Monday));
        assert_eq!(Weekday::from_byday(" su "), Some(Weekday::Sunday));
        assert_eq!(Weekday::from_byday("XX"), None);
        for d in Weekday::ALL {
            assert_eq!(Weekday::from_byday(d.as_str()), Some(d));
        }
    }

    fn check_datetime(input: &str, expected: Result<&str, &str>) {
        let got = DateTime::parse(input)
            .map(|d| d.to_string())
            .map_err(|e| e.to_string());
        let expected = expected.map(str::to_owned).map_err(str::to_owned);
        assert_eq!(got, expected, "input `{input}`");
    }

    #[test]
    fn date_times_parse_rfc3339_with_a_mandatory_offset() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("2026-11-20T08:00:00+08:00", Ok("2026-11-20T08:00:00+08:00")),
            ("2026-11-20T00:00:00Z", Ok("2026-11-20T00:00:00Z")),
            ("2026-11-20t00:00:00z", Ok("2026-11-20T00:00:00Z")),
            ("2026-11-20T00:00:00+00:00", Ok("2026-11-20T00:00:00Z")),
            ("2026-11-20T00:00:00-00:00", Ok("2026-11-20T00:00:00Z")),
            ("2010-04-14T06:37:38-08:00", Ok("2010-04-14T06:37:38-08:00")),
            ("2026-11-20T08:00:00.5+08:00", Ok("2026-11-20T08:00:00.500+08:00")),
            ("2026-11-20T08:00:00.123456Z", Ok("2026-11-20T08:00:00.123456Z")),
            (
                "2026-11-20T08:00:00.1234567891234Z",
                Ok("2026-11-20T08:00:00.123456789Z"),
            ),
            ("2026-11-20T23:59:59+05:45", Ok("2026-11-20T23:59:59+05:45")),
            (
                "2026-11-20T08:00:00",
                Err("`2026-11-20T08:00:00` has no offset from UTC: end it with `Z` or an offset like `+08:00`"),
            ),
            (
                "2026-11-20T08:00",
                Err("`2026-11-20T08:00` is not a date and time: write it like `2026-11-20T08:00:00+08:00`"),
            ),
            (
                "2026-11-20 08:00:00+08:00",
                Err("`2026-11-20 08:00:00+08:00` is not a date and time: write it like `2026-11-20T08:00:00+08:00`"),
            ),
            (
                "2026-11-20T08:00:00+0800",
                Err("`2026-11-20T08:00:00+0800` is not a date and time: write it like `2026-11-20T08:00:00+08:00`"),
            ),
            (
                "2026-11-20T08:00:00.+08:00",
                Err("`2026-11-20T08:00:00.+08:00` is not a date and time: write it like `2026-11-20T08:00:00+08:00`"),
            ),
            (
                "2026-11-20T08:00:00Z ",
                Err("`2026-11-20T08:00:00Z ` is not a date and time: write it like `2026-11-20T08:00:00+08:00`"),
            ),
            (
                "2026-11-20T24:00:00Z",
                Err("`2026-11-20T24:00:00Z` is not a time of day: hours run from 00 to 23, minutes and seconds from 00 to 59"),
            ),
            (
                "2026-12-31T23:59:60Z",
                Err("`2026-12-31T23:59:60Z` is not a time of day: hours run from 00 to 23, minutes and seconds from 00 to 59"),
            ),
            (
                "2026-11-20T08:00:00+24:00",
                Err("`2026-11-20T08:00:00+24:00` has an offset from UTC beyond 23:59"),
            ),
            (
                "2026-02-30T08:00:00Z",
                Err("`2026-02-30` is not a date: February 2026 has 28 days"),
            ),
            (
                "2026-11-20T08:00:00+08:00\u{4e2d}",
                Err("`2026-11-20T08:00:00+08:00\u{4e2d}` is not a date and time: write it like `2026-11-20T08:00:00+08:00`"),
            ),
            (
                "\u{4e2d}\u{4e2d}\u{4e2d}\u{4e2d}\u{4e2d}\u{4e2d}\u{4e2d}",
                Err("`\u{4e2d}\u{4e2d}\u{4e2d}\u{4e2d}\u{4e2d}\u{4e2d}\u{4e2d}` is not a date and time: write it like `2026-11-20T08:00:00+08:00`"),
            ),
            (
                "",
                Err("`` is not a date and time: write it like `2026-11-20T08:00:00+08:00`"),
            ),
        ];
        for (input, expected) in cases {
            check_datetime(input, *expected);
        }
    }

    #[test]
    fn date_times_compare_by_instant() {
        let beijing = DateTime::parse("2026-11-20T08:00:00+08:00").unwrap();
        let utc = DateTime::parse("2026-11-20T00:00:00Z").unwrap();
        let later = DateTime::parse("2026-11-20T00:00:00.001Z").unwrap();
        assert_eq!(beijing, utc);
        assert!(beijing < later);
        assert_eq!(beijing.local_date(), date("2026-11-20"));
        assert_eq!(
            DateTime::parse("2026-11-20T01:00:00+08:00")
                .unwrap()
                .with_offset(0)
                .unwrap()
                .local_date(),
            date("2026-11-19")
        );
    }

    #[test]
    fn unix_millis_round_trip_at_an_offset() {
        let dt = DateTime::parse("2026-11-20T08:00:00.250+08:00").unwrap();
        assert_eq!(dt.unix_millis(), 1_795_132_800_250);
        let back = DateTime::from_unix_millis(1_795_132_800_250, 480).unwrap();
        assert_eq!(back.to_string(), "2026-11-20T08:00:00.250+08:00");
        assert_eq!(
            DateTime::from_unix_millis(-1, 0).unwrap().to_string(),
            "1969-12-31T23:59:59.999Z"
        );
        assert_eq!(
            DateTime::from_unix_millis(0, 24 * 60),
            Err(DateTimeError::Offset {
                input: "+24:00".into()
            })
        );
        assert_eq!(
            DateTime::from_unix_millis(i64::MAX, 480),
            Err(DateTimeError::OutOfRange)
        );
        assert_eq!(
            DateTime::from_unix_millis(i64::MIN, 0),
            Err(DateTimeError::OutOfRange)
        );
    }

    #[test]
    fn html_local_inputs_take_the_given_offset() {
        let cases: &[(&str, Result<&str, ()>)] = &[
            ("2026-11-20T08:00", Ok("2026-11-20T08:00:00+08:00")),
            ("2026-11-20T08:00:30", Ok("2026-11-20T08:00:30+08:00")),
            ("2026-11-20T08:00:30.5", Ok("2026-11-20T08:00:30.500+08:00")),
            ("2026-11-20T08:00+08:00", Err(())),
            ("2026-11-20T8:00", Err(())),
            ("2026-11-20T25:00", Err(())),
            ("2026-02-30T08:00", Err(())),
            ("2026-11-20", Err(())),
        ];
        for (input, expected) in cases {
            let got = DateTime::parse_html_local(input, 480)
                .map(|d| d.to_string())
                .map_err(|_| ());
            assert_eq!(got, expected.map(str::to_owned), "{input}");
        }
    }

    #[test]
    fn date_times_serialize_as_rfc3339_strings() {
        let dt = DateTime::parse("2026-11-20T08:00:00+08:00").unwrap();
        let json = serde_json::to_string(&dt).unwrap();
        assert_eq!(json, "\"2026-11-20T08:00:00+08:00\"");
        let back: DateTime = serde_json::from_str(&json).unwrap();
        assert_eq!(back.offset_minutes(), 480);
        assert!(serde_json::from_str::<DateTime>("\"yesterday\"").is_err());
        let d: Date = serde_json::from_str("\"2026-11-20\"").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2026-11-20\"");
    }

    fn check_time(input: &str, expected: Result<&str, &str>) {
        let got = TimeOfDay::parse(input)
            .map(|t| t.to_string())
            .map_err(|e| e.to_string());
        let expected = expected.map(str::to_owned).map_err(str::to_owned);
        assert_eq!(got, expected, "input `{input}`");
    }

    #[test]
    fn times_of_day_parse_for_schedules() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("08:30", Ok("08:30")),
            ("00:00", Ok("00:00")),
            ("23:59", Ok("23:59")),
            ("24:00", Ok("24:00")),
            ("17:30:00", Ok("17:30")),
            ("17:30:15", Ok("17:30:15")),
            ("24:01", Err("`24:01` is not a time of day: hours run from 00 to 23 and minutes from 00 to 59")),
            ("12:60", Err("`12:60` is not a time of day: hours run from 00 to 23 and minutes from 00 to 59")),
            ("8:30", Err("`8:30` is not a time: write it as HH:MM")),
            ("08.30", Err("`08.30` is not a time: write it as HH:MM")),
            ("08:30:", Err("`08:30:` is not a time: write it as HH:MM")),
            ("", Err("`` is not a time: write it as HH:MM")),
        ];
        for (input, expected) in cases {
            check_time(input, *expected);
        }
        let open = TimeOfDay::parse("08:30").unwrap();
        assert!(open < TimeOfDay::END_OF_DAY);
        assert_eq!(open.minutes_since_midnight(), 510);
        assert_eq!(TimeOfDay::END_OF_DAY.minutes_since_midnight(), 1440);
    }

    proptest! {
        #[test]
        fn day_numbers_round_trip(days in MIN_DAYS..=MAX_DAYS) {
            let d = Date::from_days(days).unwrap();
            prop_assert_eq!(d.days_since_epoch(), days);
            prop_assert_eq!(Date::parse(&d.to_string()), Ok(d));
            if let Some(next) = Date::from_days(days + 1) {
                prop_assert!(d < next);
                prop_assert_eq!(next.weekday().number_from_monday() % 7,
                    (d.weekday().number_from_monday() + 1) % 7);
            }
        }

        #[test]
        fn iso_weeks_are_contiguous(days in (MIN_DAYS + 7)..(MAX_DAYS - 7)) {
            let d = Date::from_days(days).unwrap();
            let (year, week) = d.iso_week();
            prop_assert!((1..=53).contains(&week));
            prop_assert!((d.year() - 1..=d.year() + 1).contains(&year));
            // A Monday starts a new week; any other day continues the previous one.
            let prev = Date::from_days(days - 1).unwrap().iso_week();
            if d.weekday() == Weekday::Monday {
                prop_assert_ne!(prev, (year, week));
            } else {
                prop_assert_eq!(prev, (year, week));
            }
        }

        #[test]
        fn unix_millis_round_trip(
            millis in -62_167_219_200_000i64..253_402_214_400_000,
            offset in -(23 * 60 + 59)..=(23 * 60 + 59),
        ) {
            if let Ok(dt) = DateTime::from_unix_millis(millis, offset) {
                prop_assert_eq!(dt.unix_millis(), millis);
                let reparsed = DateTime::parse(&dt.to_string()).unwrap();
                prop_assert_eq!(reparsed, dt);
                prop_assert_eq!(reparsed.offset_minutes(), offset);
                prop_assert_eq!(reparsed.to_string(), dt.to_string());
            }
        }

        #[test]
        fn parsing_never_panics(s in "\\PC{0,40}") {
            let _ = Date::parse(&s);
            let _ = DateTime::parse(&s);
            let _ = DateTime::parse_html_local(&s, 480);
            let _ = TimeOfDay::parse(&s);
        }
    }
}
