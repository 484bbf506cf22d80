use caidan_core::answer_from_input;
use caidan_core::feed::RESIDENCE;
use caidan_core::wire::{Fact, FactType, RegionLevel};
use caidan_core::{AnswerProblem, FactIndex, Feed};
use leptos::prelude::*;
use serde_json::Value as Json;

use crate::components::field::{FieldAria, FormGroup, LabelStyle};
use crate::components::{DistrictChooser, ErrorSummary};
use crate::fmt;
use crate::i18n::{Locale, Ui};
use crate::state::{locale_signal, use_current, use_resident};

/// What the resident picked for a radio question.
const DONT_KNOW: &str = "__dont_know__";

/// One question about the resident, as a page: the question is the page's
/// heading and labels its input; booleans and choices are radios with "I
/// don't know"; numbers, dates and regions have their own inputs and an
/// "I don't know" button. The answer is checked by core before it is kept.
#[component]
pub fn QuestionForm(
    /// The fact to ask.
    fact: FactIndex,
    /// Called once a valid answer has been kept.
    on_done: Callback<()>,
) -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let resident = use_resident();
    let feed: &'static Feed = current.feed();
    let Some(def) = feed.fact_at(fact) else {
        return ().into_any();
    };
    // In a sharded feed, where a resident lives is asked district first:
    // the communities are in the district's shard, loaded once it is
    // chosen; this page is then drawn again with them.
    if def.id == RESIDENCE && feed.is_sharded() && feed.loaded_shard().is_none() {
        return view! { <DistrictChooser heading=true /> }.into_any();
    }
    let input_id = format!("fact-{}", def.id);
    let initial = resident.answers.read_untracked().get(&def.id).cloned();
    let draft = RwSignal::new(match &initial {
        None => String::new(),
        Some(Json::Null) => DONT_KNOW.to_string(),
        Some(Json::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    });
    let errors = RwSignal::new(Vec::<(String, String)>::new());

    let keep = {
        let input_id = input_id.clone();
        move |raw: String| {
            let ui = lang.get_untracked().ui();
            let answer = if raw == DONT_KNOW {
                Ok(Some(Json::Null))
            } else {
                answer_from_input(feed, def, &raw)
            };
            match answer {
                Ok(Some(value)) => {
                    resident.answers.update(|a| {
                        a.insert(def.id.clone(), value);
                    });
                    errors.set(Vec::new());
                    on_done.run(());
                }
                Ok(None) => errors.set(vec![(input_id.clone(), message(None, def, ui))]),
                Err(problem) => {
                    errors.set(vec![(input_id.clone(), message(Some(&problem), def, ui))])
                }
            }
        }
    };
    let keep_dont_know = keep.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        keep(draft.get_untracked());
    };

    let question = Signal::derive(move || fmt::text(feed, &def.question, lang.get()));
    let help = Signal::derive(move || fmt::text(feed, &def.help, lang.get()));
    let unit = move || fmt::text(feed, &def.unit, lang.get());
    let aria = FieldAria::new(
        input_id.clone(),
        Signal::derive(move || !help.read().is_empty()),
        errors,
    );
    let described_by = aria.described_by();

    let control = match def.kind {
        FactType::Boolean | FactType::Choice => {
            let options: Vec<(String, Signal<String>)> = match def.kind {
                FactType::Boolean => vec![
                    (
                        "true".to_string(),
                        Signal::derive(move || lang.get().ui().yes.to_string()),
                    ),
                    (
                        "false".to_string(),
                        Signal::derive(move || lang.get().ui().no.to_string()),
                    ),
                ],
                _ => def
                    .options
                    .iter()
                    .map(|o| {
                        (
                            o.key.clone(),
                            Signal::derive(move || fmt::text(feed, &o.label, lang.get())),
                        )
                    })
                    .collect(),
            };
            let options = options.into_iter().chain(std::iter::once((
                DONT_KNOW.to_string(),
                Signal::derive(move || lang.get().ui().dont_know.to_string()),
            )));
            let radios = options
                .enumerate()
                .map(|(i, (key, label))| {
                    // The first radio carries the field id, for the error summary link.
                    let id = if i == 0 {
                        input_id.clone()
                    } else {
                        format!("{input_id}-{i}")
                    };
                    let checked_key = key.clone();
                    view! {
                        <div class="cd-radios__item">
                            <input
                                class="cd-radios__input"
                                type="radio"
                                id=id.clone()
                                name=input_id.clone()
                                value=key.clone()
                                prop:checked=move || draft.get() == checked_key
                                on:change=move |_| draft.set(key.clone())
                            />
                            <label class="cd-radios__label" for=id>
                                {label}
                            </label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <FormGroup aria label=question hint=help style=LabelStyle::HeadingLegend>
                    <div class="cd-radios">{radios}</div>
                </FormGroup>
            }
            .into_any()
        }
        kind => {
            let typed = move || {
                let d = draft.get();
                if d == DONT_KNOW {
                    String::new()
                } else {
                    d
                }
            };
            let input = match kind {
                FactType::Region => {
                    region_select(feed, def, &input_id, draft, lang, described_by.clone())
                }
                FactType::Date => view! {
                    <input
                        class="cd-input"
                        type="date"
                        id=input_id.clone()
                        name=input_id.clone()
                        aria-describedby=described_by.clone()
                        prop:value=typed
                        on:input=move |ev| draft.set(event_target_value(&ev))
                    />
                }
                .into_any(),
                _ => view! {
                    <input
                        class="cd-input cd-input--number"
                        type="number"
                        inputmode=if kind == FactType::Integer { "numeric" } else { "decimal" }
                        step=if kind == FactType::Integer { "1" } else { "any" }
                        id=input_id.clone()
                        name=input_id.clone()
                        aria-describedby=described_by.clone()
                        prop:value=typed
                        on:input=move |ev| draft.set(event_target_value(&ev))
                    />
                    <span class="cd-input__suffix">{unit}</span>
                }
                .into_any(),
            };
            view! {
                <FormGroup aria label=question hint=help style=LabelStyle::Heading>
                    {input}
                </FormGroup>
            }
            .into_any()
        }
    };

    let radios_have_dont_know = matches!(def.kind, FactType::Boolean | FactType::Choice);
    let sensitive = def.sensitive;

    view! {
        <form class="cd-form" novalidate on:submit=on_submit>
            <ErrorSummary errors=errors />
            {control}
            // A kiosk remembers nothing, so it offers to remember nothing.
            {(sensitive && !crate::kiosk::is_kiosk())
                .then(|| {
                    view! {
                        <div class="cd-checkboxes">
                            <p class="cd-hint">{move || lang.get().ui().sensitive_note}</p>
                            <div class="cd-checkboxes__item">
                                <input
                                    class="cd-checkboxes__input"
                                    type="checkbox"
                                    id="remember-sensitive"
                                    prop:checked=move || {
                                        resident.remember_sensitive.read().contains(&def.id)
                                    }
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        resident
                                            .remember_sensitive
                                            .update(|r| {
                                                if on {
                                                    r.insert(def.id.clone());
                                                } else {
                                                    r.remove(&def.id);
                                                }
                                            })
                                    }
                                />
                                <label class="cd-checkboxes__label" for="remember-sensitive">
                                    {move || lang.get().ui().remember_on_device}
                                </label>
                            </div>
                        </div>
                    }
                })}
            <div class="cd-button-group">
                <button type="submit" class="cd-button">
                    {move || lang.get().ui().continue_}
                </button>
                {(!radios_have_dont_know)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="cd-button cd-button--secondary"
                                on:click=move |_| keep_dont_know(DONT_KNOW.to_string())
                            >
                                {move || lang.get().ui().dont_know}
                            </button>
                        }
                    })}
            </div>
        </form>
    }
    .into_any()
}

