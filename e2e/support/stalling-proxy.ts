import http from 'node:http';

/**
 * Lie-fi on demand: an HTTP proxy between the browser and the real server that
 * can accept chosen requests and then never answer them, the way a captive or
 * overloaded network does. The app has no test-only code path for this; the
 * browser (and its service worker) simply talk to the proxy's origin.
 */
export interface StallingProxy {
  url: string;
  /** From now on, requests whose path matches are held open and never answered. */
  stall(path: string): void;
  /** How many requests have been stalled so far. */
  readonly stalled: number;
  close(): Promise<void>;
}

export async function startStallingProxy(target: string): Promise<StallingProxy> {
  const held = new Set<http.ServerResponse>();
  const stalledPaths = new Set<string>();
  let stalled = 0;

  const server = http.createServer((request, response) => {
    const path = new URL(request.url ?? '/', target).pathname;
    if (stalledPaths.has(path)) {
      stalled += 1;
      held.add(response);
      response.on('close', () => held.delete(response));
      return;
    }
    const upstream = http.request(
      new URL(request.url ?? '/', target),
      { method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    stall: (path) => stalledPaths.add(path),
    get stalled() {
      return stalled;
    },
    async close() {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
