import { SAVED_COPY_META } from '../shared/saved-copy-meta.ts';
import {
  ASSETS_HEADER,
  describeSavedPage,
  isShownOffline,
  MARKED_HEADER,
  type SavedPageInfo,
  type SavedPageKind,
  USED_AT_HEADER,
  USER_HEADER,
} from '../shared/saved-page-metadata.ts';
import type { PageCacheLimits } from '../shared/worker-config.ts';
import { isQuotaError, putEvictingOnQuota, trimPages } from './expiration.ts';
import { markSavedCopy } from './page-html.ts';
import { fitReadAheadCopy } from './read-ahead-budget.ts';
import { savedEntries } from './saved-entries.ts';
import { storedHeaders } from './stored-headers.ts';
import { keyFor, oneAtATime, rebuilt, storedCopy } from './stored-page.ts';

/**
 * The pages cache: one entry per URL, with its metadata in headers (saved at,
 * last used, how it was saved, size, revision, signed-in user, assets it needs), so nothing else
 * has to be kept in step with it.
 */

export interface PageStoreOptions {
  /** Opens the cache the pages live in (the worker's is PAGES_CACHE). */
  cache: () => Promise<Cache>;
  limits: PageCacheLimits;
}

/**
 * How a read-ahead save ended: "skipped" when there was nothing to save; "over-budget" and
 * "storage-full" end the whole read-ahead.
 */
export type ReadAheadSave = 'saved' | 'skipped' | 'over-budget' | 'storage-full';

export interface ReadAheadSaveOptions {
  budgetBytes: number;
  /** The keys (URLs) the current read-ahead list names: never evicted to make room for another. */
  wanted: ReadonlySet<string>;
}

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

export function createPageStore({ cache: open, limits }: PageStoreOptions): PageStore {
  /** Saves in flight; forgetting signed-in pages waits for them so none lands after a logout. */
  const pendingSaves = new Set<Promise<unknown>>();
  /** Every rewrite of an entry reads what is stored first (its pin, how it was saved): one at a time per URL. */
  const exclusive = oneAtATime();

  function inFlight<T>(saving: Promise<T>): Promise<T> {
    pendingSaves.add(saving);
    return saving.finally(() => pendingSaves.delete(saving));
  }

  /** What a new copy of `key` is stored with: how it was saved, keeping what the old copy had earned. */
  async function standing(cache: Cache, key: string, kind: SavedPageKind) {
    const headers = await storedHeaders(cache, key);
    const before = headers && describeSavedPage(key, { headers });
    return { kind: before?.kind === 'opened' ? 'opened' : kind, pinned: before?.pinned ?? false } as const;
  }

  async function store(url: string, response: Response): Promise<void> {
    const html = await response.text();
    const key = keyFor(url);
    const cache = await open();
    await exclusive(key, async () => {
      const standingNow = await standing(cache, key, 'opened');
      const saved = storedCopy(html, response, { ...standingNow, now: Date.now() });
      await putEvictingOnQuota(cache, key, () => rebuilt(saved.body, response, saved.headers));
    });
    await trimPages(cache, limits, Date.now());
  }

  async function storeReadAhead(url: string, response: Response, options: ReadAheadSaveOptions) {
    const html = await response.text();
    const key = keyFor(url);
    const cache = await open();
    return exclusive(key, async (): Promise<ReadAheadSave> => {
      const saved = storedCopy(html, response, {
        ...(await standing(cache, key, 'read-ahead')),
        now: Date.now(),
      });
      const fit = fitReadAheadCopy(
        await savedEntries(cache),
        { key, size: saved.size },
        options.budgetBytes,
        options.wanted,
      );
      if (!fit.fits) return 'over-budget';
      await Promise.all(fit.evict.map((entry) => cache.delete(entry.request)));
      try {
        await cache.put(key, rebuilt(saved.body, response, saved.headers));
      } catch (error) {
        if (isQuotaError(error)) return 'storage-full';
        throw error;
      }
      return 'saved';
    });
  }

  /** Stores the entry again with a new last-used time (entries cannot be changed in place). */
  function touch(cache: Cache, key: string, now: number): Promise<void> {
    return exclusive(key, async () => {
      const saved = await cache.match(key, { ignoreVary: true });
      if (!saved) return;
      const html = await saved.text();
      const touched = new Headers(saved.headers);
      touched.set(USED_AT_HEADER, String(now));
      await putEvictingOnQuota(cache, key, () => rebuilt(html, saved, touched));
    });
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
      if (saved === 'saved') await trimPages(await open(), limits, Date.now());
      return saved;
    },

    async readSavedCopy(url, shown, inBackground) {
      const cache = await open();
      const key = keyFor(url);
      const saved = await cache.match(key, { ignoreVary: true });
      if (!saved) return undefined;
      const now = Date.now();
      const info = describeSavedPage(key, saved);
      if (!isShownOffline(info, limits.maxAgeMs, now)) {
        await saved.body?.cancel();
        inBackground(cache.delete(key));
        return undefined;
      }
      inBackground(shown.then(() => touch(cache, key, now)));
      if (saved.headers.has(MARKED_HEADER)) return saved;
      // Saved by an earlier worker, which marked copies as it showed them.
      return rebuilt(markSavedCopy(await saved.text(), SAVED_COPY_META, info.savedAt), saved, saved.headers);
    },

    async describeSavedPages() {
      const now = Date.now();
      const described = new Map<string, SavedPageInfo>();
      for (const { request, info } of await savedEntries(await open())) {
        if (isShownOffline(info, limits.maxAgeMs, now)) described.set(request.url, info);
      }
      return described;
    },

    async forgetSignedInPages() {
      await Promise.allSettled([...pendingSaves]);
      const cache = await open();
      const requests = await cache.keys();
      const removed = await Promise.all(
        requests.map(async (request) =>
          (await storedHeaders(cache, request))?.has(USER_HEADER) ? cache.delete(request) : false,
        ),
      );
      return removed.filter(Boolean).length;
    },

    async trimSavedPages() {
      await trimPages(await open(), limits, Date.now());
    },

    async assetsNeededBySavedPages() {
      const cache = await open();
      const needed = new Set<string>();
      for (const request of await cache.keys()) {
        const headers = await storedHeaders(cache, request);
        for (const path of (headers?.get(ASSETS_HEADER) ?? '').split(' ')) if (path) needed.add(path);
      }
      return needed;
    },
  };
}
