//! The classes of the national standard (托育机构设置标准（试行）): 乳儿班 6–12 months,
//! 托小班 12–24, 托大班 24–36, derived from an institution's 收托月龄. One definition for
//! pages and the search filter.

use serde::{Serialize, Serializer};

use super::Ages;

/// A class of the standard, in age order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AgeClass {
    /// 乳儿班, 6–12 months.
    Infant,
    /// 托小班, 12–24 months.
    Toddler,
    /// 托大班, 24–36 months.
    Older,
}

impl AgeClass {
    pub const ALL: [AgeClass; 3] = [AgeClass::Infant, AgeClass::Toddler, AgeClass::Older];

    /// The name the standard gives the class.
    pub fn as_str(self) -> &'static str {
        match self {
            AgeClass::Infant => "乳儿班",
            AgeClass::Toddler => "托小班",
            AgeClass::Older => "托大班",
        }
    }

    /// The class's months as `[from, to)`.
    pub fn months(self) -> (u8, u8) {
        match self {
            AgeClass::Infant => (6, 12),
            AgeClass::Toddler => (12, 24),
            AgeClass::Older => (24, 36),
        }
    }

    /// The classes an institution taking children of `ages` can run: those whose months
    /// overlap the range by more than a boundary (12–24 months is 托小班 only, not also
    /// 乳儿班 and 托大班). A single month (min = max) belongs to the class that holds it;
    /// children under 6 months fall in no class.
    pub fn of(ages: Ages) -> Vec<AgeClass> {
        let (min, max) = (ages.min_months, ages.max_months);
        Self::ALL
            .into_iter()
            .filter(|c| {
                let (lo, hi) = c.months();
                if min == max {
                    lo <= min && (min < hi || (hi == 36 && min == 36))
                } else {
                    min < hi && max > lo
                }
            })
            .collect()
    }
}

impl Serialize for AgeClass {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::AgeClass::{self, *};
    use crate::model::Ages;

    fn of(min: u8, max: u8) -> Vec<AgeClass> {
        AgeClass::of(Ages {
            min_months: min,
            max_months: max,
        })
    }

    #[test]
    fn classes_follow_the_age_range() {
        assert_eq!(of(6, 36), vec![Infant, Toddler, Older]);
        assert_eq!(of(0, 36), vec![Infant, Toddler, Older]);
        assert_eq!(of(12, 24), vec![Toddler]);
        assert_eq!(of(18, 36), vec![Toddler, Older]);
        assert_eq!(of(24, 36), vec![Older]);
        assert_eq!(of(8, 12), vec![Infant]);
        assert_eq!(of(10, 13), vec![Infant, Toddler]);
    }

    #[test]
    fn edge_cases_take_no_invented_class() {
        assert_eq!(of(0, 6), Vec::<AgeClass>::new(), "under 6 months: no class");
        assert_eq!(of(0, 3), Vec::<AgeClass>::new());
        assert_eq!(of(12, 12), vec![Toddler], "a single month");
        assert_eq!(of(36, 36), vec![Older]);
        assert_eq!(of(5, 5), Vec::<AgeClass>::new());
    }
}
