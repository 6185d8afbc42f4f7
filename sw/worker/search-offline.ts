import { MAX_QUERY_LENGTH, parseSearchQuery } from '../../app/domain/search-query.ts';
import { DISCUSSION_PATH, describeSavedPage, isShownOffline } from '../shared/saved-page-metadata.ts';
import type { SearchIndexStore } from './search-index-store.ts';
import { searchSaved } from './search-match.ts';
import { findingsHtml, MAX_SHOWN, offlineSearchPage } from './search-page-html.ts';
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

/** Milliseconds per step, sent as Server-Timing: bench/search-offline.ts reads them from the page. */
type Steps = Record<string, number>;

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

/** What the query finds on this device, as the page's findings. */
export async function findOffline(url: string, options: OfflineSearchOptions, steps: Steps = {}) {
  let mark = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = now - mark;
    mark = now;
  };
  const query = new URL(url).searchParams.get('q') ?? '';
  const records = await savedRecords(options, Date.now());
  step('index');
  if (query.length > MAX_QUERY_LENGTH) {
    const note = `A search can be at most ${MAX_QUERY_LENGTH} characters long. Shorten it and try again.`;
    const discussions = new Set(records.map((record) => record.discussionId)).size;
    return { query, discussions, total: 0, hits: [], searched: false, note };
  }
  const parsed = parseSearchQuery(query);
  const found = searchSaved(parsed, records, MAX_SHOWN);
  step('match');
  const note =
    parsed.dropped > 0 ? `Only the first words were searched: ${parsed.dropped} more left out.` : null;
  return { query, ...found, searched: parsed.terms.length + parsed.authors.length > 0, note };
}

export async function offlineSearch(url: string, options: OfflineSearchOptions): Promise<Response> {
  const steps: Steps = {};
  let started = performance.now();
  const shell = await options.shell();
  steps.shell = performance.now() - started;
  if (shell === undefined) return Response.error();
  const findings = await findOffline(url, options, steps);
  started = performance.now();
  const body = offlineSearchPage(shell, findings.query, findingsHtml(findings));
  steps.render = performance.now() - started;
  const timing = Object.entries(steps).map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`);
  return new Response(body, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'server-timing': timing.join(', '),
    },
  });
}
