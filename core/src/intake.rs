//! Placing a request: from a resident's decision and form to a [`Request`]
//! ready to send, with every rule that applies checked in one place: who may
//! request, per-resident limits, the waiting list, the form's attributes and
//! the contact details.

use std::collections::BTreeMap;

use crate::answers::Answers;
use crate::date::{Date, DateTime};
use crate::decision::{Decision, Outcome};
use crate::deploy::DeployConfig;
use crate::feed::{Feed, ServiceIndex};
use crate::request::{
    form_attributes, validate_attributes, AttributeAnswer, AttributeError, Contact, ContactError,
    CostSnapshot, Event, FormValueError, Request, TransitionError,
};
use crate::request::{Destination, IntakeTarget};
use crate::voucher::VoucherError;
use crate::wire::{IntakeKind, Period};

/// A per-resident limit and how much of it this device has used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LimitStatus {
    /// Requests that count in the current period.
    pub used: u32,
    /// Requests allowed per period.
    pub allowed: u32,
    /// The period.
    pub period: Period,
}

impl LimitStatus {
    /// Whether no request is left in this period.
    pub fn reached(&self) -> bool {
        self.used >= self.allowed
    }
}

/// The service's per-resident limit against the requests this device knows
/// of, on `today`; `None` when the service has no limit.
pub fn limit_status(
    feed: &Feed,
    service: ServiceIndex,
    history: &[Request],
    today: Date,
) -> Option<LimitStatus> {
    let s = feed.service_at(service)?;
    let per = s.limits.as_ref()?.per_resident.as_ref()?;
    Some(LimitStatus {
        used: Request::count_in_period(history, &s.id, per.period, today),
        allowed: per.count,
        period: per.period,
    })
}

/// What the resident filled in on the request form, as the form gave it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RequestForm {
    /// Raw values per attribute code (several for a multi-value list).
    pub attributes: BTreeMap<String, Vec<String>>,
    /// The resident's name.
    pub name: String,
    /// The resident's phone number.
    pub phone: String,
}

/// Why a request cannot be placed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlaceError {
    /// No such service.
    #[error("no such service")]
    UnknownService,
    /// The service cannot be requested on this date or where the resident lives.
    #[error("this service is not available")]
    Unavailable,
    /// The resident does not qualify.
    #[error("the resident does not qualify")]
    Ineligible,
    /// Questions remain that would settle eligibility.
    #[error("eligibility is not settled yet")]
    Unsettled,
    /// The per-resident limit is used up.
    #[error("the limit of {} per {} is used up", .0.allowed, .0.period.as_str())]
    LimitReached(LimitStatus),
    /// A form value could not be read.
    #[error("`{code}`: {error}")]
    FormValue { code: String, error: FormValueError },
    /// An attribute answer is not valid.
    #[error(transparent)]
    Attribute(AttributeError),
    /// The contact details are not valid.
    #[error(transparent)]
    Contact(ContactError),
    /// The id cannot make a voucher.
    #[error(transparent)]
    Id(VoucherError),
    /// The new request could not be kept or submitted.
    #[error(transparent)]
    Transition(TransitionError),
}

/// Checks the form only (attributes and contact), for showing errors as the
/// resident goes; every problem is reported.
pub fn check_form(
    feed: &Feed,
    service: ServiceIndex,
    form: &RequestForm,
) -> Result<(BTreeMap<String, AttributeAnswer>, Contact), Vec<PlaceError>> {
    let Some(s) = feed.service_at(service) else {
        return Err(vec![PlaceError::UnknownService]);
    };
    let mut errors = Vec::new();
    let mut answers = BTreeMap::new();
    for attr in form_attributes(s) {
        let raw = form
            .attributes
            .get(&attr.code)
            .map_or(&[][..], Vec::as_slice);
        match AttributeAnswer::from_form(attr.datatype, raw) {
            Ok(Some(a)) => {
                answers.insert(attr.code.clone(), a);
            }
            Ok(None) => {}
            Err(error) => errors.push(PlaceError::FormValue {
                code: attr.code.clone(),
                error,
            }),
        }
    }
    if let Err(list) = validate_attributes(&s.attributes, &answers) {
        errors.extend(list.into_iter().map(PlaceError::Attribute));
    }
    let contact = match Contact::new(&form.name, &form.phone) {
        Ok(c) => Some(c),
        Err(list) => {
            errors.extend(list.into_iter().map(PlaceError::Contact));
            None
        }
    };
    match contact {
        Some(c) if errors.is_empty() => Ok((answers, c)),
        _ => Err(errors),
    }
}

