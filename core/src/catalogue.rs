//! The searchable menu: a feed's services indexed for search.

use crate::feed::{Feed, ServiceIndex};
use crate::search::{Field, Hit, SearchDoc, SearchIndex};
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
        let docs = feed.services().iter().map(|s| {
            let mut texts = Vec::new();
            let mut add = |field: Field, text: &'a Text| {
                for locale in text.locales(default) {
                    texts.push((field, Some(locale), text.get(locale, default)));
                }
            };
            add(Field::Name, &s.name);
            add(Field::Summary, &s.summary);
            if let Some(c) = feed.category(&s.category) {
                add(Field::Category, &c.name);
            }
            if let Some(o) = feed.organization(&s.organization_id) {
                add(Field::Organization, &o.name);
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
