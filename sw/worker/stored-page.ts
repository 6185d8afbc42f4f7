import { SAVED_COPY_META } from '../shared/saved-copy-meta.ts';
import {
  ASSETS_HEADER,
  KIND_HEADER,
  MARKED_HEADER,
  PINNED_HEADER,
  REVISION_HEADER,
  SAVED_AT_HEADER,
  type SavedPageKind,
  SIZE_HEADER,
  TITLE_HEADER,
  USED_AT_HEADER,
  USER_HEADER,
} from '../shared/saved-page-metadata.ts';
import { assetPaths, discussionRevision, markSavedCopy, pageTitle, signedInUser } from './page-html.ts';

/** How the pages cache keys a page: its URL without the fragment. */
export function keyFor(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

export function rebuilt(body: string, from: Response, headers: Headers): Response {
  return new Response(body, { status: from.status, statusText: from.statusText, headers });
}

/** The worker's metadata headers (saved-page-metadata.ts), which all share this prefix. */
const METADATA_PREFIX = 'x-charcha-';

/**
 * Stores a copy under a request that carries its metadata headers as well, so that `cache.keys()`
 * alone tells what is saved and in what order it goes (saved-entries.ts). Reading them from the
 * response means opening the entry, and Chromium's in-memory Cache Storage (a private window, or a
 * Playwright context) keeps counting an entry deleted while still open against the quota until
 * the cache is next written: an eviction that had just read its victims freed nothing, and the
 * page it made room for was not saved.
 */
export function putSavedCopy(cache: Cache, key: string, copy: Response): Promise<void> {
  const metadata = new Headers();
  for (const [name, value] of copy.headers) if (name.startsWith(METADATA_PREFIX)) metadata.set(name, value);
  return cache.put(new Request(key, { headers: metadata }), copy);
}

export interface SavedCopy {
  /** The HTML as stored: marked as a saved copy for when it is shown. */
  body: string;
  headers: Headers;
  size: number;
}

/**
 * The body and headers a page is stored with: the server's headers, less what no longer
 * describes the stored body, plus the metadata the worker and the saved-pages page read back.
 */
export function storedCopy(
  html: string,
  response: Response,
  standing: { kind: SavedPageKind; pinned: boolean; now: number },
): SavedCopy {
  const { kind, pinned, now } = standing;
  const headers = new Headers(response.headers);
  // The body is stored decoded: its length and encoding are no longer what the server sent.
  headers.delete('content-length');
  headers.delete('content-encoding');
  // A copy read back from the cache carries the old metadata: what holds now is set below.
  for (const name of [PINNED_HEADER, USER_HEADER, REVISION_HEADER]) headers.delete(name);
  // Marked now, for when it is shown: then the stored body goes to the page as it is.
  const body = markSavedCopy(html, SAVED_COPY_META, now);
  const size = new TextEncoder().encode(body).byteLength;
  const user = signedInUser(html);
  const revision = discussionRevision(html);
  headers.set(SAVED_AT_HEADER, String(now));
  headers.set(USED_AT_HEADER, String(now));
  headers.set(TITLE_HEADER, encodeURIComponent(pageTitle(html)));
  headers.set(ASSETS_HEADER, assetPaths(html).join(' '));
  headers.set(MARKED_HEADER, '1');
  headers.set(KIND_HEADER, kind);
  headers.set(SIZE_HEADER, String(size));
  if (revision !== null) headers.set(REVISION_HEADER, String(revision));
  if (pinned) headers.set(PINNED_HEADER, '1');
  if (user !== null) headers.set(USER_HEADER, encodeURIComponent(user));
  return { body, headers, size };
}

/**
 * Runs work for the same key one after another, in the order asked: an entry is rewritten from
 * what a read of it found, and two rewrites at once would lose one of them (a pin, say).
 */
export function oneAtATime(): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, work) => {
    const result = (tails.get(key) ?? Promise.resolve()).then(work);
    const tail = result.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}
