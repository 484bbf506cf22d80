// Times our search (wasm) and MiniSearch on the same English texts, with
// the same queries, in this page, by the same procedure as the native
// benchmark (bench/search/benches/native.rs): median index build of
// `build_runs` after `warm_up`, then `rounds` rounds over the queries, one
// batch per query per round, a batch's time over its size being a sample.
// The result is left in `window.__searchBench` for the driver to read.
import init, { Menu, plan } from './pkg/caidan_search_bench.js';
import MiniSearch from './minisearch.js';

const now = () => performance.now();
// Lets the driver's scripts run between the long steps.
const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
let sink = 0;

function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(Math.ceil(p * sorted.length) - 1, 0)];
}

function time(P, build, query) {
  for (let i = 0; i < P.warm_up; i++) build();
  const builds = [];
  for (let i = 0; i < P.build_runs; i++) {
    const start = now();
    build();
    builds.push(now() - start);
  }
  const batch = (q, size) => {
    const start = now();
    for (let i = 0; i < size; i++) sink += query(q);
    return now() - start;
  };
  const sizes = P.queries.map((q) => {
    for (let i = 0; i < P.warm_up; i++) batch(q, 1);
    let size = 1;
    while (batch(q, size) < P.batch_ms) size *= 2;
    return size;
  });
  const samples = [];
  for (let r = 0; r < P.rounds; r++) {
    P.queries.forEach((q, i) => samples.push(batch(q, sizes[i]) / sizes[i]));
  }
  return {
    build_ms: percentile(builds, 0.5),
    query_p50_ms: percentile(samples, 0.5),
    query_p95_ms: percentile(samples, 0.95),
    query_mean_ms: samples.reduce((a, b) => a + b, 0) / samples.length,
  };
}

async function run() {
  await init();
  const P = JSON.parse(plan());
  const text = await (await fetch('./feed.json')).text();
  // `?only=ours` skips MiniSearch: for trying changes to our search.
  const onlyOurs = new URLSearchParams(location.search).get('only') === 'ours';

  const english = new Menu(text, true);
  await pause();
  const ours = time(P, () => english.build(), (q) => english.query(q));

  // Our index as the app builds it: every locale of the whole feed.
  await pause();
  const whole = new Menu(text, false);
  const oursWhole = time(P, () => whole.build(), (q) => whole.query(q));
  whole.free();
  const result = {
    ours_english: ours,
    ours_all_locales: oursWhole,
    agreement: [],
    queries: P.queries.length,
    user_agent: navigator.userAgent,
  };
  if (onlyOurs) return result;

  // MiniSearch: its documented defaults, plus prefix and fuzzy 0.2.
  const docs = JSON.parse(english.documents());
  const fields = ['name', 'summary', 'keywords', 'category', 'organization'];
  const options = { fields, searchOptions: { prefix: true, fuzzy: 0.2 } };
  await pause();
  let mini = null;
  result.minisearch = time(
    P,
    () => {
      mini = new MiniSearch(options);
      mini.addAll(docs);
    },
    (q) => mini.search(q).length,
  );
  result.documents = docs.length;

  // The same index, every word of a query required, as ours requires.
  await pause();
  const and = { ...options.searchOptions, combineWith: 'AND' };
  result.minisearch_and = time(
    { ...P, build_runs: 0, warm_up: 0 },
    () => {},
    (q) => mini.search(q, and).length,
  );
  result.minisearch_and.build_ms = null;

  // Do both find the same things? The hits of each, how many of
  // MiniSearch's we find too, and where each ranks the other's first hit.
  result.agreement = P.queries.map((q) => {
    const ids = english.top(q, 0xffffffff);
    const theirs = mini.search(q).map((r) => r.id);
    const mine = new Set(ids);
    return {
      query: q,
      ours_hits: ids.length,
      minisearch_hits: theirs.length,
      minisearch_and_hits: mini.search(q, and).length,
      shared: theirs.filter((id) => mine.has(id)).length,
      our_first_in_theirs: ids.length ? theirs.indexOf(ids[0]) + 1 : null,
      their_first_in_ours: theirs.length ? ids.indexOf(theirs[0]) + 1 : null,
    };
  });
  result.sink = sink;
  return result;
}

run().then(
  (result) => {
    window.__searchBench = result;
    document.getElementById('status').textContent = 'Done.';
  },
  (error) => {
    window.__searchBench = { error: String(error && error.stack || error) };
    document.getElementById('status').textContent = `Failed: ${error}`;
  },
);
