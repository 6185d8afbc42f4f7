import { SAVED_COPY_META } from '../shared/saved-copy-meta.ts';
import {
  ASSETS_HEADER,
  MARKED_HEADER,
  SAVED_AT_HEADER,
  TITLE_HEADER,
  USED_AT_HEADER,
  USER_HEADER,
} from '../shared/saved-page-metadata.ts';
import type { PageCacheLimits } from '../shared/worker-config.ts';
import { isExpired, putEvictingOnQuota, trimPages } from './expiration.ts';
import { assetPaths, markSavedCopy, pageTitle, signedInUser } from './page-html.ts';
import { storedHeaders } from './stored-headers.ts';

/**
 * The pages cache: one entry per URL, with its metadata in headers (saved at,
 * last used, title, signed-in user, assets it needs), so nothing else has to be
 * kept in step with it.
 */

export interface PageStoreOptions {
  /** Opens the cache the pages live in (the worker's is PAGES_CACHE). */
  cache: () => Promise<Cache>;
  limits: PageCacheLimits;
}

export interface PageStore {
  /**
   * Saves a page fetched from the network: `copy`, or what it resolves to (nothing when there is
   * nothing to save). The save counts as in flight from this call on, so a logout waits for it,
   * however long `copy` takes.
   */
  savePage(url: string, copy: Response | Promise<Response | undefined>): Promise<void>;
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
   * Logout hygiene: removes every saved page that was rendered for a signed-in
   * person (it shows their name, votes and forms). Resolves to how many went.
   */
  forgetSignedInPages(): Promise<number>;
  /** Applies the age and count limits now (before the offline page lists what is saved). */
  trimSavedPages(): Promise<void>;
  /** Every hashed asset path some saved page refers to. */
  assetsNeededBySavedPages(): Promise<Set<string>>;
}

function keyFor(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

function rebuilt(body: string, from: Response, headers: Headers): Response {
  return new Response(body, { status: from.status, statusText: from.statusText, headers });
}

/** Stores the entry again with a new last-used time (entries cannot be changed in place). */
async function touch(cache: Cache, key: string, now: number): Promise<void> {
  const saved = await cache.match(key, { ignoreVary: true });
  if (!saved) return;
  const html = await saved.text();
  const touched = new Headers(saved.headers);
  touched.set(USED_AT_HEADER, String(now));
  await putEvictingOnQuota(cache, key, () => rebuilt(html, saved, touched));
}

export function createPageStore({ cache: open, limits }: PageStoreOptions): PageStore {
  /** Saves in flight; forgetting signed-in pages waits for them so none lands after a logout. */
  const pendingSaves = new Set<Promise<void>>();

  async function store(url: string, response: Response): Promise<void> {
    const html = await response.text();
    const user = signedInUser(html);
    const now = Date.now();
    const headers = new Headers(response.headers);
    // The body is stored decoded: its length and encoding are no longer what the server sent.
    headers.delete('content-length');
    headers.delete('content-encoding');
    headers.set(SAVED_AT_HEADER, String(now));
    headers.set(USED_AT_HEADER, String(now));
    headers.set(TITLE_HEADER, encodeURIComponent(pageTitle(html)));
    headers.set(ASSETS_HEADER, assetPaths(html).join(' '));
    headers.set(MARKED_HEADER, '1');
    if (user !== null) headers.set(USER_HEADER, encodeURIComponent(user));
    // Marked now, for when it is shown: then the stored body goes to the page as it is.
    const marked = markSavedCopy(html, SAVED_COPY_META, now);
    const cache = await open();
    await putEvictingOnQuota(cache, keyFor(url), () => rebuilt(marked, response, headers));
    await trimPages(cache, limits, now);
  }

  return {
    savePage(url, copy) {
      const saving = Promise.resolve(copy).then((response) => (response ? store(url, response) : undefined));
      pendingSaves.add(saving);
      return saving.finally(() => pendingSaves.delete(saving));
    },

    async readSavedCopy(url, shown, inBackground) {
      const cache = await open();
      const key = keyFor(url);
      const saved = await cache.match(key, { ignoreVary: true });
      if (!saved) return undefined;
      const now = Date.now();
      const savedAt = Number(saved.headers.get(SAVED_AT_HEADER) ?? 0);
      if (isExpired(savedAt, limits, now)) {
        await saved.body?.cancel();
        inBackground(cache.delete(key));
        return undefined;
      }
      inBackground(shown.then(() => touch(cache, key, now)));
      if (saved.headers.has(MARKED_HEADER)) return saved;
      // Saved by an earlier worker, which marked copies as it showed them.
      return rebuilt(markSavedCopy(await saved.text(), SAVED_COPY_META, savedAt), saved, saved.headers);
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
