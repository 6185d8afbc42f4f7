import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import type { App } from '../../app/app.ts';
import { build, Client, createUser, postForm } from '../helpers/app.ts';
import { count, snapshot } from '../helpers/data.ts';
import { discussionWithComment } from '../helpers/forum.ts';
import { errorMessage } from '../helpers/html.ts';
import { routePaths } from '../helpers/routes.ts';

const CSRF_REFUSED =
  'This form has expired or did not come from Charcha. Go back, reload the page and try again.';
const FOREIGN_REFUSED = 'Requests from other sites are not accepted.';
/** Enough fields for any of our forms to be acceptable, so only the CSRF defence can refuse it. */
const FIELDS = {
  title: 'Forged',
  url: '',
  text: 'forged text',
  body: 'forged comment',
  direction: 'up',
  username: 'mallory',
  password: 'forged password',
};

/** Every route that changes state, as the app itself lists them, so a new route cannot be forgotten. */
function stateChangingRoutes(app: App): string[] {
  // Forms POST and the outbox POSTs; scripts also DELETE. Another method would need its own forgeries.
  for (const method of ['PUT', 'PATCH']) assert.deepEqual(routePaths(app, method), [], method);
  return ['POST', 'DELETE'].flatMap((method) => routePaths(app, method).map((path) => `${method} ${path}`));
}

/** Sends `fields` as a form to `route` ("METHOD /path") with the victim's cookies and nothing else added. */
function forge(
  app: App,
  victim: Client,
  route: string,
  url: string,
  fields: Record<string, string>,
  headers = {},
) {
  const method = route.startsWith('DELETE ') ? 'DELETE' : 'POST';
  return postForm(app, url, fields, { method, cookie: victim.cookieHeader, headers });
}

async function forum(t: TestContext) {
  const { app, asha, bilal, discussionId, commentId } = await discussionWithComment(
    t,
    'A target',
    'another target',
  );
  const victimFor = (route: string) => (route.endsWith('/vote') ? bilal : asha);
  const urlFor = (route: string) =>
    (route.split(' ')[1] ?? '')
      .replace(/^\/discuss\/:id/, `/discuss/${discussionId}`)
      .replace(/^\/comments\/:id/, `/comments/${commentId}`);
  return { app, asha, bilal, discussionId, victimFor, urlFor };
}

test('the app lists its state-changing routes, and they include every form of the forum', async (t) => {
  const { app } = await build(t);
  const routes = stateChangingRoutes(app);
  for (const expected of [
    'POST /signup',
    'POST /login',
    'POST /logout',
    'POST /submit',
    'POST /discuss/:id/edit',
    'POST /discuss/:id/delete',
    'POST /discuss/:id/comments',
    'POST /discuss/:id/vote',
    'POST /comments/:id/edit',
    'POST /comments/:id/delete',
    'POST /comments/:id/vote',
    'POST /push/subscriptions',
    'DELETE /push/subscriptions',
  ])
    assert.ok(routes.includes(expected), `${expected} in ${routes.join(', ')}`);
});

test('every state-changing route refuses a form without a CSRF token, and nothing changes', async (t) => {
  const { app, victimFor, urlFor } = await forum(t);
  const before = snapshot(app);
  for (const route of stateChangingRoutes(app)) {
    const response = await forge(app, victimFor(route), route, urlFor(route), FIELDS);
    assert.equal(response.statusCode, 403, route);
    assert.equal(errorMessage(response.body), CSRF_REFUSED, route);
  }
  assert.equal(snapshot(app), before);
});

test("every state-changing route refuses another visitor's token, and nothing changes", async (t) => {
  const { app, victimFor, urlFor } = await forum(t);
  const mallorysToken = await new Client(app).csrfToken();
  const before = snapshot(app);
  for (const route of stateChangingRoutes(app)) {
    for (const token of [mallorysToken, 'not-a-token', '']) {
      const response = await forge(app, victimFor(route), route, urlFor(route), { ...FIELDS, _csrf: token });
      assert.equal(response.statusCode, 403, `${route} with token "${token}"`);
      assert.equal(errorMessage(response.body), CSRF_REFUSED, route);
    }
  }
  assert.equal(snapshot(app), before);
});

