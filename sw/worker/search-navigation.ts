/**
 * Navigations to /search: the server answers when it can; when the network fails, or has not
 * answered within the timeout (lie-fi, when a saved page would be shown), the discussions saved on
 * this device are searched instead (search-offline.ts). Results are never saved: a saved copy
 * would show yesterday's answer as today's.
 */

export const SEARCH_PATH = '/search';

export function isSearchNavigation(request: Request): boolean {
  return request.mode === 'navigate' && new URL(request.url).pathname === SEARCH_PATH;
}

export interface SearchNavigationOptions {
  networkTimeoutMs: number;
  offlineSearch: (url: string) => Promise<Response>;
}

export async function searchNavigation(
  event: FetchEvent,
  options: SearchNavigationOptions,
): Promise<Response> {
  const network = Promise.resolve(event.preloadResponse as Promise<Response | undefined>).then(
    (preloaded) => preloaded ?? fetch(event.request),
  );
  const timeout = new Promise<undefined>((resolve) => setTimeout(resolve, options.networkTimeoutMs));
  const answer = await Promise.race([network.catch(() => undefined), timeout]);
  if (answer) return answer;
  // The network's late answer is not waited for, but it is read to its end by nobody: let it go.
  event.waitUntil(network.then((late) => late.body?.cancel()).catch(() => undefined));
  return options.offlineSearch(event.request.url);
}
