import { config } from './config.ts';
import { isSavablePage } from './page-policy.ts';
import { whenShown } from './page-shown.ts';
import { readSavedCopy, savePage, trimSavedPages } from './page-store.ts';
import { matchPrecache } from './precache.ts';

const TIMED_OUT = Symbol('timed out');

function delay(ms: number): Promise<typeof TIMED_OUT> {
  return new Promise((resolve) => setTimeout(() => resolve(TIMED_OUT), ms));
}

/**
 * The copy to save is read back from the HTTP cache, where the navigation (or its preload) has
 * just stored the page, rather than cloned off the response: a clone tees the body through this
 * worker's thread, and held the page's last byte back by 40 ms here (the 100-comment thread,
 * bench/). Without an HTTP cache (DevTools' "Disable cache") the page is fetched once more.
 */
async function copyToSave(request: Request): Promise<Response | undefined> {
  const cached = await fetch(request.url, { cache: 'only-if-cached', mode: 'same-origin' }).catch(
    () => undefined,
  );
  const copy = cached?.ok ? cached : await fetch(request.url, { cache: 'no-cache' });
  if (isSavablePage(request, copy)) return copy;
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
export function networkFirst(event: FetchEvent): Promise<Response> {
  const { request } = event;
  const inBackground = (work: Promise<unknown>) => event.waitUntil(work.catch(() => undefined));
  let saving: Promise<void> = Promise.resolve();
  // A page is saved once it has been shown. Saving copies it from the HTTP cache into Cache
  // Storage; done while the page was still parsing and laying out, on this 2-core machine, it made
  // a controlled navigation 1.27 times as slow as an uncontrolled one instead of 1.12 (bench/,
  // three runs of 20 navigations each way).
  const shown = whenShown(event.resultingClientId);
  const network = fetchNavigation(event).then((response) => {
    if (isSavablePage(request, response))
      saving = savePage(
        request.url,
        shown.then(() => copyToSave(request)),
      );
    return response;
  });
  inBackground(network.then(() => saving));

  return (async () => {
    const first = await Promise.race([network.catch(() => undefined), delay(config.networkTimeoutMs)]);
    if (first instanceof Response) return first;
    const saved = await readSavedCopy(request.url, shown, inBackground);
    if (saved) return saved;
    const late = first === TIMED_OUT ? await network.catch(() => undefined) : undefined;
    if (late) return late;
    // The offline page lists the saved threads: expired ones must be gone before it looks.
    await trimSavedPages().catch(() => undefined);
    return (await matchPrecache(config.offlinePage)) ?? Response.error();
  })();
}