test('every state-changing route refuses JSON without the x-csrf-token header', async (t) => {
  const { app, victimFor, urlFor } = await forum(t);
  const before = snapshot(app);
  for (const route of stateChangingRoutes(app)) {
    const victim = victimFor(route);
    const response = await app.inject({
      method: route.startsWith('DELETE ') ? 'DELETE' : 'POST',
      url: urlFor(route),
      payload: FIELDS,
      headers: { accept: 'application/json', cookie: victim.cookieHeader },
    });
    assert.equal(response.statusCode, 403, route);
    assert.deepEqual(response.json(), { error: CSRF_REFUSED }, route);
  }
  assert.equal(snapshot(app), before);
});

test('a form from another site is refused by its Origin even with a valid token', async (t) => {
  const { app, victimFor, urlFor } = await forum(t);
  const before = snapshot(app);
  for (const route of stateChangingRoutes(app)) {
    for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example', 'not a url']) {
      const victim = victimFor(route);
      const fields = { ...FIELDS, _csrf: await victim.csrfToken() };
      const response = await forge(app, victim, route, urlFor(route), fields, { origin });
      assert.equal(response.statusCode, 403, `${route} from ${origin}`);
      assert.equal(errorMessage(response.body), FOREIGN_REFUSED);
    }
  }
  assert.equal(snapshot(app), before);
});

test('a form from this site, with its token and its own Origin, is accepted', async (t) => {
  const { asha, bilal, discussionId } = await forum(t);
  const sameSite = { host: 'charcha.example:3000', origin: 'http://charcha.example:3000' };
  const submit = await asha.post('/submit', { title: 'Same site', url: '', text: 'fine' }, sameSite);
  assert.equal(submit.statusCode, 303);
  const vote = await bilal.post(`/discuss/${discussionId}/vote`, { direction: 'up' }, sameSite);
  assert.equal(vote.statusCode, 303);
  const json = await asha.postJson('/submit', { title: 'Script', text: 'with header token' });
  assert.equal(json.statusCode, 201);
});

test('a token keeps working across pages for as long as nobody logs in or out', async (t) => {
  const { app, asha, discussionId } = await forum(t);
  const token = await asha.csrfToken('/');
  await asha.get(`/discuss/${discussionId}`);
  const response = await asha.post('/submit', { _csrf: token, title: 'Later', url: '', text: 'still valid' });
  assert.equal(response.statusCode, 303);
  const cookie = await new Client(app).get('/signup');
  const secret = String(cookie.headers['set-cookie']).match(/_csrf=[^;]+;[^,]*/)?.[0] ?? '';
  assert.match(secret, /HttpOnly/);
  assert.match(secret, /SameSite=Lax/);
});

/** The browser's CSRF secret cookie, as the client holds it. */
const secretOf = (client: Client) => client.cookieHeader.match(/(?:^|; )_csrf=([^;]+)/)?.[1];

test('logging in and logging out each give the browser a new CSRF secret; tokens of the old one are refused', async (t) => {
  const { app } = await build(t);
  await createUser(app, 'asha');
  const browser = new Client(app);
  const beforeLogin = await browser.csrfToken();
  const plantedSecret = secretOf(browser);
  assert.ok(plantedSecret);

  await browser.logIn('asha');
  assert.notEqual(secretOf(browser), plantedSecret, 'login renews the secret');
  const stale = await browser.postRaw('/submit', { _csrf: beforeLogin, title: 'Forged', url: '', text: 'x' });
  assert.equal(stale.statusCode, 403, "a token of the secret from before the login is another browser's");
  assert.equal(count(app, 'SELECT count(*) FROM posts'), 0);
  assert.equal((await browser.startDiscussion('Fresh token')) > 0, true, 'a page read after login works');

  const loggedIn = secretOf(browser);
  const beforeLogout = await browser.csrfToken('/');
  await browser.logOut();
  assert.notEqual(secretOf(browser), loggedIn, 'logout renews the secret');
  await browser.logIn('asha');
  const afterLogout = await browser.postRaw('/submit', {
    _csrf: beforeLogout,
    title: 'Old',
    url: '',
    text: 'x',
  });
  assert.equal(afterLogout.statusCode, 403, 'the next person on this computer does not inherit it');
});
