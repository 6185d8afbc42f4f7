import http from 'node:http';

export interface Proxy {
  url: string;
  close(): Promise<void>;
}

/**
 * Decides about one request before it is passed on: returns true when it has taken the request
 * over (answered it, or holds it open), false to let it through to the server untouched.
 */
export type Intercept = (url: URL, response: http.ServerResponse) => boolean;

/**
 * An HTTP proxy on a free loopback port in front of `target`. The browser (and its service worker)
 * talk to it as the site's origin, so the app needs no test-only code path for what it does.
 */
export async function startProxy(target: string, intercept: Intercept = () => false): Promise<Proxy> {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', target);
    if (intercept(url, response)) return;
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
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
