import { PRECACHE_PREFIX } from '../shared/cache-names.ts';
import { config } from './config.ts';

export const PRECACHE = `${PRECACHE_PREFIX}${config.version}`;

/**
 * Fetches the app shell (hashed CSS/JS/icons, the web app manifest, the
 * offline page) into this version's precache. addAll is all-or-nothing: if one
 * file fails, installation fails, the half-made cache is dropped and the
 * previous worker keeps serving.
 */
export async function precacheShell(): Promise<void> {
  try {
    const cache = await caches.open(PRECACHE);
    // 'reload' bypasses the HTTP cache, so a stale copy can never be precached under a new version.
    await cache.addAll(config.precache.map((url) => new Request(url, { cache: 'reload' })));
  } catch (error) {
    await caches.delete(PRECACHE);
    throw error;
  }
}

export async function matchPrecache(url: string): Promise<Response | undefined> {
  return (await caches.open(PRECACHE)).match(url, { ignoreVary: true });
}
