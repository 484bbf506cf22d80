//! Steps of a resident's journey through the app that several end-to-end
//! test files take: the words of the interface and of the sample feed's
//! questions, and the clicks, answers and keyboard moves of a question page.
//!
//! Every step panics saying what it could not do, so a test reads as a list
//! of steps without error handling. Steps take a [`Browser`]; a
//! [`Harness`] is passed as `&h` (it dereferences to one). A step that
//! opens a page takes the [`Harness`] itself.

use fantoccini::elements::Element;
use serde_json::json;

use crate::browser::{query, Browser, Name, Role};
use crate::harness::Harness;

/// The form's "Continue" button, in English.
pub const CONTINUE: &str = "Continue";
/// The service page's link to the eligibility questions, in English.
pub const CHECK: &str = "Check if I qualify";
/// The `<h1>` of a result page when the resident qualifies, in English.
pub const YOU_QUALIFY: &str = "You qualify";
/// The header's link to the resident's requests, in English.
pub const MY_REQUESTS: &str = "My requests";
/// The heading of the error summary, in English.
pub const PROBLEM: &str = "There is a problem";

/// The sample feed's residence question, in English.
pub const Q_RESIDENCE: &str = "Which community do you live in?";
/// The sample feed's age question, in English.
pub const Q_AGE: &str = "How old are you?";
/// The sample feed's living-alone question, in English.
pub const Q_ALONE: &str = "Do you live on your own?";

/// A Dongcheng community of the sample feed (Jingshan Subdistrict), in
/// English.
pub const JIXIANG: &str = "Jixiang Community";
/// The region code of [`JIXIANG`]: the residence select's value for it.
pub const JIXIANG_CODE: &str = "110101002002";

/// The sample feed's Dongcheng meal service, in English.
pub const MEAL_DC: &str = "Senior meal assistance, Dongcheng";

/// The same words in Chinese (`?lang=zh`).
pub mod zh {
    /// The form's "Continue" button.
    pub const CONTINUE: &str = "继续";
    /// The `<h1>` of a result page when the resident qualifies.
    pub const YOU_QUALIFY: &str = "您符合条件";
    /// The header's link to the resident's requests.
    pub const MY_REQUESTS: &str = "我的申请";
    /// The sample feed's residence question.
    pub const Q_RESIDENCE: &str = "您住在哪个社区？";
    /// The sample feed's age question.
    pub const Q_AGE: &str = "您今年多大年纪？";
    /// [`super::JIXIANG`] in Chinese.
    pub const JIXIANG: &str = "吉祥社区";
}

