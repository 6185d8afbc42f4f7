import { SAVED_COPY_META } from '../shared/saved-copy-meta.ts';
import { describeSavedPage, isShownOffline, MARKED_HEADER } from '../shared/saved-page-metadata.ts';
import { markSavedCopy } from './page-html.ts';
import { rebuilt } from './stored-page.ts';

export interface SavedCopyRead {
  maxAgeMs: number;
  now: number;
  /** Records the read as a use (the LRU order); runs once the page has been shown. */
  recordUse: () => Promise<unknown>;
  inBackground: (work: Promise<unknown>) => void;
  /** Resolves once the page has been shown. */
  shown: Promise<void>;
}

/**
 * The saved copy stored under `key`, or undefined when there is none or it is too old to show
 * (then it is deleted in the background). It is handed over as stored, never read here: a body
 * the worker reads and rebuilds passes through its thread, while a stored one streams straight
 * from Cache Storage to the page. The use is recorded after the page is shown, so that rewriting
 * the entry does not compete with the page's rendering.
 */
export async function readSavedCopy(
  cache: Cache,
  key: string,
  { maxAgeMs, now, recordUse, inBackground, shown }: SavedCopyRead,
): Promise<Response | undefined> {
  const saved = await cache.match(key, { ignoreVary: true });
  if (!saved) return undefined;
  const info = describeSavedPage(key, saved);
  if (!isShownOffline(info, maxAgeMs, now)) {
    await saved.body?.cancel();
    inBackground(cache.delete(key));
    return undefined;
  }
  inBackground(shown.then(recordUse));
  if (saved.headers.has(MARKED_HEADER)) return saved;
  // Saved by an earlier worker, which marked copies as it showed them.
  return rebuilt(markSavedCopy(await saved.text(), SAVED_COPY_META, info.savedAt), saved, saved.headers);
}