/// Whether a decision lets the resident request the service: they qualify,
/// or only "I don't know" answers stand in the way (staff will check).
pub fn may_request(decision: &Decision) -> Result<(), PlaceError> {
    match decision.outcome {
        Outcome::Eligible => Ok(()),
        Outcome::Undetermined if decision.missing.is_empty() => Ok(()),
        Outcome::Undetermined => Err(PlaceError::Unsettled),
        Outcome::Ineligible => Err(PlaceError::Ineligible),
        Outcome::Unavailable => Err(PlaceError::Unavailable),
    }
}

/// Everything placing a request needs besides the feed.
#[derive(Clone, Copy, Debug)]
pub struct Placing<'a> {
    /// The decision about the service for this resident, today.
    pub decision: &'a Decision,
    /// The answers the decision was made from.
    pub answers: &'a Answers,
    /// What the resident filled in on the request form.
    pub form: &'a RequestForm,
    /// The requests this device already knows of, for per-resident limits.
    pub history: &'a [Request],
    /// A fresh id for the request (below 2^45, so that it has a voucher).
    pub id: u64,
    /// The time of placing.
    pub now: DateTime,
    /// Where the request goes ([`destination`]).
    pub destination: &'a Destination,
    /// The feed's URL, as fetched.
    pub feed_url: &'a str,
}

/// Places a request: checks who may request, the limit and the form;
/// snapshots the answers the decision used, the priority, the cost and
/// whether it joins the waiting list; and moves it on by its destination.
/// With a voucher it is submitted at once (the voucher is the request).
/// With an Open311 intake it is queued, kept on the device first so that
/// nothing is lost if sending fails: the caller sends it
/// ([`Request::sendable`]). With a refused intake it is queued and stays so.
pub fn place(feed: &Feed, placing: &Placing<'_>) -> Result<Request, Vec<PlaceError>> {
    let decision = placing.decision;
    let service = decision.service;
    let Some(s) = feed.service_at(service) else {
        return Err(vec![PlaceError::UnknownService]);
    };
    may_request(decision).map_err(|e| vec![e])?;
    let now = placing.now;
    if let Some(limit) = limit_status(feed, service, placing.history, now.local_date()) {
        if limit.reached() {
            return Err(vec![PlaceError::LimitReached(limit)]);
        }
    }
    let (attributes, contact) = check_form(feed, service, placing.form)?;
    let mut request = Request::draft(placing.id, &s.id, feed.id(), feed.version(), now)
        .map_err(|e| vec![PlaceError::Id(e)])?;
    // Sensitive answers are not kept with the request: only that they
    // settled the decision, and which facts they were.
    let (sensitive, kept): (Vec<_>, Vec<_>) = decision
        .facts_used(feed)
        .into_iter()
        .partition(|&f| feed.fact_at(f).is_some_and(|f| f.sensitive));
    request.answers_used = placing.answers.subset_json(feed, &kept);
    request.sensitive_facts = sensitive
        .into_iter()
        .filter_map(|f| feed.fact_at(f).map(|f| f.id.clone()))
        .collect();
    request.attributes = attributes;
    request.contact = Some(contact);
    request.priority = decision.priority.map(|p| p.level.as_str().to_string());
    request.cost = decision.cost.as_ref().map(|c| CostSnapshot {
        currency: feed.currency().to_string(),
        amount: c.amount as f64 / 100.0,
        pays: c.pays.map(|p| p as f64 / 100.0),
        pays_min: c.pays_min as f64 / 100.0,
        pays_max: c.pays_max as f64 / 100.0,
    });
    request.waiting_list = decision.full;
    request.destination = Some(placing.destination.clone());
    request.feed_url = Some(placing.feed_url.to_string());
    let event = match placing.destination {
        Destination::Voucher => Event::Submit,
        Destination::Open311(_) | Destination::Refused { .. } => Event::QueueOffline,
    };
    request
        .transition(&event, now)
        .map_err(|e| vec![PlaceError::Transition(e)])?;
    Ok(request)
}

/// Whether the feed's requests are sent to an Open311 endpoint (otherwise
/// they stay on the device as vouchers).
pub fn sends_to_open311(feed: &Feed) -> bool {
    feed.intake().kind == IntakeKind::Open311
}

