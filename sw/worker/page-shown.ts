/**
 * When a page the worker answered has been shown: the page script says so at its load event
 * (sw/page/page-shown.ts), identified by the client its navigation created. Work that can wait,
 * such as saving the page, waits for it rather than competing with the page's own rendering.
 */

/** A page without its script (it failed to load, or JavaScript is off) never says so. */
const FALLBACK_MS = 2000;

const waiting = new Map<string, () => void>();

/** Resolves when the client `clientId` reports it has loaded, or after FALLBACK_MS. */
export function whenShown(clientId: string): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, FALLBACK_MS);
    function done() {
      clearTimeout(timer);
      waiting.delete(clientId);
      resolve();
    }
    waiting.set(clientId, done);
  });
}

/** For the `page-shown` message: `source` is the client that sent it. */
export function pageShown(source: Client | ServiceWorker | MessagePort | null): void {
  if (source && 'id' in source) waiting.get(source.id)?.();
}
