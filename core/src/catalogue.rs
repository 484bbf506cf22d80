//! The searchable menu: a feed's services indexed for search.

use std::collections::HashMap;

use crate::feed::{Feed, ServiceIndex};
use crate::search::{FastBuild, Field, Hit, SearchDoc, SearchIndex};
use crate::text::Text;

/// A feed's search index, built once per feed.
#[derive(Debug)]
pub struct Catalogue {
    index: SearchIndex,
}

/// One search result: a service and how well it matched.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// The service's index in the feed.
    pub service: ServiceIndex,
    /// Higher is better.
    pub score: f32,
}

impl Catalogue {
    /// Indexes every service's name, summary and keywords, with its
    /// category's and its organisation's names, in every locale.
    pub fn build<'a>(feed: &'a Feed) -> Self {
        let default = feed.default_locale();
        // Every service names its category and organisation: look each id
        // up in the feed once, not once per service.
        let mut categories: HashMap<&str, Option<&Text>, FastBuild> = HashMap::default();
        for c in feed.categories() {
            categories
                .entry(c.id.as_str())
                .or_insert_with(|| feed.category(&c.id).map(|c| &c.name));
        }
        let mut organizations: HashMap<&str, Option<&Text>, FastBuild> = HashMap::default();
        for o in feed.organizations() {
            organizations
                .entry(o.id.as_str())
                .or_insert_with(|| feed.organization(&o.id).map(|o| &o.name));
        }
        let docs = feed.services().iter().map(|s| {
            let mut texts = Vec::new();
            let mut add = |field: Field, text: &'a Text| {
                for (locale, content) in text.by_locale(default) {
                    texts.push((field, Some(locale), content));
                }
            };
            add(Field::Name, &s.name);
            add(Field::Summary, &s.summary);
            if let Some(&Some(name)) = categories.get(s.category.as_str()) {
                add(Field::Category, name);
            }
            if let Some(&Some(name)) = organizations.get(s.organization_id.as_str()) {
                add(Field::Organization, name);
            }
            for k in &s.keywords {
                texts.push((Field::Keyword, None, k.as_str()));
            }
            SearchDoc { texts }
        });
        Catalogue {
            index: SearchIndex::build(docs),
        }
    }

    /// The best matches for `query`, best first; `locale` favours texts in
    /// that language.
    pub fn search(&self, query: &str, locale: Option<&str>, limit: usize) -> Vec<Found> {
        self.index
            .search(query, locale, limit)
            .into_iter()
            .map(|Hit { doc, score }| Found {
                service: ServiceIndex(doc),
                score,
            })
            .collect()
    }
}