/// Where the feed's requests, ratings and suggestions go, as this
/// deployment allows: nowhere for a voucher intake; the Open311 endpoint
/// resolved as the browser fetches it (`resolve`, see
/// [`DeployConfig::intake_url`]) when the deployment allows its origin;
/// otherwise refused, and nothing is ever sent.
pub fn destination(
    feed: &Feed,
    config: &DeployConfig,
    page_origin: &str,
    resolve: impl Fn(&str) -> Option<String>,
) -> Destination {
    if !sends_to_open311(feed) {
        return Destination::Voucher;
    }
    let intake = feed.intake();
    let endpoint = intake.endpoint.as_deref().unwrap_or_default();
    match config.intake_url(endpoint, page_origin, resolve) {
        Ok(url) => Destination::Open311(IntakeTarget {
            endpoint: url,
            jurisdiction_id: intake.jurisdiction_id.clone(),
            api_key: intake.api_key.clone(),
            deduplicates: intake.deduplicates,
        }),
        Err(_) => Destination::Refused {
            endpoint: endpoint.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide;
    use crate::request::State;
    use serde_json::json;

    fn feed() -> Feed {
        Feed::parse(include_str!("../tests/data/worked.json")).unwrap()
    }

    fn placing<'a>(
        decision: &'a Decision,
        answers: &'a Answers,
        form: &'a RequestForm,
        history: &'a [Request],
        id: u64,
        now: DateTime,
    ) -> Placing<'a> {
        Placing {
            decision,
            answers,
            form,
            history,
            id,
            now,
            destination: &Destination::Voucher,
            feed_url: "https://menu.example.gov/feeds/worked.json",
        }
    }

    fn form() -> RequestForm {
        RequestForm {
            attributes: BTreeMap::new(),
            name: "王秀英".into(),
            phone: "138 0013 8000".into(),
        }
    }

    #[test]
    fn a_request_snapshots_what_the_decision_used() {
        let feed = feed();
        let now = DateTime::parse("2026-11-26T09:00:00+08:00").unwrap();
        let answers = Answers::from_json(
            &feed,
            &json!({"residence": "110105001001", "age": 85, "living_alone": true, "income_status": "none"}),
        )
        .unwrap();
        let index = feed.service_index("care").unwrap();
        let d = decide(&feed, index, &answers, now.local_date()).unwrap();
        let r = place(&feed, &placing(&d, &answers, &form(), &[], 42, now)).unwrap();
        assert_eq!(r.state, State::Submitted, "a voucher is the request");
        assert_eq!(r.priority.as_deref(), Some("urgent"));
        assert!(r.waiting_list, "the service is full");
        assert_eq!(r.cost.as_ref().and_then(|c| c.pays), Some(15.0));
        assert_eq!(
            r.contact.as_ref().map(|c| c.phone.as_str()),
            Some("13800138000")
        );
        assert_eq!(
            r.answers_used
                .keys()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            ["age", "living_alone", "residence"],
            "a sensitive answer is not kept with the request"
        );
        assert_eq!(r.sensitive_facts, ["disability_grade", "income_status"]);
    }

    #[test]
    fn an_open311_request_is_kept_on_the_device_until_sent() {
        let mut doc: serde_json::Value =
            serde_json::from_str(include_str!("../tests/data/worked.json")).unwrap();
        doc["intake"] =
            json!({"kind": "open311", "endpoint": "https://intake.example/georeport/v2"});
        let feed = Feed::parse(&doc.to_string()).unwrap();
        let now = DateTime::parse("2026-11-26T09:00:00+08:00").unwrap();
        let answers = Answers::new(&feed);
        let library = feed.service_index("library").unwrap();
        let d = decide(&feed, library, &answers, now.local_date()).unwrap();
        let resolve = |u: &str| {
            let page = url::Url::parse("https://menu.example.gov/").ok()?;
            page.join(u).ok().map(String::from)
        };
        let origin = "https://menu.example.gov";
        let strict = DeployConfig::parse(r#"{"default_feed": "/f.json"}"#).unwrap();
        let allowing = DeployConfig::parse(
            r#"{"default_feed": "/f.json", "allowed_intake_origins": ["https://intake.example"]}"#,
        )
        .unwrap();
        let refused = destination(&feed, &strict, origin, resolve);
        assert_eq!(
            refused,
            Destination::Refused {
                endpoint: "https://intake.example/georeport/v2".into()
            }
        );
        let allowed = destination(&feed, &allowing, origin, resolve);
        let form = form();
        let mut placing = placing(&d, &answers, &form, &[], 7, now);
        placing.destination = &allowed;
        let r = place(&feed, &placing).unwrap();
        assert!(r.state.waits_to_send());
        assert_eq!(
            r.sendable().map(|t| t.endpoint.as_str()),
            Some("https://intake.example/georeport/v2")
        );
        placing.destination = &refused;
        let held = place(&feed, &placing).unwrap();
        assert!(held.state.waits_to_send());
        assert_eq!(held.sendable(), None, "a refused intake is never contacted");
        assert_eq!(
            destination(&self::feed(), &allowing, origin, resolve),
            Destination::Voucher
        );
    }

    #[test]
    fn who_may_request_and_limits() {
        let feed = feed();
        let now = DateTime::parse("2026-11-26T09:00:00+08:00").unwrap();
        let check = |answers: serde_json::Value, service: &str, expected: PlaceError| {
            let answers = Answers::from_json(&feed, &answers).unwrap();
            let d = decide(
                &feed,
                feed.service_index(service).unwrap(),
                &answers,
                now.local_date(),
            )
            .unwrap();
            let errors = place(&feed, &placing(&d, &answers, &form(), &[], 1, now)).unwrap_err();
            assert_eq!(errors, vec![expected]);
        };
        check(
            json!({"residence": "110105001001", "age": 50}),
            "care",
            PlaceError::Ineligible,
        );
        check(json!({}), "care", PlaceError::Unsettled);
        check(json!({}), "closed", PlaceError::Unavailable);
    }

    #[test]
    fn limits_count_this_devices_requests() {
        let mut doc: serde_json::Value =
            serde_json::from_str(include_str!("../tests/data/worked.json")).unwrap();
        doc["services"][1]["limits"] = json!({"per_resident": {"count": 2, "period": "month"}});
        let feed = Feed::parse(&doc.to_string()).unwrap();
        let answers = Answers::new(&feed);
        let day = |d: &str| DateTime::parse(&format!("{d}T09:00:00+08:00")).unwrap();
        let library = feed.service_index("library").unwrap();
        let mut history = Vec::new();
        for (i, d) in ["2026-10-30", "2026-11-02", "2026-11-10", "2026-11-20"]
            .iter()
            .enumerate()
        {
            let decision = decide(&feed, library, &answers, day(d).local_date()).unwrap();
            let form = form();
            match place(
                &feed,
                &placing(&decision, &answers, &form, &history, i as u64, day(d)),
            ) {
                Ok(r) => history.push(r),
                Err(e) => {
                    assert_eq!(
                        e,
                        vec![PlaceError::LimitReached(LimitStatus {
                            used: 2,
                            allowed: 2,
                            period: Period::Month
                        })]
                    );
                    assert_eq!(*d, "2026-11-20", "only the third in November is refused");
                }
            }
        }
        assert_eq!(history.len(), 3);
        let status = limit_status(&feed, library, &history, day("2026-11-26").local_date());
        assert_eq!(status.map(|s| (s.used, s.allowed)), Some((2, 2)));
        let december = limit_status(&feed, library, &history, day("2026-12-01").local_date());
        assert_eq!(december.map(|s| s.used), Some(0));
    }

    #[test]
    fn every_form_problem_is_reported() {
        let mut doc: serde_json::Value =
            serde_json::from_str(include_str!("../tests/data/worked.json")).unwrap();
        doc["services"][1]["attributes"] = json!([
            {"code": "when", "datatype": "datetime", "required": true, "description": "When"},
            {"code": "people", "datatype": "number", "required": false, "description": "How many"}
        ]);
        let feed = Feed::parse(&doc.to_string()).unwrap();
        let library = feed.service_index("library").unwrap();
        let bad = RequestForm {
            attributes: BTreeMap::from([("people".to_string(), vec!["many".to_string()])]),
            name: String::new(),
            phone: "12345".into(),
        };
        let errors = check_form(&feed, library, &bad).unwrap_err();
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(errors.len(), 4, "{text:?}");
        assert!(text.iter().any(|t| t.starts_with("`people`")), "{text:?}");
        assert!(
            text.iter().any(|t| t.contains("`when` needs an answer")),
            "{text:?}"
        );
        assert!(text.iter().any(|t| t == "enter a name"), "{text:?}");
    }
}
