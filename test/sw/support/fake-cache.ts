/// <reference lib="dom" />
// The worker's modules under test name Cache Storage and IndexedDB types; lib DOM declares them
// too, and the root tsconfig (Node's, which type-checks test/) has no WebWorker lib.
/**
 * Cache Storage as the worker uses it, in memory: enough of `Cache` and `CacheStorage` for the
 * worker's decisions to run under node:test. Entries are keyed by URL (the worker always matches
 * with ignoreVary), every match hands out a fresh clone as the browser does, keys() hands back the
 * requests as they were put (headers too), and `capacity` makes put() fail the way a full origin does.
 */

const urlOf = (request: Request | string | URL) =>
  typeof request === 'string' ? request : request instanceof URL ? request.href : request.url;

interface Stored {
  body: ArrayBuffer;
  init: ResponseInit;
  requestHeaders?: Headers;
}

export class FakeCache {
  readonly entries = new Map<string, Stored>();
  /** URLs whose entry match() opened, in order: an entry open in Chromium is not freed by delete(). */
  readonly opened: string[] = [];

  constructor(readonly capacity = Number.POSITIVE_INFINITY) {}

  /** Puts an entry without the quota check, for setting a scene. */
  async seed(url: string, response: Response): Promise<void> {
    this.entries.set(url, await stored(response));
  }

  async match(request: Request | string | URL): Promise<Response | undefined> {
    const entry = this.entries.get(urlOf(request));
    if (entry) this.opened.push(urlOf(request));
    // A new Response each time, as from disk: a clone would tee one body, and cancelling one
    // branch of a tee waits for the other.
    return entry && new Response(entry.body.slice(0), entry.init);
  }

  async put(request: Request | string | URL, response: Response): Promise<void> {
    const url = urlOf(request);
    if (!this.entries.has(url) && this.entries.size >= this.capacity) {
      throw new DOMException('The origin is over its storage quota.', 'QuotaExceededError');
    }
    const requestHeaders = request instanceof Request ? new Headers(request.headers) : undefined;
    this.entries.set(url, { ...(await stored(response)), requestHeaders });
  }

  async delete(request: Request | string | URL): Promise<boolean> {
    return this.entries.delete(urlOf(request));
  }

  async keys(): Promise<Request[]> {
    return [...this.entries].map(([url, entry]) => new Request(url, { headers: entry.requestHeaders }));
  }

  urls(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** Typed as what the worker's code takes. */
  asCache(): Cache {
    return this as unknown as Cache;
  }
}

/** What Cache Storage keeps of a response: it reads the body in full, as put() does. */
async function stored(response: Response): Promise<Stored> {
  const { status, statusText, headers } = response;
  return { body: await response.arrayBuffer(), init: { status, statusText, headers: new Headers(headers) } };
}

export class FakeCacheStorage {
  readonly caches = new Map<string, FakeCache>();

  async open(name: string): Promise<Cache> {
    return this.opened(name).asCache();
  }

  async has(name: string): Promise<boolean> {
    return this.caches.has(name);
  }

  async delete(name: string): Promise<boolean> {
    return this.caches.delete(name);
  }

  async keys(): Promise<string[]> {
    return [...this.caches.keys()];
  }

  opened(name: string): FakeCache {
    const cache = this.caches.get(name) ?? new FakeCache();
    this.caches.set(name, cache);
    return cache;
  }

  asCacheStorage(): CacheStorage {
    return this as unknown as CacheStorage;
  }
}

/** An HTML response as the server sends a page. */
export function htmlPage(body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
  });
}
