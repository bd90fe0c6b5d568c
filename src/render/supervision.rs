//! 监督与纠错 on an institution page: whom to call with a complaint (the district health
//! bureau, else the city's number, and the 12345 hotline), and a 信息纠错 link to the
//! site's contact with the institution's name and id filled in.

use serde::Serialize;

use super::urls;
use crate::model::{Institution, Site};

/// The general government service hotline (政务服务便民热线), which also takes childcare
/// complaints: always offered, since it is the same number everywhere.
pub const HOTLINE: &str = "12345";

/// Longest institution name put into a correction mail (editors' strings are bounded).
const MAX_NAME: usize = 60;

#[derive(Debug, Clone, Serialize)]
pub struct Phone {
    /// Who answers: "城阳区卫生健康部门", "青岛市卫生健康部门", "政务服务便民热线".
    pub whose: String,
    pub phone: String,
    pub tel: Option<String>,
}

/// The 信息纠错 link: `href` is a `mailto:` (subject and body filled in) or a `tel:`.
#[derive(Debug, Clone, Serialize)]
pub struct Correction {
    pub href: String,
    /// The address or number, as shown.
    pub to: String,
    pub mail: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SupervisionView {
    /// District number first, then the city's; the 12345 hotline last unless given above.
    pub phones: Vec<Phone>,
    pub correction: Option<Correction>,
}

pub fn view(site: &Site, i: &Institution, page_url: &str) -> SupervisionView {
    let district = &site.districts[i.district];
    let mut phones = Vec::new();
    let mut add = |whose: String, phone: &str| {
        let phone = phone.trim().to_string();
        // site.yaml may well give 12345 itself as the city's number: say what it is.
        let whose = if phone == HOTLINE {
            "政务服务便民热线".to_string()
        } else {
            whose
        };
        if !phone.is_empty() && !phones.iter().any(|p: &Phone| p.phone == phone) {
            phones.push(Phone {
                whose,
                tel: urls::tel(&phone),
                phone,
            });
        }
    };
    if let Some(p) = &district.supervision_phone {
        add(format!("{}卫生健康部门", district.name), p);
    }
    if let Some(p) = &site.config.supervision_phone {
        add(format!("{}卫生健康部门", site.config.city), p);
    }
    add("政务服务便民热线".into(), HOTLINE);
    SupervisionView {
        phones,
        correction: site
            .config
            .contact
            .as_deref()
            .and_then(|c| correction(c, i, page_url)),
    }
}

fn correction(contact: &str, i: &Institution, page_url: &str) -> Option<Correction> {
    let name: String = i.name.chars().take(MAX_NAME).collect();
    if let Some(email) = email_in(contact) {
        let subject = format!("信息纠错：{name}（{}）", i.id);
        let body = format!(
            "机构：{name}\n编号：{}\n页面：{page_url}\n\n哪一项有误、正确的信息是什么、信息来源：\n",
            i.id
        );
        return Some(Correction {
            href: format!(
                "mailto:{email}?subject={}&body={}",
                urls::encode(&subject),
                urls::encode(&body)
            ),
            to: email.to_string(),
            mail: true,
        });
    }
    let tel = urls::tel(contact)?;
    Some(Correction {
        href: tel,
        to: contact.trim().to_string(),
        mail: false,
    })
}

/// The first e-mail address in the contact text ("纠错邮箱 a@b.org"), if it is plain
/// (letters, digits, `.`, `-`, `_`, `+`, one `@`): nothing else may reach a `mailto:`.
pub fn email_in(text: &str) -> Option<&str> {
    text.split(|c: char| c.is_whitespace() || "，,：:；;（）()<>".contains(c))
        .map(|w| w.trim_matches(|c: char| c == '。' || c == '.'))
        .find(|w| w.contains('@'))
        .filter(|w| {
            w.matches('@').count() == 1
                && !w.starts_with('@')
                && !w.ends_with('@')
                && w.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-_+@".contains(c))
        })
}

#[cfg(test)]
mod tests {
    use super::email_in;

    #[test]
    fn only_a_plain_address_is_taken() {
        assert_eq!(email_in("纠错邮箱 a.b@x.org。"), Some("a.b@x.org"));
        assert_eq!(email_in("邮箱：a@x.org，电话 0532-1"), Some("a@x.org"));
        assert_eq!(email_in("0532-12345678"), None);
        assert_eq!(email_in("a@x.org?cc=evil@y"), None);
        assert_eq!(email_in("\"a\"@x.org"), None);
    }
}
