//! The enumerated values of the official documents, as closed Rust enums.
//!
//! Editors write the Chinese terms; each enum parses exactly those (plus documented
//! synonyms such as 小时托 for 计时托) and serialises back to them.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::diagnostics::catalogue::{Msg, model as msg};

/// A closed set of Chinese terms that a YAML field may take.
pub trait ZhEnum: Sized + Copy + 'static {
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
    /// Accepted spellings beyond the canonical ones.
    fn synonym(_s: &str) -> Option<Self> {
        None
    }
    fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.as_str() == s)
            .or_else(|| Self::synonym(s))
    }
    /// "A、B、C" for help messages.
    fn allowed() -> String {
        Self::ALL
            .iter()
            .map(|v| v.as_str())
            .collect::<Vec<_>>()
            .join("、")
    }
}

macro_rules! zh_enum {
    ($(#[$m:meta])* $name:ident { $($var:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($var),+ }
        impl $name {
            pub const VALUES: &'static [$name] = &[$($name::$var),+];
        }
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(ZhEnum::as_str(*self))
            }
        }
        // Read back from the build cache (`crate::cache::parsed`), by the same term.
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                ZhEnum::parse(&s).ok_or_else(|| serde::de::Error::custom("unknown term"))
            }
        }
    };
}

macro_rules! zh_enum_impl {
    ($name:ident { $($var:ident = $s:literal),+ $(,)? }) => {
        impl ZhEnum for $name {
            const ALL: &'static [Self] = $name::VALUES;
            fn as_str(self) -> &'static str {
                match self { $($name::$var => $s),+ }
            }
        }
    };
}

macro_rules! zh {
    ($(#[$m:meta])* $name:ident { $($var:ident = $s:literal),+ $(,)? }) => {
        zh_enum!($(#[$m])* $name { $($var = $s),+ });
        zh_enum_impl!($name { $($var = $s),+ });
    };
}

zh!(
    /// 举办性质.
    Ownership {
        Public = "公办",
        Private = "民办",
        PublicPrivate = "公办民营",
        PublicBuilt = "公建民营",
    }
);
zh!(
    /// 营利性质.
    Profit { ForProfit = "营利性", NonProfit = "非营利性" }
);
zh!(
    /// 机构形式.
    Form {
        Independent = "独立托育机构",
        Community = "社区嵌入式",
        KindergartenClass = "幼儿园托班",
        Employer = "用人单位办托",
        Family = "家庭托育点",
        Hub = "托育综合服务中心",
    }
);
zh!(
    /// 经营状态.
    Status { Open = "在营", Suspended = "暂停", Closed = "注销" }
);
zh!(
    /// 检查类型.
    InspectionKind { SelfCheck = "自查", Spot = "抽查" }
);
zh!(
    /// 示范级别.
    Level { Provincial = "省级", Municipal = "市级" }
);
zh!(
    /// 托育点模式.
    SiteModel {
        EnterpriseUnion = "企业工会联合",
        StreetCommunity = "街道社区联动",
        KindergartenIntegrated = "幼儿园托育一体化",
        CommunityEmbedded = "社区嵌入式",
        Other = "其他",
    }
);

zh_enum!(
    /// 服务类型. 小时托 is read as 计时托.
    Service { FullDay = "全日托", HalfDay = "半日托", Hourly = "计时托", Temporary = "临时托" }
);

impl ZhEnum for Service {
    const ALL: &'static [Self] = Service::VALUES;
    fn as_str(self) -> &'static str {
        match self {
            Service::FullDay => "全日托",
            Service::HalfDay => "半日托",
            Service::Hourly => "计时托",
            Service::Temporary => "临时托",
        }
    }
    fn synonym(s: &str) -> Option<Self> {
        (s == "小时托").then_some(Service::Hourly)
    }
}

/// The three kinds of official listing, one content folder each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Filed,
    Demonstration,
    #[serde(rename = "site")]
    CareSite,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Filed, Kind::Demonstration, Kind::CareSite];
    /// The folder under content/ that holds this kind.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Filed => "filed",
            Kind::Demonstration => "demonstration",
            Kind::CareSite => "sites",
        }
    }
    /// The kind whose records a top-level content folder holds.
    pub fn of_folder(folder: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == folder)
    }
    /// The kind's name in messages, in the reader's language.
    pub fn name(self) -> &'static Msg {
        match self {
            Kind::Filed => &msg::KIND_FILED,
            Kind::Demonstration => &msg::KIND_DEMONSTRATION,
            Kind::CareSite => &msg::KIND_CARE_SITE,
        }
    }
    /// The kind's Chinese name, as pages show it.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Filed => "备案机构",
            Kind::Demonstration => "示范机构",
            Kind::CareSite => "托育点",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hourly_synonym() {
        assert_eq!(Service::parse("小时托"), Some(Service::Hourly));
        assert_eq!(Service::parse("计时托"), Some(Service::Hourly));
        assert_eq!(Service::parse("全托"), None);
        assert_eq!(Level::allowed(), "省级、市级");
    }
}
