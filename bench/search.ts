// npx tsx bench/search.ts            the 100k-discussion / 1M-comment forum (a few minutes)
// npx tsx bench/search.ts --quick    10k discussions / 100k comments: a smoke run, not figures to quote
// npx tsx bench/search.ts --database /tmp/search.db   builds the forum there and keeps it; when the
//                                     file exists, only times the queries on it again
// npx tsx bench/search.ts --server-side-only   leaves out the tokenizer comparison and Chromium
// Search (issue #15): how long migration 004 takes to index an existing forum and how much it adds,
// what the triggers cost a write, query latency by kind of query, the tokenizer trade-off, and
// offline search over 200 saved discussions in Chromium (bench/search-offline.ts, also run alone).
// Queries run in process, as the route runs them (parse, look up authors, MATCH, snippets for one
// page of 20), so the figures are the database's work, without HTTP.
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseSearchQuery, searchMatch } from '../app/domain/search-query.ts';
import { openDatabase } from '../db/connection.ts';
import { createRepositories } from '../db/repositories/index.ts';
import { BM25_MAX_DOCUMENTS, RANKED_CANDIDATES, searchRepository } from '../db/repositories/search.ts';
import { buildSearchDatabase, type ForumSize, type SearchBuild } from './search-database.ts';
import { benchOfflineSearch } from './search-offline.ts';
import { benchSearchServer } from './search-server.ts';
import { compareTokenizers } from './search-tokenizers.ts';
import { makeBenchDirectory } from './support/database.ts';
import { FULL, median, QUICK } from './support/load.ts';
import { BIG_FORUM } from './support/scale-data.ts';
import {
  consoleTable,
  formatInt,
  formatKB,
  formatMs,
  formatRatio,
  type Row,
  verdict,
} from './support/table.ts';

const PART = 'Search';
/** Issue #15's goal for every kind of query. */
const P95_TARGET_MS = 20;
/** Issue #15's goal for writes with the index against writes without it. */
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

function timeQueries(databasePath: string, runs: number): Row[] {
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

const info = (figure: string, measured: string, note?: string): Row => ({
  part: PART,
  figure,
  measured,
  ratio: '—',
  target: '—',
  verdict: 'INFO',
  ...(note ? { note } : {}),
});

function buildRows(build: SearchBuild): Row[] {
  const writeRatio = build.writesWith / build.writesWithout;
  return [
    info(
      `Index build (migration 004) over ${formatInt(build.documents)} discussions and comments`,
      `${build.buildSeconds.toFixed(1)} s`,
    ),
    info(
      'The index made again with prefix indexes of 2, 3 and 4 letters (migration 008)',
      `${build.prefixSeconds.toFixed(1)} s`,
      `index ${formatKB(build.indexBytesWithoutPrefixes)} without prefix indexes, ${formatKB(build.indexBytes)} with`,
    ),
    {
      part: PART,
      figure: 'Index bytes ÷ bytes of the posts and comments tables',
      measured: `${formatKB(build.indexBytes)} ÷ ${formatKB(build.tableBytes)}`,
      ratio: formatRatio(build.indexBytes / build.tableBytes),
      target: '—',
      verdict: 'INFO',
      note: `the file grew from ${formatKB(build.fileBytesBefore)} to ${formatKB(build.fileBytesAfter)}`,
    },
    // Issue #15's ≥ 0.8 is the 50-writer figure through the server (bench/search-writes.ts), whose
    // writes are committed and indexed together; one bare insert a transaction is its worst case.
    {
      ...info(
        'Comment inserts per second, one transaction each, in process: with the index ÷ without',
        `${formatInt(build.writesWith)} ÷ ${formatInt(build.writesWithout)}`,
        'one writer and no HTTP, every insert indexed alone: the database-side cost only; the goal (≥ 0.8) is bench/search-writes.ts, 50 writers through the server',
      ),
      ratio: formatRatio(writeRatio),
    },
  ];
}

export async function benchSearch(
  quick: boolean,
  log: (line: string) => void,
  databasePath?: string,
  serverSideOnly = false,
): Promise<Row[]> {
  const size: ForumSize = quick
    ? { posts: 10_000, comments: 100_000, bilingual: 1_000 }
    : { ...BIG_FORUM, bilingual: 5_000 };
  const directory = makeBenchDirectory('search');
  const path = databasePath ?? directory.databasePath;
  try {
    const rows: Row[] = [];
    if (databasePath !== undefined && existsSync(databasePath)) {
      log(`search: reusing ${databasePath}`);
    } else {
      const db = openDatabase(path);
      try {
        rows.push(...buildRows(buildSearchDatabase(db, directory, size, log)));
      } finally {
        db.close();
      }
    }
    log('search: timing queries');
    rows.push(...timeQueries(path, quick ? 5 : 30));
    log('search: through the server, against bare Fastify');
    rows.push(...(await benchSearchServer(path, quick ? QUICK : FULL, log)));
    if (serverSideOnly) return rows;
    log('search: comparing tokenizers');
    for (const figures of compareTokenizers(quick ? 500 : 3_000)) {
      rows.push(
        info(
          `Tokenizer ${figures.name}: Hindi recall / precision, index size`,
          `${(figures.recall * 100).toFixed(1)} % / ${(figures.precision * 100).toFixed(1)} %, ${formatKB(figures.indexBytes)}`,
          `${figures.unanswered} of 60 Hindi words found nothing; built in ${formatMs(figures.buildMs)}`,
        ),
      );
    }
    log('search: offline, in Chromium');
    rows.push(...(await benchOfflineSearch(quick, log)));
    return rows;
  } finally {
    directory.remove();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      database: { type: 'string' },
      'server-side-only': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const rows = await benchSearch(
    values.quick,
    (line) => process.stderr.write(`${line}\n`),
    values.database,
    values['server-side-only'],
  );
  console.log(`\n${consoleTable(rows)}\n`);
  process.exitCode = rows.some((row) => row.verdict === 'FAIL') ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
