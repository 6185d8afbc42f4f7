import { config } from './config.ts';
import { isSameOrigin } from './scope.ts';

/**
 * Auth pages carry one-time form state and say nothing worth reading offline;
 * the worker script must always come from the network.
 */
const NEVER_SAVED = new Set(['/login', '/signup', '/logout', '/serviceworker.js']);

/**
 * Only a plain, complete, reusable HTML page is saved: same origin, GET, 200,
 * not the end of a redirect and not marked no-store by the server.
 */
export function isSavablePage(request: Request, response: Response): boolean {
  if (request.method !== 'GET' || !isSameOrigin(request.url)) return false;
  const path = new URL(request.url).pathname;
  if (NEVER_SAVED.has(path) || path === config.offlinePage) return false;
  if (response.status !== 200 || response.redirected || response.type === 'opaqueredirect') return false;
  if (/\bno-store\b/i.test(response.headers.get('cache-control') ?? '')) return false;
  return (response.headers.get('content-type') ?? '').startsWith('text/html');
}
