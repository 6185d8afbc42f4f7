import { MAX_PAGE } from '../../app/domain/limits.ts';
import { MAX_QUERY_LENGTH, parseSearchQuery } from '../../app/domain/search-query.ts';
import { DISCUSSION_PATH, describeSavedPage, isShownOffline } from '../shared/saved-page-metadata.ts';
import type { SearchIndexStore } from './search-index-store.ts';
import { searchSaved } from './search-match.ts';
import {
  findingsHtml,
  type OfflineFindings,
  offlineSearchPageParts,
  RESULTS_PER_PAGE,
} from './search-page-html.ts';
import { type SearchRecord, searchRecordOf } from './search-record.ts';

/**
 * GET /search?q=… answered on this device: the query read as the server reads it, matched against
 * the index of the discussions saved here and still shown offline, on the precached shell.
 */

export interface OfflineSearchOptions {
  /** The pages cache: the copy to index of a page that has no record yet, or to date an old one. */
  pagesCache: () => Promise<Cache>;
  /** The pages cache's keys: what is saved (search-saved-keys.ts keeps them in memory). */
  savedKeys: () => Promise<Iterable<string>>;
  /** How long a saved page is shown offline (unless pinned): older ones are not searched either. */
  maxAgeMs: number;
  index: SearchIndexStore;
  /** The precached shell's HTML, or undefined when it is missing: see rememberedShell. */
  shell: () => Promise<string | undefined>;
}

/**
 * The shell's text, read from the precache once: this worker's precache never changes (a new
 * version is a new worker), and reading it again took milliseconds of every search.
 */
export function rememberedShell(
  open: () => Promise<Response | undefined>,
): () => Promise<string | undefined> {
  let text: Promise<string | undefined> | undefined;
  return () => {
    text ??= open().then((shell) => shell?.text());
    // Missing (or unreadable) now is not missing for good: ask the precache again next time.
    void text.then(
      (read) => {
        if (read === undefined) text = undefined;
      },
      () => {
        text = undefined;
      },
    );
    return text;
  };
}

/** Milliseconds per step, in the page (see timingAttribute): bench/search-offline.ts reads them. */
type Steps = Record<string, number>;

/** ?page=n as the server reads it (1 to MAX_PAGE); anything else is the first page. */
function pageOf(url: URL): number {
  const page = Number(url.searchParams.get('page') ?? '1');
  return Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1;
}

/**
 * The records of the discussion pages saved and still shown offline. The cache's keys say what is
 * saved, the records' own times how old it is: reading every entry's headers took longer than the
 * search. Only a copy past the age limit has its headers read (it is still shown when pinned); a
 * page with no record (saved by an earlier worker) is indexed now, from its saved copy.
 */
async function savedRecords(options: OfflineSearchOptions, now: number): Promise<SearchRecord[]> {
  const [keys, indexed] = await Promise.all([options.savedKeys(), options.index.all()]);
  const byKey = new Map(indexed.map((record) => [record.key, record]));
  const records: SearchRecord[] = [];
  let cache: Cache | undefined;
  for (const key of keys) {
    let record = byKey.get(key) ?? null;
    if (record === null && !DISCUSSION_PATH.test(new URL(key).pathname)) continue;
    const isOld = record === null || now - record.savedAt > options.maxAgeMs;
    if (isOld) {
      cache ??= await options.pagesCache();
      const saved = await cache.match(key, { ignoreVary: true });
      const info = saved && describeSavedPage(key, saved);
      if (!saved || !info || !isShownOffline(info, options.maxAgeMs, now)) {
        await saved?.body?.cancel();
        continue;
      }
      if (record === null) {
        record = searchRecordOf(key, await saved.text(), info.savedAt);
        if (record) await options.index.put(record).catch(() => undefined);
      } else await saved.body?.cancel();
    }
    if (record) records.push(record);
  }
  return records;
}

