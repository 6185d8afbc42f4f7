import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../app/config.ts';
import { FRONT_PAGE_SIZE } from '../../app/domain/limits.ts';
import type { ReadAheadList } from '../../sw/shared/read-ahead-list.ts';
import { build, Client, createUser, logInAs } from '../helpers/app.ts';
import { HOUR, insertPost } from '../helpers/data.ts';
import { listedPostIds } from '../helpers/html.ts';

const LIST = '/offline/read-ahead.json';
const SECRET = 'a-session-secret-of-at-least-32-characters';

/** More discussions than a front page shows, with scores that make "top" and "new" differ. */
async function forum(app: Awaited<ReturnType<typeof build>>['app'], count = FRONT_PAGE_SIZE + 5) {
  const authorId = await createUser(app, 'asha');
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    insertPost(app, { authorId, title: `Discussion ${i}`, score: (i * 7) % 11, createdAt: now - i * HOUR });
  }
}

const idsOf = (list: ReadAheadList) => list.discussions.map((item) => Number(item.url.split('/').pop()));

test('the read-ahead list names what the first page of each listing shows, in its order', async (t) => {
  const { app } = await build(t);
  await forum(app);
  const client = new Client(app);
  for (const [listing, page] of [
    ['top', '/'],
    ['new', '/new'],
  ] as const) {
    const response = await client.get(`${LIST}?listing=${listing}`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const list = response.json() as ReadAheadList;
    assert.equal(list.listing, listing);
    assert.deepEqual(idsOf(list), listedPostIds((await client.get(page)).body), listing);
  }
  const byDefault = (await client.get(LIST)).json() as ReadAheadList;
  assert.equal(byDefault.listing, 'top');
});

test('each entry carries the revision its page shows, and a comment changes it', async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const id = await asha.startDiscussion('Chai', 'Which?');
  const revisionIn = async () => {
    const list = (await new Client(app).get(`${LIST}?listing=new`)).json() as ReadAheadList;
    return list.discussions.find((item) => item.url === `/discuss/${id}`)?.revision;
  };
  const page = await new Client(app).get(`/discuss/${id}`);
  const shown = Number(page.body.match(/data-discussion-revision="(\d+)"/)?.[1]);
  assert.equal(await revisionIn(), shown);
  await asha.comment(id, 'Masala.');
  assert.equal(await revisionIn(), shown + 1);
});

test('the list is revalidated: no-cache with an ETag, 304 while nothing changed, the same for everyone', async (t) => {
  const { app } = await build(t);
  await forum(app, 3);
  const first = await new Client(app).get(`${LIST}?listing=new`);
  assert.equal(first.headers['cache-control'], 'no-cache');
  const etag = String(first.headers.etag);
  assert.ok(etag);
  assert.equal(first.headers['set-cookie'], undefined);
  const again = await new Client(app).get(`${LIST}?listing=new`, { 'if-none-match': etag });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
  const signedIn = await logInAs(app, 'bilal');
  assert.equal((await signedIn.get(`${LIST}?listing=new`)).headers.etag, etag);
});

test('SW_READ_AHEAD sets how many are listed; 0 lists none and the worker is told not to ask', async (t) => {
  const few = await build(t, { readAheadDiscussions: 2 });
  await forum(few.app, 5);
  assert.equal(((await new Client(few.app).get(LIST)).json() as ReadAheadList).discussions.length, 2);

  const off = await build(t, { readAheadDiscussions: 0 });
  await forum(off.app, 5);
  assert.deepEqual(((await new Client(off.app).get(LIST)).json() as ReadAheadList).discussions, []);
  const script = (await new Client(off.app).get('/serviceworker.js')).body;
  assert.match(script, /"listUrl": null/);
});

test('an unknown listing is a 400, not a list', async (t) => {
  const { app } = await build(t);
  const response = await new Client(app).get(`${LIST}?listing=best`);
  assert.equal(response.statusCode, 400);
});

test('SW_READ_AHEAD and SW_READ_AHEAD_BUDGET_KB: defaults, overrides, and refusals that name them', () => {
  const defaults = loadConfig({ SESSION_SECRET: SECRET });
  assert.equal(defaults.readAheadDiscussions, 30);
  assert.equal(defaults.readAheadBudgetKb, 25 * 1024);
  const set = loadConfig({ SESSION_SECRET: SECRET, SW_READ_AHEAD: '0', SW_READ_AHEAD_BUDGET_KB: '300' });
  assert.equal(set.readAheadDiscussions, 0);
  assert.equal(set.readAheadBudgetKb, 300);
  const refused: [Record<string, string>, RegExp][] = [
    [{ SW_READ_AHEAD: '-1' }, /^SW_READ_AHEAD must be a non-negative integer, got "-1"$/],
    [{ SW_READ_AHEAD: 'all' }, /^SW_READ_AHEAD must be a non-negative integer, got "all"$/],
    [{ SW_READ_AHEAD: '101' }, /^SW_READ_AHEAD must be at most 100, got "101"$/],
    [{ SW_READ_AHEAD_BUDGET_KB: '0' }, /^SW_READ_AHEAD_BUDGET_KB must be a positive integer, got "0"$/],
  ];
  for (const [env, message] of refused) {
    assert.throws(
      () => loadConfig({ SESSION_SECRET: SECRET, ...env }),
      (error: unknown) => error instanceof ConfigError && message.test(error.message),
      JSON.stringify(env),
    );
  }
});

test('the saved-pages page is rendered for nobody, with the limits the worker applies', async (t) => {
  const { app } = await build(t, { pageCacheMaxAgeS: 600, readAheadBudgetKb: 300 });
  const asha = await logInAs(app, 'asha');
  const page = await asha.get('/offline/saved');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<h1>Saved for offline<\/h1>/);
  assert.match(page.body, /data-max-age-ms="600000"/);
  assert.match(page.body, /data-read-ahead-budget="307200"/);
  assert.doesNotMatch(page.body, /asha|name="_csrf"/, 'shown from the precache to whoever is at the device');
  assert.match(page.body, /<noscript>/);
  const script = (await asha.get('/serviceworker.js')).body;
  assert.match(script, /"\/offline\/saved"/);
  assert.match(script, /"savedPagesPage": "\/offline\/saved"/);
});
