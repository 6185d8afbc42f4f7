import { whenShown } from './page-shown.ts';
import type { PageStore } from './page-store.ts';

export interface NetworkFirstOptions {
  /** How long a navigation waits for the network before a saved copy is shown (lie-fi). */
  networkTimeoutMs: number;
  pages: PageStore;
  isSavable: (request: Request, response: Response) => boolean;
  /**
   * The page shown when neither the network nor a saved copy can answer `url`: the offline page,
   * or the precached copy of the page itself when it is one.
   */
  offlinePage: (url: string) => Promise<Response | undefined>;
}

const TIMED_OUT = Symbol('timed out');

function delay(ms: number): Promise<typeof TIMED_OUT> {
  return new Promise((resolve) => setTimeout(() => resolve(TIMED_OUT), ms));
}

/**
 * The copy to save is read back from the HTTP cache, where the navigation (or its preload) has
 * just stored the page, rather than cloned off the response: a clone tees the body through this
 * worker's thread and holds back the page's last byte. Without an HTTP cache (DevTools' "Disable
 * cache") the page is fetched once more.
 */
async function copyToSave(
  request: Request,
  isSavable: NetworkFirstOptions['isSavable'],
): Promise<Response | undefined> {
  const cached = await fetch(request.url, { cache: 'only-if-cached', mode: 'same-origin' }).catch(
    () => undefined,
  );
  const copy = cached?.ok ? cached : await fetch(request.url, { cache: 'no-cache' });
  if (isSavable(request, copy)) return copy;
  await copy.body?.cancel();
  return undefined;
}

/** Navigation preload starts the request while the worker boots; without it, an ordinary fetch. */
async function fetchNavigation(event: FetchEvent): Promise<Response> {
  const preloaded = (await event.preloadResponse) as Response | undefined;
  return preloaded ?? fetch(event.request);
}

/**
 * Pages: the network first, so a reader always sees new comments when they can.
 * Every good answer is saved. When the network fails, or has not answered within
 * the timeout (lie-fi), the saved copy is shown; without one we keep waiting for
 * the network, and if it fails, show the offline page. The network answer that
 * arrives after a timeout is still saved, for next time.
 */
export function networkFirst(event: FetchEvent, options: NetworkFirstOptions): Promise<Response> {
  const { request } = event;
  const { pages, isSavable } = options;
  const inBackground = (work: Promise<unknown>) => event.waitUntil(work.catch(() => undefined));
  let saving: Promise<void> = Promise.resolve();
  // A page is saved once it has been shown: copying it from the HTTP cache into Cache Storage
  // while the page is still parsing and laying out competes with that work for the CPU and slows
  // the navigation down.
  const shown = whenShown(event.resultingClientId);
  const network = fetchNavigation(event).then((response) => {
    if (isSavable(request, response))
      saving = pages.savePage(
        request.url,
        shown.then(() => copyToSave(request, isSavable)),
      );
    return response;
  });
  inBackground(network.then(() => saving));

  return (async () => {
    const first = await Promise.race([network.catch(() => undefined), delay(options.networkTimeoutMs)]);
    if (first instanceof Response) return first;
    const saved = await pages.readSavedCopy(request.url, shown, inBackground);
    if (saved) return saved;
    const late = first === TIMED_OUT ? await network.catch(() => undefined) : undefined;
    if (late) return late;
    // The offline page lists the saved discussions: expired ones must be gone before it looks.
    await pages.trimSavedPages().catch(() => undefined);
    return (await options.offlinePage(request.url)) ?? Response.error();
  })();
}
