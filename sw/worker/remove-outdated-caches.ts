import { ASSETS_CACHE, PRECACHE_PREFIX } from '../shared/cache-names.ts';

export interface CurrentCaches {
  /** This version's precache, which stays. */
  precache: string;
  /** The paths it holds: an old copy of one of them is never worth keeping. */
  precachedPaths: Set<string>;
  /** The hashed asset paths the saved pages refer to. */
  neededBySavedPages: Set<string>;
}

/**
 * Runs at activate. Older precaches go, but the saved pages stay (their cache
 * name never changes) and so do the old hashed assets they refer to: those move
 * to the runtime assets cache, so a discussion saved before a deploy still renders
 * with its own styles offline. Runtime assets that no saved page needs, or that
 * the new precache already holds, are dropped: that cache is bounded by the pages cache.
 */
export async function removeOutdatedCaches(storage: CacheStorage, current: CurrentCaches): Promise<void> {
  const outdated = (await storage.keys()).filter(
    (name) => name.startsWith(PRECACHE_PREFIX) && name !== current.precache,
  );
  const keep = (path: string) => current.neededBySavedPages.has(path) && !current.precachedPaths.has(path);
  const runtime = await storage.open(ASSETS_CACHE);

  for (const name of outdated) {
    const old = await storage.open(name);
    for (const request of await old.keys()) {
      if (!keep(new URL(request.url).pathname)) continue;
      const response = await old.match(request, { ignoreVary: true });
      if (response) await runtime.put(request.url, response);
    }
    await storage.delete(name);
  }

  for (const request of await runtime.keys()) {
    if (!keep(new URL(request.url).pathname)) await runtime.delete(request);
  }
}
