import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EDIT_WINDOW_MS } from '../../app/domain/limits.ts';
import { build, Client } from '../helpers/app.ts';
import { cast } from './support/targets.ts';

type Actor = 'author' | 'other' | 'anonymous';
type Fields = Record<string, string>;
type Ids = Awaited<ReturnType<typeof forum>>['ids'];

/** One attempt that must be refused, with the status that refuses it. */
type Refusal = [
  actor: Actor,
  method: 'GET' | 'POST',
  url: string,
  fields: Fields,
  status: number,
  attempt: string,
];

const NONE: Fields = {};
const DEFACE = { title: 'Defaced', text: 'defaced', url: '' };
const UP = { direction: 'up' };
const DOWN = { direction: 'down' };

/**
 * Every attempt to edit, delete or vote that the forum must refuse: 401 when nobody is logged in,
 * 403 for the wrong person (or the author past the edit window, or voting on their own writing),
 * 404 for what was deleted. Each row is sent twice, as a form and as JSON.
 */
function refusals({ post, comment, oldPost, oldComment, gonePost, goneComment }: Ids): Refusal[] {
  // biome-ignore format: one attempt a line, in columns
  return [
    // actor      method  url                              fields                          status  attempt
    // Someone else, or nobody logged in, edits or deletes.
    ['other',     'POST', `/discuss/${post}/edit`,         DEFACE,                         403, 'edit a discussion'],
    ['other',     'POST', `/discuss/${post}/delete`,       NONE,                           403, 'delete a discussion'],
    ['other',     'POST', `/comments/${comment}/edit`,     { body: 'defaced' },            403, 'edit a comment'],
    ['other',     'POST', `/comments/${comment}/delete`,   NONE,                           403, 'delete a comment'],
    ['anonymous', 'POST', `/discuss/${post}/edit`,         DEFACE,                         401, 'edit a discussion'],
    ['anonymous', 'POST', `/discuss/${post}/delete`,       NONE,                           401, 'delete a discussion'],
    ['anonymous', 'POST', `/comments/${comment}/edit`,     { body: 'defaced' },            401, 'edit a comment'],
    ['anonymous', 'POST', `/comments/${comment}/delete`,   NONE,                           401, 'delete a comment'],
    // Someone else opens the edit forms.
    ['other',     'GET',  `/discuss/${post}/edit`,         NONE,                           403, 'open the edit form'],
    ['other',     'GET',  `/comments/${comment}/edit`,     NONE,                           403, 'open the edit form'],
    // The author, past the edit window or voting on their own writing.
    ['author',    'POST', `/discuss/${oldPost}/edit`,      DEFACE,                         403, 'edit after the edit window'],
    ['author',    'POST', `/comments/${oldComment}/edit`,  { body: 'rewritten history' },  403, 'edit after the edit window'],
    ['author',    'POST', `/discuss/${post}/vote`,         UP,                             403, 'vote up on their own discussion'],
    ['author',    'POST', `/comments/${comment}/vote`,     UP,                             403, 'vote up on their own comment'],
    ['author',    'POST', `/discuss/${post}/vote`,         DOWN,                           403, 'vote down on their own discussion'],
    ['author',    'POST', `/comments/${comment}/vote`,     DOWN,                           403, 'vote down on their own comment'],
    // Nobody logged in votes.
    ['anonymous', 'POST', `/discuss/${post}/vote`,         UP,                             401, 'vote anonymously'],
    ['anonymous', 'POST', `/comments/${comment}/vote`,     UP,                             401, 'vote anonymously'],
    // What was deleted.
    ['author',    'POST', `/discuss/${gonePost}/edit`,     DEFACE,                         404, 'edit a deleted discussion'],
    ['author',    'POST', `/discuss/${gonePost}/delete`,   NONE,                           404, 'delete a deleted discussion'],
    ['other',     'POST', `/discuss/${gonePost}/vote`,     UP,                             404, 'vote on a deleted discussion'],
    ['author',    'POST', `/comments/${goneComment}/vote`, UP,                             404, 'vote on a deleted comment'],
    ['other',     'POST', `/comments/${goneComment}/edit`, { body: 'back' },               404, 'edit a deleted comment'],
  ];
}

