import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, Client } from '../helpers/app.ts';
import { postRoutes } from './support/routes.ts';
import { cast, TARGETS, type Target } from './support/targets.ts';

const HOST = 'charcha.test';
const SAME_ORIGIN = { host: HOST, origin: `http://${HOST}` };
const FORM = 'application/x-www-form-urlencoded';

interface Attack {
  name: string;
  headers(victimToken: string, attackerToken: string): Record<string, string>;
  body(fields: Record<string, string>, victimToken: string, attackerToken: string): string;
  /** Cookies the forged request carries; by default all of the victim's. */
  cookie?(victimCookie: string): string;
  query?(victimToken: string): string;
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** What another site can make a victim's browser send, and a few things a careless defence would let through. */
const ATTACKS: Attack[] = [
  { name: 'no Origin and no token', headers: () => ({ host: HOST }), body: (f) => form(f) },
  {
    name: 'a foreign Origin with a valid token',
    headers: () => ({ host: HOST, origin: 'https://evil.example' }),
    body: (f, token) => form({ ...f, _csrf: token }),
  },
  {
    name: 'Origin: null (a sandboxed frame) with a valid token',
    headers: () => ({ host: HOST, origin: 'null' }),
    body: (f, token) => form({ ...f, _csrf: token }),
  },
  {
    name: 'a look-alike Origin with a valid token',
    headers: () => ({ host: HOST, origin: `http://${HOST}.evil.example` }),
    body: (f, token) => form({ ...f, _csrf: token }),
  },
  {
    name: 'a wrong token',
    headers: () => SAME_ORIGIN,
    body: (f) => form({ ...f, _csrf: 'forged-token-value' }),
  },
  {
    name: "the attacker's own valid token",
    headers: () => SAME_ORIGIN,
    body: (f, _victim, attacker) => form({ ...f, _csrf: attacker }),
  },
  {
    name: 'a valid token in the query string only',
    headers: () => SAME_ORIGIN,
    body: (f) => form(f),
    query: (token) => `?_csrf=${encodeURIComponent(token)}`,
  },
  {
    name: 'a valid token but no CSRF cookie',
    headers: () => SAME_ORIGIN,
    body: (f, token) => form({ ...f, _csrf: token }),
    cookie: (c) =>
      c
        .split('; ')
        .filter((pair) => !pair.startsWith('_csrf='))
        .join('; '),
  },
];

async function forge(target: Target, attack: Attack, attackerToken: string) {
  const victimToken = await target.victim.csrfToken();
  return {
    victimToken,
    request: {
      method: 'POST' as const,
      url: target.url + (attack.query?.(victimToken) ?? ''),
      payload: attack.body(target.fields, victimToken, attackerToken),
      headers: {
        'content-type': FORM,
        cookie: attack.cookie ? attack.cookie(target.victim.cookieHeader) : target.victim.cookieHeader,
        ...attack.headers(victimToken, attackerToken),
      },
    },
  };
}

test('every state-changing route refuses every cross-site request with 403 and changes nothing', async (t) => {
  const { app } = await build(t);
  const people = await cast(app);
  const changes = app.db.prepare('SELECT total_changes()').pluck();
  const routes = postRoutes(app);
  const untargeted = routes.filter((route) => TARGETS[route] === undefined);
  assert.deepEqual(untargeted, [], 'POST routes without a cross-site test target: add them to TARGETS');
  const attacker = new Client(app);
  const attackerToken = await attacker.csrfToken();
  let refused = 0;

  for (const route of routes) {
    const makeTarget = TARGETS[route];
    if (!makeTarget) continue;
    for (const attack of ATTACKS) {
      const target = await makeTarget(people);
      const { request } = await forge(target, attack, attackerToken);
      const before = changes.get();
      const response = await app.inject(request);
      const where = `${route} with ${attack.name}`;
      assert.equal(
        response.statusCode,
        403,
        `${where}: ${response.statusCode} ${response.body.slice(0, 200)}`,
      );
      assert.match(response.body, /did not come from Charcha|other sites are not accepted/, where);
      assert.equal(changes.get(), before, `${where} wrote to the database`);
      const newSession = [response.headers['set-cookie'] ?? []].flat().some((c) => c.startsWith('sid='));
      assert.ok(!newSession, `${where} handed out a session`);
      refused += 1;
    }

    // The control: the same request from the victim's own page succeeds, so each refusal above was the
    // cross-site defence at work and not some other check.
    const target = await makeTarget(people);
    const token = await target.victim.csrfToken();
    const before = changes.get();
    const response = await app.inject({
      method: 'POST',
      url: target.url,
      payload: form({ ...target.fields, _csrf: token }),
      headers: { 'content-type': FORM, cookie: target.victim.cookieHeader, ...SAME_ORIGIN },
    });
    assert.ok(response.statusCode < 400, `${route} from its own page: ${response.statusCode}`);
    assert.ok((changes.get() as number) > (before as number), `${route} from its own page changed nothing`);
  }
  t.diagnostic(`${refused} forged requests refused over ${routes.length} routes × ${ATTACKS.length} attacks`);
});

test('a JSON request from a script on another site is refused like a form', async (t) => {
  const { app } = await build(t);
  const { victim, other } = await cast(app);
  const discussionId = await other.startDiscussion('Other thread');
  const changes = app.db.prepare('SELECT total_changes()').pluck();
  const before = changes.get();
  for (const headers of [
    { host: HOST },
    { host: HOST, origin: 'https://evil.example', 'x-csrf-token': await victim.csrfToken() },
    { host: HOST, 'x-csrf-token': 'forged' },
  ]) {
    const response = await app.inject({
      method: 'POST',
      url: `/discuss/${discussionId}/comments`,
      payload: { body: 'planted' },
      headers: { accept: 'application/json', cookie: victim.cookieHeader, ...headers },
    });
    assert.equal(response.statusCode, 403);
    assert.match(response.json<{ error: string }>().error, /did not come from Charcha|other sites/);
  }
  assert.equal(changes.get(), before);
});

/** Posts comments as one person, from a page at `origin`, with the Host the request reached the server with. */
async function commenter(app: Awaited<ReturnType<typeof build>>['app']) {
  const { victim, other } = await cast(app);
  const discussionId = await other.startDiscussion('Behind a proxy');
  return async (origin: string, host: string) =>
    app.inject({
      method: 'POST',
      url: `/discuss/${discussionId}/comments`,
      payload: { body: `from a page at ${origin}` },
      headers: {
        accept: 'application/json',
        cookie: victim.cookieHeader,
        'x-csrf-token': await victim.csrfToken(),
        host,
        origin,
      },
    });
}

test('in production the Origin must be PUBLIC_ORIGIN, whatever Host the request claims', async (t) => {
  const { app } = await build(t, { production: true, publicOrigin: 'https://charcha.example' });
  const commentFrom = await commenter(app);
  // A proxy that passes the client's Host on: another site names itself in both Origin and Host.
  const spoofed = await commentFrom('https://evil.example', 'evil.example');
  assert.equal(spoofed.statusCode, 403, spoofed.body);
  // The right host on the wrong scheme is another origin.
  const plainHttp = await commentFrom('http://charcha.example', 'charcha.example');
  assert.equal(plainHttp.statusCode, 403, plainHttp.body);
  assert.equal(app.db.prepare('SELECT count(*) FROM comments').pluck().get(), 0);
  // The forum's own page, through a proxy that rewrote Host to the address it forwards to.
  const own = await commentFrom('https://charcha.example', '127.0.0.1:3000');
  assert.equal(own.statusCode, 201, own.body);
});

test('outside production PUBLIC_ORIGIN and the Host of the request are both this site', async (t) => {
  const { app } = await build(t, { publicOrigin: 'http://127.0.0.1:3000' });
  const commentFrom = await commenter(app);
  assert.equal((await commentFrom('http://127.0.0.1:3000', 'localhost:3000')).statusCode, 201);
  assert.equal((await commentFrom('http://localhost:3000', 'localhost:3000')).statusCode, 201);
  assert.equal((await commentFrom('https://evil.example', 'localhost:3000')).statusCode, 403);
});
