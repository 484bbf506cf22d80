use caidan_core::Feed;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::field::{FieldAria, FormGroup, LabelStyle};
use crate::components::ErrorSummary;
use crate::district::use_districts;
use crate::fmt;
use crate::state::{locale_signal, use_current};

/// The districts of a sharded feed's index, grouped under their cities, as
/// (group, [(code, name)]), in the index's order.
fn grouped(feed: &Feed, lang: crate::i18n::Locale) -> Vec<(String, Vec<(String, String)>)> {
    let mut groups: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for d in feed.shard_districts() {
        let group = d
            .parent
            .as_deref()
            .and_then(|p| feed.region(p))
            .map(|p| fmt::text(feed, &p.name, lang))
            .unwrap_or_default();
        let option = (d.code.clone(), fmt::text(feed, &d.name, lang));
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, list)) => list.push(option),
            None => groups.push((group, vec![option])),
        }
    }
    groups
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
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let aria = FieldAria::new(input_id.clone(), Signal::derive(move || heading), errors);
    let described_by = aria.described_by();
    let invalid = aria.invalid();
    let on_submit = {
        let input_id = input_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let code = draft.get_untracked();
            let Some(district) = feed
                .region(&code)
                .filter(|_| feed.shard_ref(&code).is_some())
            else {
                errors.set(vec![(
                    input_id.clone(),
                    lang.get_untracked().ui().district_error.to_string(),
                )]);
                return;
            };
            errors.set(Vec::new());
            let name = fmt::text(feed, &district.name, lang.get_untracked());
            districts.choose(feed, Some(&code), name);
            if let Some(next) = &next {
                navigate(next, Default::default());
            }
        }
    };
    let label = Signal::derive(move || {
        let ui = lang.get().ui();
        match (heading, title) {
            (true, Some(title)) => title.get(),
            (true, None) => ui.district_heading.to_string(),
            (false, _) => ui.district_label.to_string(),
        }
    });
    let hint = Signal::derive(move || {
        if heading {
            lang.get().ui().district_page_lead.to_string()
        } else {
            String::new()
        }
    });
    let style = if heading {
        LabelStyle::Heading
    } else {
        LabelStyle::Label
    };
    let options = move || {
        let l = lang.get();
        let choose = l.ui().district_error;
        let groups = grouped(feed, l)
            .into_iter()
            .map(|(group, options)| {
                let options = options
                    .into_iter()
                    .map(|(code, name)| {
                        let selected = draft.get_untracked() == code;
                        view! { <option value=code selected=selected>{name}</option> }
                    })
                    .collect_view();
                view! { <optgroup label=group>{options}</optgroup> }
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
