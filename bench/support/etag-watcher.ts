/** How often the current ETag is fetched during a load: a stale one answers 200s for at most this long. */
const REFRESH_MS = 250;

export interface EtagWatcher {
  current(): string;
  start(): Promise<void>;
  stop(): void;
}

/**
 * Follows a page's current ETag while a load runs, the way a browser always revalidates with the
 * validator of its latest copy: the app may rotate ETags (a page that says "3 minutes ago").
 */
export function watchEtag(url: string): EtagWatcher {
  let current = '';
  let timer: NodeJS.Timeout | undefined;
  const refresh = async () => {
    const response = await fetch(url);
    await response.arrayBuffer();
    const etag = response.headers.get('etag');
    if (etag === null) throw new Error(`${url} has no ETag`);
    current = etag;
  };
  return {
    current: () => current,
    async start() {
      await refresh();
      timer = setInterval(() => {
        refresh().catch(() => {
          // A refresh that fails under load keeps the previous ETag; the 200s it earns are reported.
        });
      }, REFRESH_MS);
    },
    stop() {
      clearInterval(timer);
    },
  };
}
