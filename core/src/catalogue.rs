//! The searchable menu: a feed's services indexed for search.

use std::collections::HashMap;

use crate::feed::{Feed, ServiceIndex, Step};
use crate::search::{FastBuild, Field, Hit, IndexBuilder, SearchIndex};
use crate::text::Text;
use crate::wire::Service;

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

/// A page of search results ([`Catalogue::search_page`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    /// How many services match and were kept, on this page or after it.
    pub total: usize,
    /// The best of them, best first.
    pub found: Vec<Found>,
}

/// Names by id (of categories or organisations), looked up once.
type Names<'f> = HashMap<&'f str, Option<&'f Text>, FastBuild>;

/// A [`Catalogue`] being built a few services at a time
/// ([`Catalogue::builder`]), for a caller that must let the page draw
/// between steps. It builds the same index as [`Catalogue::build`].
pub struct CatalogueBuilder<'f> {
    feed: &'f Feed,
    categories: Names<'f>,
    organizations: Names<'f>,
    next: usize,
    index: IndexBuilder<'f>,
    /// Every service's texts are indexed: only the lookups are left.
    indexed: bool,
    /// The texts of the service being added, kept for the next one.
    texts: Vec<DocText<'f>>,
}

/// A text of a service, as [`crate::search::SearchDoc::texts`] lists them.
type DocText<'a> = (Field, Option<&'a str>, &'a str);

impl<'f> CatalogueBuilder<'f> {
    /// Adds about `budget` services (at least one); once every service is
    /// in, indexes their texts, a few per unit of `budget`, then builds
    /// the word list and the three lookups over them, one per unit.
    pub fn step(mut self, budget: usize) -> Step<CatalogueBuilder<'f>, Catalogue> {
        let services = self.feed.services();
        if self.next >= services.len() {
            if self.indexed {
                return Step::Done(Catalogue {
                    index: self.index.finish(),
                });
            }
            self.indexed = self.index.step(budget);
            return Step::Pending(self);
        }
        let end = self.next.saturating_add(budget.max(1)).min(services.len());
        for s in services.iter().take(end).skip(self.next) {
            search_texts(
                self.feed,
                &self.categories,
                &self.organizations,
                s,
                &mut self.texts,
            );
            self.index.add_texts(self.texts.drain(..));
        }
        self.next = end;
        Step::Pending(self)
    }
}

impl Catalogue {
    /// Indexes every service's name, summary and keywords, with its
    /// category's and its organisation's names, in every locale.
    pub fn build(feed: &Feed) -> Self {
        let mut builder = Catalogue::builder(feed);
        loop {
            match builder.step(usize::MAX) {
                Step::Pending(more) => builder = more,
                Step::Done(catalogue) => return catalogue,
            }
        }
    }

    /// The same index as [`Catalogue::build`], built in steps.
    pub fn builder(feed: &Feed) -> CatalogueBuilder<'_> {
        // Every service names its category and organisation: each id is
        // looked up in the feed once, not once per service.
        let mut categories: Names<'_> = HashMap::default();
        for c in feed.categories() {
            categories
                .entry(c.id.as_str())
                .or_insert_with(|| feed.category(&c.id).map(|c| &c.name));
        }
        let mut organizations: Names<'_> = HashMap::default();
        for o in feed.organizations() {
            organizations
                .entry(o.id.as_str())
                .or_insert_with(|| feed.organization(&o.id).map(|o| &o.name));
        }
        CatalogueBuilder {
            feed,
            categories,
            organizations,
            next: 0,
            index: IndexBuilder::new(),
            indexed: false,
            texts: Vec::new(),
        }
    }

    /// The best matches for `query`, best first; `locale` favours texts in
    /// that language.
    pub fn search(&self, query: &str, locale: Option<&str>, limit: usize) -> Vec<Found> {
        self.index
            .search(query, locale, limit)
            .into_iter()
            .map(found)
            .collect()
    }

    /// The first `limit` of the matches that `keep` accepts, in the order
    /// of [`Catalogue::search`], and how many it accepts in all: what a
    /// page of results shows. Only that page is ranked.
    pub fn search_page(
        &self,
        query: &str,
        locale: Option<&str>,
        keep: impl Fn(ServiceIndex) -> bool,
        limit: usize,
    ) -> Results {
        let page = self
            .index
            .search_page(query, locale, &|doc| keep(ServiceIndex(doc)), limit);
        Results {
            total: page.total,
            found: page.hits.into_iter().map(found).collect(),
        }
    }
}

/// A hit as a search result.
fn found(Hit { doc, score }: Hit) -> Found {
    Found {
        service: ServiceIndex(doc),
        score,
    }
}

/// Appends a service's searchable texts to `texts`.
fn search_texts<'a>(
    feed: &'a Feed,
    categories: &Names<'a>,
    organizations: &Names<'a>,
    s: &'a Service,
    texts: &mut Vec<DocText<'a>>,
) {
    let default = feed.default_locale();
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
}

#[cfg(test)]
mod tests {
    use caidan_synth::{generate, SynthOptions};

    use super::{Catalogue, Step};
    use crate::feed::Feed;

    #[test]
    fn built_in_steps_the_index_finds_the_same() {
        let text = generate(&SynthOptions {
            services: 400,
            seed: 3,
            districts: None,
        })
        .to_string();
        let feed = Feed::parse(&text).expect("valid");
        let whole = Catalogue::build(&feed);
        for budget in [0, 1, 5, 64] {
            let mut builder = Catalogue::builder(&feed);
            let mut steps = 0;
            let sliced = loop {
                match builder.step(budget) {
                    Step::Pending(more) => builder = more,
                    Step::Done(catalogue) => break catalogue,
                }
                steps += 1;
            };
            assert!(steps >= 400 / budget.max(1), "{steps} steps at {budget}");
            for query in [
                "助餐",
                "zhucan",
                "zc",
                "meal",
                "rehabilitaton",
                "日间照料",
                "x",
            ] {
                for locale in [None, Some("en"), Some("zh-CN")] {
                    assert_eq!(
                        whole.search(query, locale, 50),
                        sliced.search(query, locale, 50),
                        "{query} at {budget}"
                    );
                }
            }
        }
    }
}