/// The region question: one select of the regions at the fact's level,
/// grouped under their parents ("Dongcheng · Jiaodaokou").
fn region_select(
    feed: &Feed,
    def: &Fact,
    input_id: &str,
    draft: RwSignal<String>,
    lang: RwSignal<Locale>,
    described_by: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> AnyView {
    let level = def.level.unwrap_or(RegionLevel::Community);
    let l = lang.get_untracked();
    // In a district's menu of a sharded feed, where the resident lives is
    // one of its communities; another district is one "Change" away.
    let district = feed.loaded_shard().filter(|_| def.id == RESIDENCE);
    let mut groups: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let regions = feed
        .regions()
        .iter()
        .filter(|r| r.level == level)
        .filter(|r| {
            district.is_none_or(|d| {
                level <= RegionLevel::District || feed.district_of(&r.code) == Some(d)
            })
        });
    for r in regions {
        let parent = r.parent.as_deref().and_then(|p| feed.region(p));
        let group = match parent {
            Some(p) => {
                let grand = p.parent.as_deref().and_then(|g| feed.region(g));
                match grand {
                    Some(g) if g.level >= RegionLevel::District => format!(
                        "{} · {}",
                        fmt::text(feed, &g.name, l),
                        fmt::text(feed, &p.name, l)
                    ),
                    _ => fmt::text(feed, &p.name, l),
                }
            }
            None => String::new(),
        };
        let option = (r.code.clone(), fmt::text(feed, &r.name, l));
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, list)) => list.push(option),
            None => groups.push((group, vec![option])),
        }
    }
    let choose = l.ui().err_choose;
    let change = district.map(|d| {
        let name = feed
            .region(d)
            .map(|r| fmt::text(feed, &r.name, l))
            .unwrap_or_else(|| d.to_string());
        let here = leptos_router::hooks::use_location()
            .pathname
            .get_untracked();
        let href = format!(
            "/district?next={}",
            String::from(js_sys::encode_uri_component(&here))
        );
        view! {
            <p class="cd-hint cd-district-change">
                {move || lang.get().ui().district_not_here.replace("{district}", &name)} " "
                <leptos_router::components::A href=href>
                    {move || lang.get().ui().district_change}
                </leptos_router::components::A>
            </p>
        }
    });
    view! {
        {change}
        <select
            class="cd-select"
            id=input_id.to_string()
            name=input_id.to_string()
            aria-describedby=described_by
            on:change=move |ev| draft.set(event_target_value(&ev))
        >
            <option value="" selected=draft.get_untracked().is_empty()>
                {format!("— {choose} —")}
            </option>
            {groups
                .into_iter()
                .map(|(group, options)| {
                    view! {
                        <optgroup label=group>
                            {options
                                .into_iter()
                                .map(|(code, name)| {
                                    let selected = draft.get_untracked() == code;
                                    view! {
                                        <option value=code selected=selected>
                                            {name}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </optgroup>
                    }
                })
                .collect_view()}
        </select>
    }
    .into_any()
}

/// A problem with an answer, in the resident's language; `None` when
/// nothing was entered.
fn message(problem: Option<&AnswerProblem>, def: &Fact, ui: &Ui) -> String {
    match problem {
        None if matches!(def.kind, FactType::Integer | FactType::Number) => ui.err_number.into(),
        None if def.kind == FactType::Date => ui.err_date.into(),
        None => ui.err_choose.into(),
        Some(AnswerProblem::NotANumber(_)) => ui.err_number.into(),
        Some(AnswerProblem::NotWhole(_)) => ui.err_whole.into(),
        Some(AnswerProblem::BelowMin { .. } | AnswerProblem::AboveMax { .. }) => format!(
            "{} {} – {}",
            ui.err_between,
            def.min.map_or("…".into(), |m| m.to_string()),
            def.max.map_or("…".into(), |m| m.to_string())
        ),
        Some(AnswerProblem::NotADate(_)) => ui.err_date.into(),
        Some(_) => ui.err_choose.into(),
    }
}