/** The same routes, used by someone allowed to: each must succeed (303), proving the refusals were the checks. */
function allowed({ post, comment, oldPost }: Ids): [actor: Actor, url: string, fields: Fields][] {
  // biome-ignore format: one request a line, in columns
  return [
    ['author', `/discuss/${post}/edit`,      DEFACE],
    ['author', `/comments/${comment}/edit`,  { body: 'fixed typo' }],
    ['other',  `/discuss/${post}/vote`,      UP],
    ['other',  `/comments/${comment}/vote`,  UP],
    ['author', `/discuss/${oldPost}/delete`, NONE],
  ];
}

/** A discussion and a comment by "victim", one of each past the edit window, and deleted ones. */
async function forum(t: Parameters<typeof build>[0]) {
  const { app } = await build(t);
  const people = await cast(app);
  const { victim: author, other } = people;
  const post = await author.startDiscussion('Author thread', 'original text');
  const comment = await author.comment(post, 'original comment');
  const oldPost = await author.startDiscussion('Old thread', 'old text');
  const oldComment = await author.comment(post, 'old comment');
  const aged = Date.now() - EDIT_WINDOW_MS - 60_000;
  app.db.prepare('UPDATE posts SET created_at = ? WHERE id = ?').run(aged, oldPost);
  app.db.prepare('UPDATE comments SET created_at = ? WHERE id = ?').run(aged, oldComment);
  const gonePost = await author.startDiscussion('Gone thread', 'x');
  const goneComment = await other.comment(post, 'gone comment');
  await author.post(`/discuss/${gonePost}/delete`, {});
  await other.post(`/comments/${goneComment}/delete`, {});
  const clients: Record<Actor, Client> = { author, other, anonymous: new Client(app) };
  return { app, clients, ids: { post, comment, oldPost, oldComment, gonePost, goneComment } };
}

test('every edit, delete and vote route refuses whoever may not do it, and changes nothing', async (t) => {
  const { app, clients, ids } = await forum(t);
  const changes = app.db.prepare('SELECT total_changes()').pluck();
  const snapshot = () =>
    JSON.stringify([
      app.db.prepare('SELECT * FROM posts ORDER BY id').all(),
      app.db.prepare('SELECT * FROM comments ORDER BY id').all(),
      app.db.prepare('SELECT * FROM post_votes').all(),
      app.db.prepare('SELECT * FROM comment_votes').all(),
      app.db.prepare('SELECT id, karma FROM users ORDER BY id').all(),
    ]);
  const before = snapshot();
  const rows = refusals(ids);
  let refused = 0;
  for (const [actor, method, url, fields, status, attempt] of rows) {
    for (const json of [false, true]) {
      const client = clients[actor];
      const headers: Fields = json ? { accept: 'application/json' } : {};
      const changed = changes.get();
      const response =
        method === 'GET' ? await client.get(url, headers) : await client.post(url, fields, headers);
      const what = `${actor} tried to ${attempt} (${method} ${url}${json ? ', JSON' : ''})`;
      assert.equal(response.statusCode, status, `${what}: ${response.body.slice(0, 200)}`);
      if (json) assert.ok(response.json<{ error: string }>().error.length > 10, what);
      else assert.match(response.body, /class="error-message"/, what);
      assert.equal(changes.get(), changed, `${what}: the database changed`);
      refused += 1;
    }
  }
  assert.equal(snapshot(), before);
  t.diagnostic(`${refused} refused attempts (${rows.length} cases, as forms and as JSON)`);

  for (const [actor, url, fields] of allowed(ids)) {
    assert.equal((await clients[actor].post(url, fields)).statusCode, 303, `${actor} may POST ${url}`);
  }
  assert.notEqual(snapshot(), before);
});

test('voting the same way again and again counts once: nobody mints karma by repetition', async (t) => {
  const { app, clients, ids } = await forum(t);
  const karma = () => app.db.prepare("SELECT karma FROM users WHERE username = 'victim'").pluck().get();
  const score = (table: 'posts' | 'comments', id: number) =>
    app.db.prepare(`SELECT score FROM ${table} WHERE id = ?`).pluck().get(id);
  for (let i = 0; i < 20; i++) {
    assert.equal((await clients.other.post(`/discuss/${ids.post}/vote`, UP)).statusCode, 303);
    assert.equal((await clients.other.post(`/comments/${ids.comment}/vote`, UP)).statusCode, 303);
  }
  assert.equal(score('posts', ids.post), 1);
  assert.equal(score('comments', ids.comment), 1);
  assert.equal(karma(), 2);
  await clients.other.post(`/discuss/${ids.post}/vote`, DOWN);
  assert.equal(score('posts', ids.post), -1);
  assert.equal(karma(), 0);
});
