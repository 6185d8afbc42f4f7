/**
 * The pages cache's keys kept in the worker's memory, for offline search: `cache.keys()` took most
 * of a search's time. Every write to the pages cache in this worker goes through the cache this
 * opens (index.ts hands the same opener to the page store: saving, read-ahead, eviction, expiry,
 * pinning, the logout purge), so each put and delete updates the copy as it completes. Pages only
 * read the cache, and a new worker version starts with an empty memory.
 */

export interface TrackedPagesCache {
  /** Opens the pages cache; its writes keep `keys` exact. */
  open(): Promise<Cache>;
  /** The URLs saved in the pages cache, read once and then kept up to date. */
  keys(): Promise<ReadonlySet<string>>;
}

const urlOf = (request: RequestInfo | URL): string =>
  request instanceof Request ? request.url : new Request(request).url;

export function trackedPagesCache(openCache: () => Promise<Cache>): TrackedPagesCache {
  let known: Set<string> | undefined;
  /** Counts writes, so a key list read while one completed is not kept (it may predate the write). */
  let writes = 0;
  const changed = (update: (keys: Set<string>) => void) => {
    writes++;
    if (known) update(known);
  };
  /** A write that failed may have happened in part: read the keys again next time. */
  const unsure = (error: unknown) => {
    writes++;
    known = undefined;
    throw error;
  };

  function tracked(cache: Cache): Cache {
    return new Proxy(cache, {
      get(target, property) {
        if (property === 'put')
          return (request: RequestInfo | URL, response: Response) =>
            target.put(request, response).then(() => changed((keys) => keys.add(urlOf(request))), unsure);
        if (property === 'delete')
          return (request: RequestInfo | URL, options?: CacheQueryOptions) =>
            target.delete(request, options).then((deleted) => {
              // One URL holds one entry (put replaces it); a delete that ignores the query string
              // or the method may have removed others as well.
              if (options?.ignoreSearch || options?.ignoreMethod) changed(() => (known = undefined));
              else if (deleted) changed((keys) => keys.delete(urlOf(request)));
              return deleted;
            }, unsure);
        if (property === 'add' || property === 'addAll')
          return (...args: unknown[]) => {
            changed(() => (known = undefined));
            return (target[property] as (...a: unknown[]) => Promise<void>)(...args).finally(() => {
              writes++;
              known = undefined;
            });
          };
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  return {
    open: async () => tracked(await openCache()),
    async keys() {
      if (known) return known;
      const before = writes;
      const read = new Set((await (await openCache()).keys()).map((request) => request.url));
      if (writes === before) known ??= read;
      return known ?? read;
    },
  };
}
