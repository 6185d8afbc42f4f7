import { ASSETS_CACHE } from '../shared/cache-names.ts';
import { matchPrecache } from './precache.ts';

const HASHED_ASSETS = '/assets/*';

export function isHashedAsset(url: URL): boolean {
  return url.pathname.startsWith(HASHED_ASSETS.slice(0, -1));
}

/** The ServiceWorker static routing API (Chromium 123+), not yet in TypeScript's WebWorker library. */
interface RoutingInstallEvent extends ExtendableEvent {
  addRoutes?(rules: { condition: { urlPattern: string }; source: 'cache' }): Promise<void>;
}

/**
 * Where the browser has static routing, hashed assets are looked up in Cache Storage (every
 * cache: this version's precache and the old assets saved pages need) without starting or
 * waking this worker, then fetched if absent: the same answer as cacheFirst below, which stays
 * for the other browsers. A page's stylesheet, script and icon no longer queue behind the
 * worker's other work.
 */
export function routeAssetsPastTheWorker(event: ExtendableEvent): void {
  const routing = event as RoutingInstallEvent;
  try {
    routing
      .addRoutes?.({ condition: { urlPattern: HASHED_ASSETS }, source: 'cache' })
      ?.catch(() => undefined);
  } catch {
    // An engine that knows the method but not this rule: the fetch handler answers instead.
  }
}

/**
 * Hashed assets never change under a name, so a cached copy is always right:
 * this version's precache (named `precache`) first, then the runtime assets
 * cache (old versions saved pages need), then the network, whose answer is
 * kept for next time.
 */
export async function cacheFirst(
  request: Request,
  precache: string,
  inBackground: (work: Promise<unknown>) => void,
) {
  const cached =
    (await matchPrecache(precache, request.url)) ??
    (await (await caches.open(ASSETS_CACHE)).match(request.url, { ignoreVary: true }));
  if (cached) return cached;
  const response = await fetch(request);
  if (response.status === 200 && !response.redirected) {
    const copy = response.clone();
    inBackground(caches.open(ASSETS_CACHE).then((cache) => cache.put(request.url, copy)));
  }
  return response;
}
