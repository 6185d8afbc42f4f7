// Query latency by kind of query (issue #15), run by bench/search.ts: in process, as the route
// runs a search (parse, look up authors, MATCH, snippets for one page of 20), so the figures are
// the database's work without HTTP.
import { cpus, loadavg } from 'node:os';
import { parseSearchQuery, searchMatch } from '../app/domain/search-query.ts';
import { openDatabase } from '../db/connection.ts';
import { createRepositories } from '../db/repositories/index.ts';
import { BM25_MAX_DOCUMENTS, RANKED_CANDIDATES, searchRepository } from '../db/repositories/search.ts';
import { median } from './support/load.ts';
import { formatMs, type Row, verdict } from './support/table.ts';

const PART = 'Search';
/** Issue #15's goal for every kind of query. */
const P95_TARGET_MS = 20;
/** Results a page, as the route shows them (app/routes/search.ts). */
const PAGE_SIZE = 20;

/** Kinds of query, three of each; bench1… are the bulk seeder's authors. */
const QUERIES: Record<string, string[]> = {
  'common words': ['the', 'this', 'timeout'],
  'rare words': ['rickshaw', 'saffron', 'chutney'],
  phrases: ['"last write wins"', '"service worker caching"', '"measure first"'],
  prefixes: ['cach*', 'bench*', 'offl*'],
  // Longer than migration 008's prefix indexes (2-4 letters): FTS5 would merge every word they
  // start in memory, and these start the forum's commonest words (db/repositories/search-prefixes.ts).
  'prefixes of 5 letters': ['cache*', 'timeo*', 'cachi*'],
  'Hindi words': ['ज़िंदगी', 'परीक्षा', 'किताबें'],
  'author: alone': ['author:bench7', 'author:bench42', 'author:bench150'],
  'author: with a word': ['author:bench7 timeout', 'author:bench42 cache', 'author:bench150 sqlite'],
  'a deep page (page 10)': ['offline', 'sqlite', 'timeout'],
};

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

/** Each kind of query timed `runs` times over, in process, as the route runs it. */
export function timeQueries(databasePath: string, runs: number): Row[] {
  const db = openDatabase(databasePath);
  try {
    const repositories = createRepositories(db);
    const matchesMoreThan = db
      .prepare('SELECT 1 FROM search_index WHERE search_index MATCH ? LIMIT 1 OFFSET ?')
      .pluck();
    const prepare = (text: string) => {
      const query = parseSearchQuery(text);
      const ids = query.authors.flatMap((name) => repositories.users.findByUsername(name)?.id ?? []);
      const match = searchMatch(query.terms, ids);
      if (match === null) throw new Error(`no MATCH for ${text}`);
      return { match, order: query.terms.length > 0 ? ('relevance' as const) : ('newest' as const) };
    };
    // Long prefixes merged by FTS5, as before they were read as their words: timed beside them.
    const merged = searchRepository(db, {
      rankedCandidates: RANKED_CANDIDATES,
      bm25MaxDocuments: BM25_MAX_DOCUMENTS,
      expandLongPrefixes: false,
    });
    const search = (text: string, page: number, repository = repositories.search) => {
      const { match, order } = prepare(text);
      return repository.find(match, order, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE).hits.length;
    };
    /** How the repository ranks this query (the same test it makes). */
    const rankedBy = (text: string) => {
      const { match, order } = prepare(text);
      if (order === 'newest') return 'newest';
      const broad = match.terms.some((term) => matchesMoreThan.get(term, BM25_MAX_DOCUMENTS) !== undefined);
      return broad ? 'newest (a term too common)' : 'bm25';
    };
    return Object.entries(QUERIES).map(([kind, texts]) => {
      const page = kind.startsWith('a deep page') ? 10 : 1;
      const samples: number[] = [];
      const mergedSamples: number[] = [];
      const compare = kind === 'prefixes of 5 letters';
      const results = texts.map((text) => search(text, page));
      for (let run = 0; run < runs; run++) {
        for (const text of texts) {
          const started = performance.now();
          search(text, page);
          samples.push(performance.now() - started);
          if (!compare) continue;
          const mergedStarted = performance.now();
          search(text, page, merged);
          mergedSamples.push(performance.now() - mergedStarted);
        }
      }
      const p95 = percentile(samples, 0.95);
      const before = compare
        ? `; merged by FTS5 instead, interleaved: ${formatMs(median(mergedSamples))} / ${formatMs(percentile(mergedSamples, 0.95))}`
        : '';
      return {
        part: PART,
        figure: `Query p50 / p95: ${kind} (${texts.join(', ')})`,
        measured: `${formatMs(median(samples))} / ${formatMs(p95)}`,
        ratio: '—',
        target: `p95 ≤ ${P95_TARGET_MS} ms`,
        verdict: verdict(p95 <= P95_TARGET_MS),
        note: `results on the page: ${results.join(', ')}; ranked by ${texts.map(rankedBy).join(', ')}${before}; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`,
      };
    });
  } finally {
    db.close();
  }
}
