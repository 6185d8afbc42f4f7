import { MAX_QUERY_LENGTH, parseSearchQuery } from '../../app/domain/search-query.ts';
import { DISCUSSION_PATH, type SavedPageInfo } from '../shared/saved-page-metadata.ts';
import type { SearchIndexStore } from './search-index-store.ts';
import { searchSaved } from './search-match.ts';
import { findingsHtml, offlineSearchPage } from './search-page-html.ts';
import { type SearchRecord, searchRecordOf } from './search-record.ts';

/**
 * GET /search?q=… answered on this device: the query read as the server reads it, matched against
 * the index of the discussions saved here and still shown offline, on the precached shell.
 */

export interface OfflineSearchOptions {
  /** What is saved and still shown offline, keyed by URL (PageStore.describeSavedPages). */
  savedPages: () => Promise<Map<string, SavedPageInfo>>;
  /** The pages cache, to index a saved discussion that has no record yet (saved by an older worker). */
  pagesCache: () => Promise<Cache>;
  index: SearchIndexStore;
  /** The precached shell, or undefined when it is missing. */
  shell: () => Promise<Response | undefined>;
}

/** The records of `keys`, indexing from its saved copy each page that has none. */
async function recordsOf(keys: string[], options: OfflineSearchOptions): Promise<SearchRecord[]> {
  const indexed = await options.index.indexedKeys();
  const missing = keys.filter((key) => !indexed.has(key));
  if (missing.length > 0) {
    const cache = await options.pagesCache();
    for (const key of missing) {
      const saved = await cache.match(key, { ignoreVary: true });
      const record = saved ? searchRecordOf(key, await saved.text()) : null;
      if (record) await options.index.put(record);
    }
  }
  return options.index.read(keys);
}

/** What the query finds on this device, as the page's findings. */
export async function findOffline(url: string, options: OfflineSearchOptions) {
  const query = new URL(url).searchParams.get('q') ?? '';
  const saved = await options.savedPages();
  const keys = [...saved.keys()].filter((key) => DISCUSSION_PATH.test(new URL(key).pathname));
  const records = await recordsOf(keys, options);
  if (query.length > MAX_QUERY_LENGTH) {
    const note = `A search can be at most ${MAX_QUERY_LENGTH} characters long. Shorten it and try again.`;
    const discussions = new Set(records.map((record) => record.discussionId)).size;
    return { query, discussions, hits: [], searched: false, note };
  }
  const parsed = parseSearchQuery(query);
  const { discussions, hits } = searchSaved(parsed, records);
  const note =
    parsed.dropped > 0 ? `Only the first words were searched: ${parsed.dropped} more left out.` : null;
  return { query, discussions, hits, searched: parsed.terms.length + parsed.authors.length > 0, note };
}

export async function offlineSearch(url: string, options: OfflineSearchOptions): Promise<Response> {
  const shell = await options.shell();
  if (!shell) return Response.error();
  const findings = await findOffline(url, options);
  const body = offlineSearchPage(await shell.text(), findings.query, findingsHtml(findings));
  return new Response(body, {
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}
