import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type TestContext, test } from 'node:test';
import type { AppConfig } from '../../app/app.ts';
import { build, createUser, DEFAULT_PASSWORD } from '../helpers/app.ts';

/**
 * Every connection in this test comes from 127.0.0.1, so the client's address on the far side of the
 * proxy is named by the test in this header; the proxy removes it and appends that address to
 * X-Forwarded-For, as nginx's $proxy_add_x_forwarded_for does with the address it saw.
 */
const CLIENT_ADDRESS = 'x-test-client-address';
const GUESSER = '203.0.113.66';
const OWNER = '198.51.100.7';

/** A reverse proxy on loopback in front of `target`; resolves to its base URL. */
async function forwardingProxy(t: TestContext, target: number): Promise<string> {
  const proxy = createServer((incoming, outgoing) => {
    const { [CLIENT_ADDRESS]: client, ...headers } = incoming.headers;
    const forwardedFor = [headers['x-forwarded-for'], client].filter(Boolean).join(', ');
    const upstream = request(
      {
        host: '127.0.0.1',
        port: target,
        method: incoming.method,
        path: incoming.url,
        headers: { ...headers, 'x-forwarded-for': forwardedFor },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => proxy.close(() => resolve())));
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

/** The forum, listening on loopback with its login limit on, behind the proxy. */
async function forumBehindProxy(t: TestContext, config: Partial<AppConfig>) {
  const { app } = await build(t, { rateLimits: true, ...config });
  await createUser(app, 'owner');
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, proxy: await forwardingProxy(t, (app.server.address() as AddressInfo).port) };
}

/** One person's browser, reaching the forum through the proxy from `address`. */
async function browserAt(proxy: string, address: string) {
  const login = await fetch(`${proxy}/login`, { headers: { [CLIENT_ADDRESS]: address } });
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const token = (await login.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  return {
    async logIn(password: string, extraHeaders: Record<string, string> = {}): Promise<number> {
      const response = await fetch(`${proxy}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie,
          [CLIENT_ADDRESS]: address,
          ...extraHeaders,
        },
        body: new URLSearchParams({ _csrf: token, username: 'owner', password }).toString(),
      });
      await response.arrayBuffer();
      return response.status;
    },
  };
}

async function guessTenTimes(proxy: string, max: number) {
  const guesser = await browserAt(proxy, GUESSER);
  const statuses: number[] = [];
  for (let i = 0; i <= max; i++) statuses.push(await guesser.logIn(`wrong guess ${i}`));
  return statuses;
}

test('without TRUST_PROXY, everyone behind a proxy shares its address and its login limit', async (t) => {
  const { app, proxy } = await forumBehindProxy(t, {});
  const { max } = app.rateLimits.login || { max: 0 };
  assert.deepEqual(await guessTenTimes(proxy, max), [...Array(max).fill(401), 429]);
  // The documented cost of not naming the proxy: the owner, elsewhere, is refused too.
  assert.equal(await (await browserAt(proxy, OWNER)).logIn(DEFAULT_PASSWORD), 429);
});

test("with TRUST_PROXY naming the proxy, one client's wrong passwords do not lock out another", async (t) => {
  const { app, proxy } = await forumBehindProxy(t, { trustProxy: ['127.0.0.1'] });
  const { max } = app.rateLimits.login || { max: 0 };
  assert.deepEqual(await guessTenTimes(proxy, max), [...Array(max).fill(401), 429]);
  assert.equal(await (await browserAt(proxy, OWNER)).logIn(DEFAULT_PASSWORD), 303, 'the owner logs in');

  // A guesser who writes X-Forwarded-For itself gains nothing: the proxy appends the address it
  // saw, and only that last entry comes from a trusted hop.
  const spoofer = await browserAt(proxy, GUESSER);
  const spoofed = await spoofer.logIn('another guess', { 'x-forwarded-for': '192.0.2.123' });
  assert.equal(spoofed, 429, 'a forged X-Forwarded-For is not a new client');
});
