import { USER_HEADER } from '../shared/saved-page-metadata.ts';
import { storedHeaders } from './stored-headers.ts';
import type { oneAtATime } from './stored-page.ts';

/**
 * Logout hygiene: removes every saved page that was rendered for a signed-in person (it shows
 * their name, votes and forms). Resolves to how many went.
 */
export async function forgetSignedInPages(
  cache: Cache,
  exclusive: ReturnType<typeof oneAtATime>,
): Promise<number> {
  const requests = await cache.keys();
  // Under each entry's lock: a rewrite already queued (a use, a pin) lands before the delete.
  const removed = await Promise.all(
    requests.map((request) =>
      exclusive(request.url, async () =>
        (await storedHeaders(cache, request))?.has(USER_HEADER) ? cache.delete(request) : false,
      ),
    ),
  );
  return removed.filter(Boolean).length;
}
