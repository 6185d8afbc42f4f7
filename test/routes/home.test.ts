import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FRONT_PAGE_SIZE, MAX_PAGE } from '../../app/domain/limits.ts';
import { build, Client, createUser } from '../helpers/app.ts';
import { HOUR, insertPost, MINUTE } from '../helpers/data.ts';
import { ashaAlone } from '../helpers/forum.ts';
import { errorMessage, listedPostIds } from '../helpers/html.ts';

test('the front page ranks by (points - 1) / (age + 2)^1.8, neither by score nor by age alone', async (t) => {
  const { app } = await build(t);
  const authorId = await createUser(app, 'asha');
  const now = Date.now();
  const oldPopular = insertPost(app, {
    authorId,
    title: 'Old but popular',
    score: 100,
    createdAt: now - 48 * HOUR,
  });
  const freshModest = insertPost(app, {
    authorId,
    title: 'Fresh, a few votes',
    score: 5,
    createdAt: now - HOUR,
  });
  const middle = insertPost(app, { authorId, title: 'Middle', score: 30, createdAt: now - 10 * HOUR });
  const brandNew = insertPost(app, {
    authorId,
    title: 'Brand new, no votes',
    score: 0,
    createdAt: now - MINUTE,
  });
  const page = await new Client(app).get('/');
  assert.equal(page.statusCode, 200);
  assert.deepEqual(listedPostIds(page.body), [freshModest, middle, oldPopular, brandNew]);
});

test('a write reaches the front page at once: its candidates are remembered only until the next one', async (t) => {
  const { app, asha } = await ashaAlone(t);
  const first = await asha.startDiscussion('First', 'text');
  const visitor = new Client(app);
  assert.deepEqual(listedPostIds((await visitor.get('/')).body), [first]);
  const second = await asha.startDiscussion('Second', 'text');
  assert.deepEqual(listedPostIds((await visitor.get('/')).body).sort(), [first, second].sort());
  await asha.post(`/discuss/${second}/delete`, {});
  assert.deepEqual(listedPostIds((await visitor.get('/')).body), [first]);
});

test('"new" lists the newest discussions first', async (t) => {
  const { app } = await build(t);
  const authorId = await createUser(app, 'asha');
  const now = Date.now();
  const older = insertPost(app, { authorId, title: 'Older', score: 50, createdAt: now - 2 * HOUR });
  const newest = insertPost(app, { authorId, title: 'Newest', score: 0, createdAt: now - MINUTE });
  const middle = insertPost(app, { authorId, title: 'Middle', score: 9, createdAt: now - HOUR });
  const page = (await new Client(app).get('/new')).body;
  assert.deepEqual(listedPostIds(page), [newest, middle, older]);
  assert.match(page, /<a href="\/new" aria-current="page">New<\/a>/);
});

test(`both listings page by ${FRONT_PAGE_SIZE}; a page past the end is empty but fine`, async (t) => {
  const { app } = await build(t);
  const authorId = await createUser(app, 'asha');
  const now = Date.now();
  const total = FRONT_PAGE_SIZE + 5;
  for (let i = 0; i < total; i++)
    insertPost(app, { authorId, title: `Post ${i}`, createdAt: now - i * MINUTE });
  const visitor = new Client(app);
  for (const base of ['/', '/new']) {
    const first = (await visitor.get(base)).body;
    const second = (await visitor.get(`${base}?page=2`)).body;
    assert.equal(listedPostIds(first).length, FRONT_PAGE_SIZE, base);
    assert.equal(listedPostIds(second).length, 5, base);
    assert.deepEqual(
      new Set([...listedPostIds(first), ...listedPostIds(second)]).size,
      total,
      'every discussion exactly once',
    );
    assert.match(first, new RegExp(`<a href="${base}\\?page=2" rel="next">`));
    assert.match(second, /<ol class="post-list" start="31">/);
    assert.match(second, new RegExp(`<a href="${base}" rel="prev">`));
    assert.doesNotMatch(second, /rel="next"/);

    const beyond = await visitor.get(`${base}?page=3`);
    assert.equal(beyond.statusCode, 200);
    assert.deepEqual(listedPostIds(beyond.body), []);
    assert.match(beyond.body, /There is no page 3/);
    assert.doesNotMatch(beyond.body, /Nothing here yet|rel="prev"/);
    assert.equal((await visitor.get(`${base}?page=${MAX_PAGE}`)).statusCode, 200);
  }
});

test('a page number that is not a page gets 400, never a 500', async (t) => {
  const { app } = await build(t);
  const visitor = new Client(app);
  for (const base of ['/', '/new']) {
    for (const page of ['0', '-1', String(10 ** 9), 'abc', '2.5', '1e400', 'Infinity', '']) {
      const response = await visitor.get(`${base}?page=${page}`);
      assert.equal(response.statusCode, 400, `${base}?page=${page}`);
      assert.match(
        errorMessage(response.body) ?? '',
        /Page number|not valid|too large/,
        `${base}?page=${page}`,
      );
    }
    const json = await visitor.get(`${base}?page=0`, { accept: 'application/json' });
    assert.equal(json.statusCode, 400);
    assert.equal(typeof (json.json() as { error: unknown }).error, 'string');
  }
});

test('each item links to its discussion and shows its comment count, author and score', async (t) => {
  const { app, asha } = await ashaAlone(t);
  const quiet = await asha.startDiscussion('Quiet', 'nobody here');
  const busy = await asha.startDiscussion('Busy', 'come in');
  const first = await asha.comment(busy, 'one');
  await asha.comment(busy, 'two', first);
  const single = await asha.startDiscussion('Single', 'just one');
  await asha.comment(single, 'only');
  const page = (await new Client(app).get('/')).body;
  for (const [id, label] of [
    [busy, '2 comments'],
    [single, '1 comment'],
    [quiet, '0 comments'],
  ] as const) {
    const start = page.indexOf(`<a class="post-title" href="/discuss/${id}">`);
    const item = page.slice(start, page.indexOf('</li>', start));
    assert.ok(item.includes(`· <a href="/discuss/${id}">${label}</a>`), `${label}: ${item}`);
    assert.match(item, /0 points by <a href="\/u\/asha"><bdi>asha<\/bdi><\/a>/);
  }
});

test('an empty forum invites the first discussion', async (t) => {
  const { app } = await build(t);
  const page = await new Client(app).get('/');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Nothing here yet. <a href="\/submit">Start a discussion<\/a>/);
});