/**
 * Gets ready for a search while its query is typed. What a search reads first (the saved pages'
 * keys, the index, the shell) is read into memory, where it stays while the worker lives, and a
 * saved page with no record is indexed; then one search is run, for a word the index surely has,
 * so that the code of the person's search is already compiled (its Unicode patterns, the
 * normalization). In a worker just woken, reading the index took most of a search's time and the
 * first search's matching twice as long as the next (bench/README.md, Search offline).
 */
export async function prepareOfflineSearch(options: OfflineSearchOptions): Promise<void> {
  const [records] = await Promise.all([savedRecords(options, Date.now()), options.shell()]);
  const word = records[0]?.documents[0]?.titleTerms.trim().split(' ')[0];
  if (word) searchSaved(parseSearchQuery(word), records, RESULTS_PER_PAGE);
}

/** What the query finds on this device, as the page's findings. */
export async function findOffline(
  url: string,
  options: OfflineSearchOptions,
  steps: Steps = {},
): Promise<OfflineFindings> {
  let mark = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = now - mark;
    mark = now;
  };
  const address = new URL(url);
  const query = address.searchParams.get('q') ?? '';
  const page = pageOf(address);
  const records = await savedRecords(options, Date.now());
  step('index');
  if (query.length > MAX_QUERY_LENGTH) {
    const note = `A search can be at most ${MAX_QUERY_LENGTH} characters long. Shorten it and try again.`;
    const discussions = new Set(records.map((record) => record.discussionId)).size;
    return { query, discussions, total: 0, hits: [], page: 1, searched: false, note };
  }
  const parsed = parseSearchQuery(query);
  const found = searchSaved(parsed, records, page * RESULTS_PER_PAGE);
  step('match');
  const note =
    parsed.dropped > 0 ? `Only the first words were searched: ${parsed.dropped} more left out.` : null;
  const hits = found.hits.slice((page - 1) * RESULTS_PER_PAGE);
  return { query, ...found, hits, page, searched: parsed.terms.length + parsed.authors.length > 0, note };
}

/** The steps after the first part (Server-Timing has the shell's) on the findings, where bench/search-offline.ts reads them. */
const timingAttribute = (steps: Steps) =>
  ` data-worker-timing="${Object.entries(steps)
    .filter(([name]) => name !== 'shell')
    .map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`)
    .join(', ')}"`;

const SEARCH_FAILED =
  '<div class="offline-search" data-offline-search>\n<p class="search-note" role="status">The discussions saved on this device could not be searched. Reload the page to try again.</p>\n</div>';

/**
 * The page, streamed: the shell up to the findings' slot at once, then the findings, then the rest.
 * Sent whole after the search, the browser's own work on a navigation (committing it, the head,
 * the stylesheet) waited for the search; now the two overlap.
 */
export async function offlineSearch(url: string, options: OfflineSearchOptions): Promise<Response> {
  const steps: Steps = {};
  const started = performance.now();
  const shell = await options.shell();
  steps.shell = performance.now() - started;
  if (shell === undefined) return Response.error();
  const query = new URL(url).searchParams.get('q') ?? '';
  const [before, after] = offlineSearchPageParts(shell, query);
  // Searching starts now, not when the browser asks for more than the first part. The page has
  // begun by the time it ends: a failure is said in it rather than the page cut off.
  const findings = findOffline(url, options, steps)
    .then((found) => {
      const rendering = performance.now();
      const html = findingsHtml(found);
      steps.render = performance.now() - rendering;
      return html.replace(' data-offline-search>', () => ` data-offline-search${timingAttribute(steps)}>`);
    })
    .catch(() => SEARCH_FAILED);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(before));
    },
    async pull(controller) {
      controller.enqueue(encoder.encode(`${await findings}${after}`));
      controller.close();
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'server-timing': `shell;dur=${steps.shell.toFixed(1)}`,
    },
  });
}
