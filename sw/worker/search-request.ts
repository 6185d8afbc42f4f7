/**
 * Requests for /search: navigations, and the page script's fetches of results into the page
 * (sw/page/search-in-page.ts). The server answers when it can; when the network fails, or has not
 * answered within the timeout (lie-fi, when a saved page would be shown), the discussions saved on
 * this device are searched instead (search-offline.ts). Results are never saved: a saved copy
 * would show yesterday's answer as today's.
 */

export const SEARCH_PATH = '/search';

/** A request for the results page: a navigation, or a fetch that asks for HTML. */
export function isSearchRequest(request: Request): boolean {
  if (new URL(request.url).pathname !== SEARCH_PATH) return false;
  return request.mode === 'navigate' || (request.headers.get('accept') ?? '').includes('text/html');
}

export interface SearchRequestOptions {
  networkTimeoutMs: number;
  offlineSearch: (url: string) => Promise<Response>;
}

export async function answerSearch(event: FetchEvent, options: SearchRequestOptions): Promise<Response> {
  // Only a navigation is preloaded; a fetch's preloadResponse is undefined.
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
