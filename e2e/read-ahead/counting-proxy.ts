import { startProxy } from '../support/proxy.ts';

/**
 * Counts what reaches the server: a proxy in front of it that the browser (and its worker)
 * talk to as the site's origin, recording each request's path and query before passing it on.
 */
export interface CountingProxy {
  url: string;
  /** Requests for `pathAndQuery` since the last reset. */
  count(pathAndQuery: string): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const counts = new Map<string, number>();
  const proxy = await startProxy(target, (url) => {
    const key = url.pathname + url.search;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return false;
  });
  return {
    url: proxy.url,
    count: (pathAndQuery) => counts.get(pathAndQuery) ?? 0,
    reset: () => counts.clear(),
    close: () => proxy.close(),
  };
}