/// How to answer one question page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Pick the option of the select with this label.
    Select(&'static str),
    /// Type this number into the field.
    Number(&'static str),
    /// Pick the radio with this label (a yes/no or choice question).
    Radio(&'static str),
}

impl Answer {
    /// Gives this answer to the field labelled `question` on the current
    /// page, without sending the form.
    pub async fn give(self, b: &Browser, question: &str) {
        match self {
            Answer::Select(option) => choose_option(b, question, option).await,
            Answer::Number(value) => fill(b, question, value).await,
            Answer::Radio(option) => choose_radio(b, option).await,
        }
    }
}

/// Waits for the question page whose `<h1>` is `question` and gives it
/// `answer`, without sending the form.
pub async fn answer_question(b: &Browser, question: &str, answer: Answer) {
    wait_h1(b, question).await;
    answer.give(b, question).await;
}

/// Clicks an element; panics saying why it could not.
pub async fn click(element: &Element) {
    if let Err(e) = element.click().await {
        panic!("cannot click the element: {e}");
    }
}

/// Waits for the `<h1>` whose whole name is `text`.
pub async fn wait_h1(b: &Browser, text: &str) -> Element {
    b.wait_for(query(Role::Heading(Some(1)), text)).await
}

/// Picks the option named `option` in the select labelled `label`.
pub async fn choose_option(b: &Browser, label: &str, option: &str) {
    let select = b.wait_for_textbox(label).await;
    if let Err(e) = select.select_by_label(option).await {
        panic!("cannot choose `{option}` in `{label}`: {e}");
    }
}

/// Types `value` into the field labelled `label`, replacing what is there.
pub async fn fill(b: &Browser, label: &str, value: &str) {
    let field = b.wait_for_textbox(label).await;
    if let Err(e) = field.clear().await {
        panic!("cannot clear `{label}`: {e}");
    }
    if let Err(e) = field.send_keys(value).await {
        panic!("cannot type into `{label}`: {e}");
    }
}

/// Clicks the radio button labelled `label` and asserts that it is checked.
pub async fn choose_radio(b: &Browser, label: &str) {
    let radio = b.wait_for_radio(label).await;
    click(&radio).await;
    assert!(
        is_checked(&radio).await,
        "the radio `{label}` is not checked"
    );
}

/// Whether a radio button or checkbox is checked.
pub async fn is_checked(element: &Element) -> bool {
    element.is_selected().await.unwrap_or(false)
}

/// Checks the checkbox labelled `label` (unless it is checked already) and
/// asserts that it is checked.
pub async fn tick(b: &Browser, label: &str) {
    let checkbox = b.wait_for_checkbox(label).await;
    if !is_checked(&checkbox).await {
        click(&checkbox).await;
    }
    assert!(
        is_checked(&checkbox).await,
        "the checkbox `{label}` is not checked"
    );
}

/// Sets the `datetime-local` field labelled `label` to `value`
/// (`YYYY-MM-DDTHH:MM`) as its picker would, firing `input` and `change`.
/// Typing into the field depends on the browser's locale, so the value is
/// set directly.
pub async fn set_datetime(b: &Browser, label: &str, value: &str) {
    let field = b.wait_for_textbox(label).await;
    let set = b
        .eval_text(
            "const [el, value] = arguments;
             const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
             el.focus();
             setter.call(el, value);
             el.dispatchEvent(new Event('input', { bubbles: true }));
             el.dispatchEvent(new Event('change', { bubbles: true }));
             return el.value;",
            vec![json!(field), json!(value)],
        )
        .await;
    assert_eq!(set, value, "`{label}` did not take `{value}`");
}

/// Clicks the form's [`CONTINUE`] button (in English).
pub async fn click_continue(b: &Browser) {
    click(&b.wait_for_button(CONTINUE).await).await;
}

/// Sets where the resident lives on the "where I live" page at `path`
/// (e.g. `/where?lang=zh`): picks `community` for `question`, continues
/// (in Chinese if `path` asks for it), and waits for the menu.
pub async fn set_residence(h: &Harness, path: &str, question: &str, community: &str) {
    h.open(path).await;
    wait_h1(h, question).await;
    choose_option(h, question, community).await;
    let cont = if path.contains("lang=zh") {
        zh::CONTINUE
    } else {
        CONTINUE
    };
    click(&h.find_button(cont).await).await;
    h.wait_for_path("/").await;
}

/// Presses Tab, at most `max` times, until the element with `role` and the
/// name `name` is focused; panics with where focus went.
pub async fn tab_to(b: &Browser, role: Role, name: &str, max: u32) {
    if let Err(e) = b.tab_to(role, name, max).await {
        panic!("{e}");
    }
}

/// Waits until focus is on the page's `<h1>` named `text` (the app moves
/// focus to the heading of each new page).
pub async fn wait_for_focus_on_h1(b: &Browser, text: &str) {
    b.wait_until(&format!("focus on the heading `{text}`"), || async {
        let focused = b.focused_element().await;
        focused
            .matches(Role::Heading(Some(1)), &Name::Exact(text.to_string()))
            .then_some(())
    })
    .await;
}

/// Waits for the page whose `<h1>` is `text`, then for focus on that
/// heading: where a keyboard user lands after following a link or sending
/// a form.
pub async fn wait_h1_focused(b: &Browser, text: &str) {
    wait_h1(b, text).await;
    wait_for_focus_on_h1(b, text).await;
}

/// Waits for the question page whose `<h1>` is `question` and for focus on
/// that heading, then tabs into the field labelled `question` (at most 3
/// presses).
pub async fn tab_into_question(b: &Browser, question: &str) {
    wait_h1_focused(b, question).await;
    tab_to(b, Role::Field, question, 3).await;
}

/// Answers the select question `question` with the keyboard alone: tabs
/// into its select (see [`tab_into_question`]), types `typed` so that
/// type-ahead picks an option of the closed select, waits until the
/// select's value is `value`, then tabs to [`CONTINUE`] (at most 3 presses)
/// and presses Enter.
pub async fn choose_by_type_ahead(b: &Browser, question: &str, typed: &str, value: &str) {
    tab_into_question(b, question).await;
    b.type_text(typed).await;
    let select = b.find_textbox(question).await;
    b.wait_until(&format!("`{typed}` to choose `{value}`"), || async {
        let now = select.prop("value").await.ok().flatten()?;
        (now == value).then_some(())
    })
    .await;
    tab_to(b, Role::Button, CONTINUE, 3).await;
    b.press_enter().await;
}

/// The first voucher code in `text`: 4-4-2 characters of Crockford's base
/// 32 (digits and capitals without I, L, O and U), e.g. `7KQ2-M9XD-4T`.
pub fn voucher_in(text: &str) -> Option<String> {
    let crockford = |c: char| c.is_ascii_digit() || (c.is_ascii_uppercase() && !"ILOU".contains(c));
    text.split(|c: char| c.is_whitespace() || "·,;:()".contains(c))
        .find(|word| {
            let parts: Vec<&str> = word.split('-').collect();
            parts.len() == 3
                && parts.iter().map(|p| p.len()).eq([4, 4, 2])
                && parts.iter().all(|p| p.chars().all(crockford))
        })
        .map(str::to_string)
}

/// Answers questions, one page each, while the page's `<h1>` is one of
/// `answers`' questions, and returns the first `<h1>` that is not (the
/// result).
pub async fn answer_questions(h: &Harness, answers: &[(&str, Answer)]) -> String {
    let mut asked = Vec::new();
    loop {
        let on_result = h
            .wait_until("a question or the result", || async {
                let path = h.current_path().await;
                if path.ends_with("/result") {
                    Some(true)
                } else {
                    path.contains("/check/").then_some(false)
                }
            })
            .await;
        let heading = h.current_h1().await;
        if on_result {
            return heading;
        }
        let Some((question, answer)) = answers.iter().find(|(q, _)| *q == heading) else {
            panic!("no answer for the question `{heading}`; asked so far: {asked:?}");
        };
        assert!(
            !asked.contains(question),
            "`{question}` was asked twice; asked so far: {asked:?}"
        );
        asked.push(*question);
        answer.give(h, question).await;
        click_continue(h).await;
        h.wait_until(&format!("the page after `{question}`"), || async {
            let now = h.try_current_h1().await?;
            (now != heading).then_some(())
        })
        .await;
    }
}

/// On a question page of the Dongcheng meal service's check: answers as a
/// 72-year-old resident of Jixiang Community, and asserts the result says
/// they qualify.
pub async fn qualify_for_meal_dc(h: &Harness) {
    let outcome = answer_questions(
        h,
        &[
            (Q_RESIDENCE, Answer::Select(JIXIANG)),
            (Q_AGE, Answer::Number("72")),
        ],
    )
    .await;
    assert_eq!(outcome, YOU_QUALIFY);
}
