import { PRECACHE_PREFIX } from '../shared/cache-names.ts';

/** Each worker version has its own precache, so installing one never disturbs the one still serving. */
export function precacheName(version: string): string {
  return `${PRECACHE_PREFIX}${version}`;
}

/**
 * Fetches the app shell (hashed CSS/JS/icons, the web app manifest, the
 * offline page) into the precache `name`. addAll is all-or-nothing: if one
 * file fails, installation fails, the half-made cache is dropped and the
 * previous worker keeps serving.
 */
export async function precacheShell(name: string, urls: string[]): Promise<void> {
  try {
    const cache = await caches.open(name);
    // 'reload' bypasses the HTTP cache, so a stale copy can never be precached under a new version.
    await cache.addAll(urls.map((url) => new Request(url, { cache: 'reload' })));
  } catch (error) {
    await caches.delete(name);
    throw error;
  }
}

export async function matchPrecache(name: string, url: string): Promise<Response | undefined> {
  return (await caches.open(name)).match(url, { ignoreVary: true });
}
