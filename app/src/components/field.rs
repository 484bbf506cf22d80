use leptos::prelude::*;

/// A form's problems, as (field id, message): what [`ErrorSummary`] lists
/// and each field shows beside itself.
///
/// [`ErrorSummary`]: crate::components::ErrorSummary
pub type FormErrors = RwSignal<Vec<(String, String)>>;

/// The ids and ARIA that tie one input to its hint and its error: the
/// input's `aria-describedby` names the hint (when there is one) and the
/// error (when there is one), and `aria-invalid` is set while it has an
/// error.
#[derive(Clone, Debug)]
pub struct FieldAria {
    id: String,
    has_hint: Signal<bool>,
    errors: FormErrors,
}

impl FieldAria {
    /// The field `id` (its input's id, which the error summary links to),
    /// with or without a hint, reading its error from `errors`.
    pub fn new(id: impl Into<String>, has_hint: Signal<bool>, errors: FormErrors) -> Self {
        FieldAria {
            id: id.into(),
            has_hint,
            errors,
        }
    }

    /// The input's id.
    pub fn id(&self) -> String {
        self.id.clone()
    }

    /// The hint's id.
    pub fn hint_id(&self) -> String {
        format!("{}-hint", self.id)
    }

    /// The error message's id.
    pub fn error_id(&self) -> String {
        format!("{}-error", self.id)
    }

    /// The field's error, if it has one (tracked).
    pub fn error(&self) -> Option<String> {
        self.errors
            .read()
            .iter()
            .find(|(f, _)| *f == self.id)
            .map(|(_, m)| m.clone())
    }

    /// `aria-describedby`: the hint and the error, when present.
    pub fn described_by(&self) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
        let aria = self.clone();
        move || {
            let mut ids = Vec::new();
            if aria.has_hint.get() {
                ids.push(aria.hint_id());
            }
            if aria.error().is_some() {
                ids.push(aria.error_id());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }

    /// `aria-invalid`: `true` while the field has an error.
    pub fn invalid(&self) -> impl Fn() -> Option<&'static str> + Clone + Send + Sync + 'static {
        let aria = self.clone();
        move || aria.error().map(|_| "true")
    }
}

/// How a field's label is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LabelStyle {
    /// A `<label>` for one input.
    #[default]
    Label,
    /// A `<label>` that is also the page's heading (one question per page).
    Heading,
    /// A `<fieldset>` with a `<legend>`, for a group of radios or checkboxes.
    Legend,
    /// A group's `<legend>` that is also the page's heading.
    HeadingLegend,
}

/// One form field: the GOV.UK form group with its label (or legend), hint
/// and error message around the input(s) given as children.
#[component]
pub fn FormGroup(
    /// The field's ids and ARIA; the children's input uses the same.
    aria: FieldAria,
    /// The label or legend.
    #[prop(into)]
    label: Signal<String>,
    /// The hint below the label; nothing when empty.
    #[prop(into, optional)]
    hint: Signal<String>,
    /// How the label is shown.
    #[prop(optional)]
    style: LabelStyle,
    /// The input, or the group's inputs.
    children: Children,
) -> impl IntoView {
    let class = {
        let aria = aria.clone();
        move || {
            if aria.error().is_some() {
                "cd-form-group cd-form-group--error"
            } else {
                "cd-form-group"
            }
        }
    };
    let hint_id = aria.hint_id();
    let hint = move || {
        let h = hint.get();
        (!h.is_empty()).then(|| view! { <p class="cd-hint" id=hint_id.clone()>{h}</p> })
    };
    let error_id = aria.error_id();
    let error = {
        let aria = aria.clone();
        move || {
            aria.error().map(|m| {
                view! {
                    <p class="cd-error-message" id=error_id.clone()>
                        <span class="cd-visually-hidden">"Error: "</span>
                        {m}
                    </p>
                }
            })
        }
    };
    let id = aria.id();
    match style {
        LabelStyle::Label => view! {
            <div class=class>
                <label class="cd-label" for=id>{label}</label>
                {hint}
                {error}
                {children()}
            </div>
        }
        .into_any(),
        LabelStyle::Heading => view! {
            <div class=class>
                <h1 class="cd-heading-xl">
                    <label class="cd-label" for=id>{label}</label>
                </h1>
                {hint}
                {error}
                <div class="cd-input-row">{children()}</div>
            </div>
        }
        .into_any(),
        LabelStyle::Legend | LabelStyle::HeadingLegend => {
            let legend = if style == LabelStyle::HeadingLegend {
                view! {
                    <legend class="cd-fieldset__legend">
                        <h1 class="cd-heading-xl">{label}</h1>
                    </legend>
                }
                .into_any()
            } else {
                view! { <legend class="cd-fieldset__legend cd-label">{label}</legend> }.into_any()
            };
            view! {
                <div class=class>
                    <fieldset class="cd-fieldset" aria-describedby=aria.described_by()>
                        {legend}
                        {hint}
                        {error}
                        {children()}
                    </fieldset>
                </div>
            }
            .into_any()
        }
    }
}
