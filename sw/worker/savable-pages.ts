import { isSameOrigin } from './same-origin.ts';

export interface SavablePageOptions {
  /** The worker's own origin. */
  origin: string;
  /** The offline page is precached with the shell: a saved copy of it would only go stale. */
  offlinePage: string;
  /** Other pages precached with the shell (the saved-pages page), left out for the same reason. */
  otherPrecachedPages?: readonly string[];
}

/**
 * Auth pages carry one-time form state and say nothing worth reading offline;
 * the worker script must always come from the network; search results are searched again
 * offline, on the device (search-offline.ts), rather than shown as they were.
 */
const NEVER_SAVED = new Set(['/login', '/signup', '/logout', '/serviceworker.js', '/search']);

/**
 * Only a plain, complete, reusable HTML page is saved: same origin, GET, 200,
 * not the end of a redirect and not marked no-store by the server.
 */
export function isSavablePage(request: Request, response: Response, options: SavablePageOptions): boolean {
  if (request.method !== 'GET' || !isSameOrigin(request.url, options.origin)) return false;
  const path = new URL(request.url).pathname;
  if (NEVER_SAVED.has(path) || path === options.offlinePage || options.otherPrecachedPages?.includes(path))
    return false;
  if (response.status !== 200 || response.redirected || response.type === 'opaqueredirect') return false;
  if (/\bno-store\b/i.test(response.headers.get('cache-control') ?? '')) return false;
  return (response.headers.get('content-type') ?? '').startsWith('text/html');
}
