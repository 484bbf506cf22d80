//! "Continue on your phone": a voucher request handed from a kiosk to a
//! resident's own device by a link (README, "Running a kiosk").
//!
//! The link carries the voucher code, the service id and the feed URL (and,
//! in a sharded feed, the district whose shard has the service), and
//! nothing else: never a name, a phone number or an answer, since it is
//! shown as a QR code on a public screen. Whoever opens it gets a request
//! that says only "this voucher, for this service": what the voucher holder
//! shows at the service centre.

use crate::date::DateTime;
use crate::feed::Feed;
use crate::voucher::{Voucher, VoucherError};

use super::{Destination, Event, Request};

/// The app's path that receives a carried request.
pub const PATH: &str = "/carry";

/// The longest service id or feed URL a link may carry.
pub const PART_LIMIT: usize = 2048;

/// A request as a link carries it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Carried {
    pub voucher: Voucher,
    pub service_id: String,
    pub feed_url: String,
    /// In a sharded feed, the district whose shard lists the service, so
    /// the phone loads that shard (FEED.md, "Sharded feeds").
    pub district: Option<String>,
}

/// Why a link does not carry a request.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CarryError {
    /// A part of the link is missing or empty.
    #[error("the link has no `{0}`")]
    Missing(&'static str),
    /// A part is longer than any real one.
    #[error("the link's `{0}` is longer than {PART_LIMIT} characters")]
    TooLong(&'static str),
    /// The district is not a region code.
    #[error("the link's `district` is not a region code")]
    NotADistrict,
    /// The voucher code is not one.
    #[error("the link's voucher code is not valid: {0}")]
    Voucher(#[from] VoucherError),
    /// The link names a menu other than the one loaded (the deployment
    /// did not allow the link's, or the link was changed).
    #[error("the link is for another menu: `{0}`")]
    OtherMenu(String),
    /// The feed has no such service.
    #[error("the menu has no service `{0}`")]
    UnknownService(String),
}

impl Carried {
    /// Reads the query parameters of a link (`voucher`, `service`, `feed`,
    /// and the optional `district`), as the browser decoded them.
    pub fn read(
        voucher: Option<&str>,
        service: Option<&str>,
        feed: Option<&str>,
        district: Option<&str>,
    ) -> Result<Carried, CarryError> {
        let part = |value: Option<&str>, name: &'static str| {
            let v = value.map(str::trim).filter(|v| !v.is_empty());
            let v = v.ok_or(CarryError::Missing(name))?;
            if v.chars().count() > PART_LIMIT {
                return Err(CarryError::TooLong(name));
            }
            Ok(v.to_owned())
        };
        let code = part(voucher, "voucher")?;
        let district = match district.map(str::trim).filter(|d| !d.is_empty()) {
            None => None,
            // A region code is an id: 1–64 of `A-Z a-z 0-9 . _ -`.
            Some(d)
                if d.len() <= 64
                    && d.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)) =>
            {
                Some(d.to_owned())
            }
            Some(_) => return Err(CarryError::NotADistrict),
        };
        Ok(Carried {
            voucher: Voucher::parse(&code)?,
            service_id: part(service, "service")?,
            feed_url: part(feed, "feed")?,
            district,
        })
    }

    /// The carried part of a request, when it has a voucher.
    pub fn of(request: &Request) -> Option<Carried> {
        Some(Carried {
            voucher: request.voucher().ok()?,
            service_id: request.service_id.clone(),
            feed_url: request.feed_url.clone()?,
            district: None,
        })
    }

    /// The link, on the app at `origin` (`https://caidan.example.gov`).
    /// `feed` comes first: the app opens the feed the link names, as any
    /// `?feed=` link, and only where the deployment allows it.
    pub fn link(&self, origin: &str) -> String {
        let mut link = format!(
            "{origin}{PATH}?feed={}&service={}&voucher={}",
            encode(&self.feed_url),
            encode(&self.service_id),
            encode(self.voucher.as_str()),
        );
        if let Some(district) = &self.district {
            link.push_str("&district=");
            link.push_str(&encode(district));
        }
        link
    }

    /// The request this link stands for, once the feed it names is loaded:
    /// submitted to the feed's voucher intake at `now`, with no answers and
    /// no contact.
    pub fn into_request(self, feed: &Feed, now: DateTime) -> Result<Request, CarryError> {
        if feed.service(&self.service_id).is_none() {
            let shown: String = self.service_id.chars().take(80).collect();
            return Err(CarryError::UnknownService(shown));
        }
        let mut request = Request::draft(
            self.voucher.id(),
            &self.service_id,
            feed.id(),
            feed.version(),
            now,
        )?;
        request.destination = Some(Destination::Voucher);
        request.feed_url = Some(self.feed_url);
        // A draft can always be submitted.
        let _ = request.transition(&Event::Submit, now);
        Ok(request)
    }
}

