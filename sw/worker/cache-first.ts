import { ASSETS_CACHE } from './names.ts';
import { matchPrecache } from './precache.ts';

export function isHashedAsset(url: URL): boolean {
  return url.pathname.startsWith('/assets/');
}

/**
 * Hashed assets never change under a name, so a cached copy is always right:
 * the precache first, then the runtime assets cache (old versions saved pages
 * need), then the network, whose answer is kept for next time.
 */
export async function cacheFirst(request: Request, inBackground: (work: Promise<unknown>) => void) {
  const cached =
    (await matchPrecache(request.url)) ??
    (await (await caches.open(ASSETS_CACHE)).match(request.url, { ignoreVary: true }));
  if (cached) return cached;
  const response = await fetch(request);
  if (response.status === 200 && !response.redirected) {
    const copy = response.clone();
    inBackground(caches.open(ASSETS_CACHE).then((cache) => cache.put(request.url, copy)));
  }
  return response;
}
