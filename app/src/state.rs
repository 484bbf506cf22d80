//! The app's shared state, as typed context.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::{LoadError, Loaded};
use crate::i18n::Locale;

/// The menu being loaded or loaded.
#[derive(Clone, Copy)]
pub struct Menu(pub LocalResource<Result<Arc<Loaded>, LoadError>>);

/// The interface language.
#[derive(Clone, Copy)]
pub struct Lang(pub RwSignal<Locale>);

/// The current interface language.
pub fn use_locale() -> Locale {
    expect_context::<Lang>().0.get()
}

/// The language signal itself, for views that must react to it.
pub fn locale_signal() -> RwSignal<Locale> {
    expect_context::<Lang>().0
}

/// The loaded menu, once it has loaded.
pub fn use_loaded() -> Option<Arc<Loaded>> {
    expect_context::<Menu>().0.get().and_then(Result::ok)
}
