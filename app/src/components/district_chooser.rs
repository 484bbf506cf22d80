use caidan_core::Feed;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::field::{FieldAria, FormGroup, LabelStyle};
use crate::components::ErrorSummary;
use crate::district::use_districts;
use crate::fmt;
use crate::state::{locale_signal, use_current};

/// The city select's id.
const CITY_ID: &str = "district-city";

/// Past this many districts, the city is asked first: one select of a
/// country's ~2,850 districts is too long a list to scroll on a phone.
const CITY_FIRST_FROM: usize = 40;

/// One city's districts that the index lists a shard for.
struct City {
    code: String,
    name: String,
    /// (code, name) of each district, in the index's order.
    districts: Vec<(String, String)>,
}

/// The districts of a sharded feed's index, grouped under their cities, in
/// the index's order.
fn by_city(feed: &Feed, lang: crate::i18n::Locale) -> Vec<City> {
    let mut cities: Vec<City> = Vec::new();
    for d in feed.shard_districts() {
        let code = d.parent.clone().unwrap_or_default();
        let option = (d.code.clone(), fmt::text(feed, &d.name, lang));
        match cities.iter_mut().find(|c| c.code == code) {
            Some(city) => city.districts.push(option),
            None => cities.push(City {
                name: feed
                    .region(&code)
                    .map(|p| fmt::text(feed, &p.name, lang))
                    .unwrap_or_default(),
                code,
                districts: vec![option],
            }),
        }
    }
    cities
}

/// "Which district do you live in?": a select of the districts the index
/// lists a shard for, grouped by city. Choosing one loads its shard; the
/// page then goes to `next` (a path of this app), or stays where it is and
/// is drawn again with the district's menu.
#[component]
pub fn DistrictChooser(
    /// Where to go once the district is chosen.
    #[prop(optional)]
    next: Option<String>,
    /// Whether the question is the page's heading (a page of its own) or a
    /// label inside a section that has one.
    #[prop(optional)]
    heading: bool,
    /// The page's heading, when it is one and not "Which district do you
    /// live in?".
    #[prop(optional, into)]
    title: Option<Signal<String>>,
) -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let districts = use_districts();
    let navigate = use_navigate();
    let feed = current.feed();
    let input_id = "district".to_string();
    let draft = RwSignal::new(feed.loaded_shard().unwrap_or_default().to_string());
    let city_first = {
        let cities = by_city(feed, lang.get_untracked());
        cities.len() > 1
            && cities.iter().map(|c| c.districts.len()).sum::<usize>() >= CITY_FIRST_FROM
    };
    let city = RwSignal::new(
        feed.loaded_shard()
            .and_then(|d| feed.region(d))
            .and_then(|d| d.parent.clone())
            .unwrap_or_default(),
    );
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let aria = FieldAria::new(input_id.clone(), Signal::derive(move || heading), errors);
    let described_by = aria.described_by();
    let invalid = aria.invalid();
    let on_submit = {
        let input_id = input_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let code = draft.get_untracked();
            let ui = lang.get_untracked().ui();
            if city_first && city.get_untracked().is_empty() {
                errors.set(vec![(CITY_ID.to_string(), ui.city_error.to_string())]);
                return;
            }
            let Some(district) = feed
                .region(&code)
                .filter(|_| feed.shard_ref(&code).is_some())
            else {
                errors.set(vec![(input_id.clone(), ui.district_error.to_string())]);
                return;
            };
            errors.set(Vec::new());
            let name = fmt::text(feed, &district.name, lang.get_untracked());
            districts.choose(feed, &code, name);
            if let Some(next) = &next {
                navigate(next, Default::default());
            }
        }
    };
    let question = Signal::derive(move || {
        let ui = lang.get().ui();
        match title {
            Some(title) => title.get(),
            None => ui.district_heading.to_string(),
        }
    });
    let lead = Signal::derive(move || lang.get().ui().district_page_lead.to_string());
    // The district's select is labelled by the question when it is the
    // page's heading and asked alone; with the city first, the heading
    // stands above both selects.
    let (label, hint, style) = if heading && !city_first {
        (question, lead, LabelStyle::Heading)
    } else {
        let label = Signal::derive(move || lang.get().ui().district_label.to_string());
        (label, Signal::derive(String::new), LabelStyle::Label)
    };
    let page_heading = (heading && city_first).then(|| {
        view! {
            <h1 class="cd-heading-xl">{question}</h1>
            <p class="cd-hint">{lead}</p>
        }
    });
    let city_field = city_first.then(|| {
        let aria = FieldAria::new(CITY_ID, Signal::derive(|| false), errors);
        let described_by = aria.described_by();
        let invalid = aria.invalid();
        let label = Signal::derive(move || lang.get().ui().city_label.to_string());
        let options = move || {
            let l = lang.get();
            let choose = l.ui().city_error;
            let cities = by_city(feed, l)
                .into_iter()
                .map(|c| {
                    let selected = city.get_untracked() == c.code;
                    view! { <option value=c.code selected=selected>{c.name}</option> }
                })
                .collect_view();
            view! {
                <option value="" selected=city.get_untracked().is_empty()>
                    {format!("— {choose} —")}
                </option>
                {cities}
            }
        };
        view! {
            <FormGroup aria label>
                <select
                    class="cd-select"
                    id=CITY_ID
                    name=CITY_ID
                    aria-describedby=described_by
                    aria-invalid=invalid
                    on:change=move |ev| {
                        city.set(event_target_value(&ev));
                        draft.set(String::new());
                    }
                >
                    {options}
                </select>
            </FormGroup>
        }
    });
    let options = move || {
        let l = lang.get();
        let choose = l.ui().district_error;
        // With the city first, only its districts, once it is chosen.
        let chosen_city = city.get();
        let groups = by_city(feed, l)
            .into_iter()
            .filter(|c| !city_first || c.code == chosen_city)
            .map(|c| {
                let options = c
                    .districts
                    .into_iter()
                    .map(|(code, name)| {
                        let selected = draft.get_untracked() == code;
                        view! { <option value=code selected=selected>{name}</option> }
                    })
                    .collect_view();
                view! { <optgroup label=c.name>{options}</optgroup> }
            })
            .collect_view();
        view! {
            <option value="" selected=draft.get_untracked().is_empty()>
                {format!("— {choose} —")}
            </option>
            {groups}
        }
    };
    view! {
        <form class="cd-form cd-district-chooser" novalidate on:submit=on_submit>
            <ErrorSummary errors=errors />
            {page_heading}
            {city_field}
            <FormGroup aria label hint style>
                <select
                    class="cd-select"
                    id=input_id.clone()
                    name=input_id
                    aria-describedby=described_by
                    aria-invalid=invalid
                    on:change=move |ev| draft.set(event_target_value(&ev))
                >
                    {options}
                </select>
            </FormGroup>
            <button type="submit" class="cd-button">
                {move || lang.get().ui().district_show}
            </button>
        </form>
    }
}
