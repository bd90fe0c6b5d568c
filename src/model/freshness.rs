//! How current the data is: the site's data date, and when a dated figure (空余托位) is
//! old enough that pages flag it. Derived from the content alone, never from the clock,
//! so that the same content always builds the same pages.

use jiff::ToSpan;
use jiff::civil::Date;

use super::{Institution, SiteConfig};

/// A count of free places older than this, before the data date, is flagged 信息可能已过期.
pub const STALE_AFTER_DAYS: i32 = 90;

/// The date the data as a whole speaks for: the newest of site.yaml's `data_as_of` and
/// every record's vacancies date (free places counted after the official list are news
/// the list does not know yet). `None` when the content gives no date at all.
pub fn data_date(config: &SiteConfig, institutions: &[Institution]) -> Option<Date> {
    institutions
        .iter()
        .filter_map(|i| i.vacancies.map(|v| v.as_of))
        .chain(config.data_as_of)
        .max()
}

/// `as_of` lies more than [`STALE_AFTER_DAYS`] before `data_date`.
pub fn is_stale(as_of: Date, data_date: Option<Date>) -> bool {
    data_date.is_some_and(|d| as_of < d.saturating_sub(STALE_AFTER_DAYS.days()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn ninety_days_before_the_data_date_is_still_current() {
        let d = Some(date(2024, 9, 1));
        assert!(!is_stale(date(2024, 6, 3), d), "90 days before");
        assert!(is_stale(date(2024, 6, 2), d), "91 days before");
        assert!(!is_stale(date(2020, 1, 1), None), "no data date: no flag");
    }
}