/// Percent-encodes a query value: everything but the URL's unreserved
/// characters.
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::State;

    fn feed() -> Feed {
        let text = include_str!("../../../public/feeds/sample.json");
        Feed::parse(text).unwrap()
    }

    fn now() -> DateTime {
        DateTime::parse("2026-11-29T10:00:00+08:00").unwrap()
    }

    #[test]
    fn a_link_round_trips_through_a_url_parser() {
        let feed = feed();
        let service = feed.services()[0].id.clone();
        let carried = Carried {
            voucher: crate::voucher::encode(123_456_789).unwrap(),
            service_id: service.clone(),
            feed_url: "https://feeds.example.gov/menu.json?v=2&x=a b".into(),
            district: Some("110101".into()),
        };
        let link = carried.link("https://caidan.example.gov");
        let url = url::Url::parse(&link).unwrap();
        assert_eq!(url.path(), PATH);
        let get = |k: &str| {
            url.query_pairs()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.into_owned())
        };
        let read = Carried::read(
            get("voucher").as_deref(),
            get("service").as_deref(),
            get("feed").as_deref(),
            get("district").as_deref(),
        )
        .unwrap();
        assert_eq!(read, carried);
        let request = read.into_request(&feed, now()).unwrap();
        assert_eq!(request.id, 123_456_789);
        assert_eq!(request.state, State::Submitted);
        assert_eq!(request.goes_to(), &Destination::Voucher);
        assert_eq!(request.service_id, service);
        assert!(request.contact.is_none() && request.answers_used.is_empty());
    }

    #[test]
    fn a_link_carries_nothing_but_code_service_and_feed() {
        let feed = feed();
        let mut request = Carried {
            voucher: crate::voucher::encode(42).unwrap(),
            service_id: feed.services()[0].id.clone(),
            feed_url: "/feeds/sample.json".into(),
            district: None,
        }
        .into_request(&feed, now())
        .unwrap();
        request.contact = Some(crate::request::Contact::new("王秀英", "13800138000").unwrap());
        request
            .answers_used
            .insert("age".into(), serde_json::json!(81));
        let link = Carried::of(&request).unwrap().link("http://127.0.0.1:8080");
        for secret in ["王", "%E7%8E%8B", "13800138000", "age", "81"] {
            assert!(!link.contains(secret), "{secret} in {link}");
        }
    }

    #[test]
    fn a_bad_link_says_what_is_wrong() {
        let feed = feed();
        let service = feed.services()[0].id.clone();
        let good = crate::voucher::encode(42).unwrap();
        // (voucher, service, feed, what the error says)
        type Case<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>, &'a str);
        let cases: Vec<Case> = vec![
            (None, Some(&service), Some("/f.json"), "no `voucher`"),
            (Some(" "), Some(&service), Some("/f.json"), "no `voucher`"),
            (Some(good.as_str()), None, Some("/f.json"), "no `service`"),
            (Some(good.as_str()), Some(&service), None, "no `feed`"),
            (Some("ABCD"), Some(&service), Some("/f.json"), "not valid"),
            (
                Some("<script>"),
                Some(&service),
                Some("/f.json"),
                "not valid",
            ),
        ];
        for (voucher, service, feed_url, expected) in cases {
            let err = Carried::read(voucher, service, feed_url, None)
                .unwrap_err()
                .to_string();
            assert!(err.contains(expected), "{voucher:?}: {err}");
        }
        let long = "x".repeat(PART_LIMIT + 1);
        assert_eq!(
            Carried::read(Some(good.as_str()), Some(&long), Some("/f.json"), None),
            Err(CarryError::TooLong("service"))
        );
        for district in ["<script>", "a b", &"1".repeat(65)] {
            assert_eq!(
                Carried::read(
                    Some(good.as_str()),
                    Some(&service),
                    Some("/f.json"),
                    Some(district)
                ),
                Err(CarryError::NotADistrict),
                "{district}"
            );
        }
        let unknown = Carried::read(Some(good.as_str()), Some("no-such"), Some("/f.json"), None)
            .unwrap()
            .into_request(&feed, now());
        assert_eq!(
            unknown.unwrap_err().to_string(),
            "the menu has no service `no-such`"
        );
    }
}
