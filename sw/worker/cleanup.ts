import { ASSETS_CACHE, PRECACHE_PREFIX } from '../shared/cache-names.ts';
import { config } from './config.ts';
import { assetsNeededBySavedPages } from './page-store.ts';
import { PRECACHE } from './precache.ts';
import { ORIGIN } from './scope.ts';

/**
 * Runs at activate. Older precaches go, but the saved pages stay (their cache
 * name never changes) and so do the old hashed assets they refer to: those move
 * to the runtime assets cache, so a thread saved before a deploy still renders
 * with its own styles offline. Runtime assets that no saved page needs, or that
 * the new precache already holds, are dropped: that cache is bounded by the pages cache.
 */
export async function removeOutdatedCaches(): Promise<void> {
  const outdated = (await caches.keys()).filter(
    (name) => name.startsWith(PRECACHE_PREFIX) && name !== PRECACHE,
  );
  const needed = await assetsNeededBySavedPages();
  const current = new Set(config.precache.map((path) => new URL(path, ORIGIN).pathname));
  const runtime = await caches.open(ASSETS_CACHE);

  for (const name of outdated) {
    const old = await caches.open(name);
    for (const request of await old.keys()) {
      const path = new URL(request.url).pathname;
      if (!needed.has(path) || current.has(path)) continue;
      const response = await old.match(request, { ignoreVary: true });
      if (response) await runtime.put(request.url, response);
    }
    await caches.delete(name);
  }

  for (const request of await runtime.keys()) {
    const path = new URL(request.url).pathname;
    if (!needed.has(path) || current.has(path)) await runtime.delete(request);
  }
}
