import type { SavedPageInfo } from '../shared/saved-page-metadata.ts';
import type { PageCacheLimits } from '../shared/worker-config.ts';
import {
  type ReadAheadSave,
  type ReadAheadSaveOptions,
  writeOpened,
  writeReadAhead,
  writeUse,
} from './entry-writes.ts';
import { trimPages } from './expiration.ts';
import { forgetSignedInPages } from './forget-signed-in-pages.ts';
import { MAX_PINNED_PAGES, type PinOutcome, writePin } from './pinning.ts';
import { readSavedCopy } from './read-saved-copy.ts';
import { assetsNeededBySavedPages, describeSavedPages } from './saved-page-queries.ts';
import type { SearchIndexStore } from './search-index-store.ts';
import { searchIndexing } from './search-indexing.ts';
import { keyFor, oneAtATime } from './stored-page.ts';

/**
 * The pages cache: one entry per URL, with its metadata in headers (saved at,
 * last used, how it was saved, size, revision, signed-in user, assets it needs), so nothing else
 * has to be kept in step with it.
 */

export interface PageStoreOptions {
  /** Opens the cache the pages live in (the worker's is PAGES_CACHE). */
  cache: () => Promise<Cache>;
  limits: PageCacheLimits;
  /** Where discussions are indexed for offline search as they are saved; none, no index. */
  searchIndex?: SearchIndexStore;
}

export type { ReadAheadSave, ReadAheadSaveOptions };

export interface PageStore {
  /**
   * Saves a page the person opened, fetched from the network: `copy`, or what it resolves to
   * (nothing when there is nothing to save). The save counts as in flight from this call on, so a
   * logout waits for it, however long `copy` takes.
   */
  savePage(url: string, copy: Response | Promise<Response | undefined>): Promise<void>;
  /**
   * Saves a copy read ahead, within the read-ahead budget. On a full origin it gives up rather
   * than evict what the person opened or pinned. In flight from this call on, like savePage.
   */
  saveReadAhead(
    url: string,
    copy: Promise<Response | undefined>,
    options: ReadAheadSaveOptions,
  ): Promise<ReadAheadSave>;
  /**
   * The saved copy of a page, or undefined when there is none or it is too old to show. It is
   * handed over as stored, never read here: a body the worker reads and rebuilds passes through
   * its thread, while a stored one streams straight from Cache Storage to the page. Reading it
   * counts as a use (the LRU order), recorded once the page has been shown (`shown`), so that
   * rewriting the entry does not compete with the page's rendering.
   */
  readSavedCopy(
    url: string,
    shown: Promise<void>,
    inBackground: (work: Promise<unknown>) => void,
  ): Promise<Response | undefined>;
  /**
   * Pins (or unpins) the saved copy of a page: see pinning.ts. "missing" when there is no copy to
   * pin yet. Unpinning puts the page back under the count limit, which applies at once.
   */
  setPinned(url: string, pinned: boolean): Promise<PinOutcome>;
  /** What is saved and may still be shown offline, keyed by URL. */
  describeSavedPages(): Promise<Map<string, SavedPageInfo>>;
  /**
   * Logout hygiene: removes every saved page that was rendered for a signed-in
   * person (it shows their name, votes and forms). Resolves to how many went.
   */
  forgetSignedInPages(): Promise<number>;
  /** Applies the age and count limits now (before the offline page lists what is saved). */
  trimSavedPages(): Promise<void>;
  /** Every hashed asset path some saved page refers to. */
  assetsNeededBySavedPages(): Promise<Set<string>>;
}

export function createPageStore({ cache: open, limits, searchIndex }: PageStoreOptions): PageStore {
  const indexing = searchIndexing(searchIndex);
  /** Saves in flight; forgetting signed-in pages waits for them so none lands after a logout. */
  const pendingSaves = new Set<Promise<unknown>>();
  /** Every rewrite of an entry reads what is stored first (its pin, how it was saved): one at a time per URL. */
  const exclusive = oneAtATime();
  /** Pins are counted across all entries, so pinning goes one page at a time. */
  const PINS = 'pins';

  function inFlight<T>(saving: Promise<T>): Promise<T> {
    pendingSaves.add(saving);
    return saving.finally(() => pendingSaves.delete(saving));
  }

  async function store(url: string, response: Response): Promise<void> {
    const html = await response.text();
    const key = keyFor(url);
    const cache = await open();
    await indexing.save(key, html, () => exclusive(key, () => writeOpened(cache, key, html, response)));
    await trim(cache);
  }

  /** Applies the age and count limits, and forgets the index of every page no longer saved. */
  async function trim(cache: Cache): Promise<void> {
    await trimPages(cache, limits, Date.now());
    await indexing.afterRemovals(cache);
  }

  async function storeReadAhead(url: string, response: Response, options: ReadAheadSaveOptions) {
    const html = await response.text();
    const key = keyFor(url);
    const cache = await open();
    return indexing.save(key, html, () =>
      exclusive(key, () => writeReadAhead(cache, key, html, response, options)),
    );
  }

  return {
    savePage(url, copy) {
      return inFlight(
        Promise.resolve(copy).then((response) => (response ? store(url, response) : undefined)),
      );
    },

    async saveReadAhead(url, copy, options) {
      const saved = await inFlight(
        copy.then((response) => (response ? storeReadAhead(url, response, options) : 'skipped')),
      );
      if (saved === 'saved') await trim(await open());
      return saved;
    },

    async readSavedCopy(url, shown, inBackground) {
      const cache = await open();
      const key = keyFor(url);
      const now = Date.now();
      const recordUse = () => exclusive(key, () => writeUse(cache, key, now));
      return readSavedCopy(cache, key, { maxAgeMs: limits.maxAgeMs, now, recordUse, inBackground, shown });
    },

    async setPinned(url, pinned) {
      const cache = await open();
      const key = keyFor(url);
      const outcome = await exclusive(PINS, () =>
        exclusive(key, () => writePin(cache, key, pinned, MAX_PINNED_PAGES)),
      );
      if (outcome === 'unpinned') await trim(cache);
      return outcome;
    },

    async describeSavedPages() {
      return describeSavedPages(await open(), limits.maxAgeMs, Date.now());
    },

    async forgetSignedInPages() {
      await Promise.allSettled([...pendingSaves]);
      const cache = await open();
      const forgotten = await forgetSignedInPages(cache, exclusive);
      await indexing.afterRemovals(cache);
      return forgotten;
    },

    async trimSavedPages() {
      await trim(await open());
    },

    async assetsNeededBySavedPages() {
      return assetsNeededBySavedPages(await open());
    },
  };
}
