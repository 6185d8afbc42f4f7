import http from 'node:http';

/**
 * Counts what reaches the server: an HTTP proxy in front of it that the browser (and its worker)
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
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', target);
    const key = url.pathname + url.search;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const upstream = http.request(url, { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    count: (pathAndQuery) => counts.get(pathAndQuery) ?? 0,
    reset: () => counts.clear(),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
