import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EDIT_WINDOW_MS } from '../../app/domain/limits.ts';
import { build, Client } from '../helpers/app.ts';
import { cast } from './support/targets.ts';

type Actor = 'author' | 'other' | 'anonymous';

interface Case {
  name: string;
  actor: Actor;
  method: 'GET' | 'POST';
  url: string;
  fields?: Record<string, string>;
  status: number;
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
  const edit = { title: 'Defaced', text: 'defaced', url: '' };
  const cases: Case[] = [];
  for (const actor of ['other', 'anonymous'] as const) {
    const status = actor === 'other' ? 403 : 401;
    cases.push(
      {
        name: 'edit a discussion',
        actor,
        method: 'POST',
        url: `/discuss/${ids.post}/edit`,
        fields: edit,
        status,
      },
      { name: 'delete a discussion', actor, method: 'POST', url: `/discuss/${ids.post}/delete`, status },
      {
        name: 'edit a comment',
        actor,
        method: 'POST',
        url: `/comments/${ids.comment}/edit`,
        fields: { body: 'defaced' },
        status,
      },
      { name: 'delete a comment', actor, method: 'POST', url: `/comments/${ids.comment}/delete`, status },
    );
  }
  cases.push(
    {
      name: 'open the edit form',
      actor: 'other',
      method: 'GET',
      url: `/discuss/${ids.post}/edit`,
      status: 403,
    },
    {
      name: 'open the edit form',
      actor: 'other',
      method: 'GET',
      url: `/comments/${ids.comment}/edit`,
      status: 403,
    },
    {
      name: 'edit after the edit window',
      actor: 'author',
      method: 'POST',
      url: `/discuss/${ids.oldPost}/edit`,
      fields: edit,
      status: 403,
    },
    {
      name: 'edit after the edit window',
      actor: 'author',
      method: 'POST',
      url: `/comments/${ids.oldComment}/edit`,
      fields: { body: 'rewritten history' },
      status: 403,
    },
    ...(['up', 'down'] as const).flatMap((direction): Case[] => [
      {
        name: `vote ${direction} on their own discussion`,
        actor: 'author',
        method: 'POST',
        url: `/discuss/${ids.post}/vote`,
        fields: { direction },
        status: 403,
      },
      {
        name: `vote ${direction} on their own comment`,
        actor: 'author',
        method: 'POST',
        url: `/comments/${ids.comment}/vote`,
        fields: { direction },
        status: 403,
      },
    ]),
    {
      name: 'vote anonymously',
      actor: 'anonymous',
      method: 'POST',
      url: `/discuss/${ids.post}/vote`,
      fields: { direction: 'up' },
      status: 401,
    },
    {
      name: 'vote anonymously',
      actor: 'anonymous',
      method: 'POST',
      url: `/comments/${ids.comment}/vote`,
      fields: { direction: 'up' },
      status: 401,
    },
    {
      name: 'edit a deleted discussion',
      actor: 'author',
      method: 'POST',
      url: `/discuss/${ids.gonePost}/edit`,
      fields: edit,
      status: 404,
    },
    {
      name: 'delete a deleted discussion',
      actor: 'author',
      method: 'POST',
      url: `/discuss/${ids.gonePost}/delete`,
      status: 404,
    },
    {
      name: 'vote on a deleted discussion',
      actor: 'other',
      method: 'POST',
      url: `/discuss/${ids.gonePost}/vote`,
      fields: { direction: 'up' },
      status: 404,
    },
    {
      name: 'vote on a deleted comment',
      actor: 'author',
      method: 'POST',
      url: `/comments/${ids.goneComment}/vote`,
      fields: { direction: 'up' },
      status: 404,
    },
    {
      name: 'edit a deleted comment',
      actor: 'other',
      method: 'POST',
      url: `/comments/${ids.goneComment}/edit`,
      fields: { body: 'back' },
      status: 404,
    },
  );

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
  let refusals = 0;
  for (const c of cases) {
    for (const json of [false, true]) {
      const client = clients[c.actor];
      const headers: Record<string, string> = json ? { accept: 'application/json' } : {};
      const changed = changes.get();
      const response =
        c.method === 'GET'
          ? await client.get(c.url, headers)
          : await client.post(c.url, c.fields ?? {}, headers);
      const what = `${c.actor} tried to ${c.name} (${c.method} ${c.url}${json ? ', JSON' : ''})`;
      const status = c.method === 'GET' && c.actor === 'anonymous' ? 303 : c.status;
      assert.equal(response.statusCode, status, `${what}: ${response.body.slice(0, 200)}`);
      if (json) assert.ok(response.json<{ error: string }>().error.length > 10, what);
      else assert.match(response.body, /class="error-message"/, what);
      assert.equal(changes.get(), changed, `${what}: the database changed`);
      refusals += 1;
    }
  }
  assert.equal(snapshot(), before);
  t.diagnostic(`${refusals} refused attempts (${cases.length} cases, as forms and as JSON)`);

  // Controls: the same routes work for the people allowed to use them, so the refusals above were the checks at work.
  assert.equal((await clients.author.post(`/discuss/${ids.post}/edit`, edit)).statusCode, 303);
  assert.equal(
    (await clients.author.post(`/comments/${ids.comment}/edit`, { body: 'fixed typo' })).statusCode,
    303,
  );
  assert.equal((await clients.other.post(`/discuss/${ids.post}/vote`, { direction: 'up' })).statusCode, 303);
  assert.equal(
    (await clients.other.post(`/comments/${ids.comment}/vote`, { direction: 'up' })).statusCode,
    303,
  );
  assert.equal((await clients.author.post(`/discuss/${ids.oldPost}/delete`, {})).statusCode, 303);
  assert.notEqual(snapshot(), before);
});

test('voting the same way again and again counts once: nobody mints karma by repetition', async (t) => {
  const { app, clients, ids } = await forum(t);
  const karma = () => app.db.prepare("SELECT karma FROM users WHERE username = 'victim'").pluck().get();
  for (let i = 0; i < 20; i++) {
    assert.equal(
      (await clients.other.post(`/discuss/${ids.post}/vote`, { direction: 'up' })).statusCode,
      303,
    );
    assert.equal(
      (await clients.other.post(`/comments/${ids.comment}/vote`, { direction: 'up' })).statusCode,
      303,
    );
  }
  assert.equal(app.db.prepare('SELECT score FROM posts WHERE id = ?').pluck().get(ids.post), 1);
  assert.equal(app.db.prepare('SELECT score FROM comments WHERE id = ?').pluck().get(ids.comment), 1);
  assert.equal(karma(), 2);
  await clients.other.post(`/discuss/${ids.post}/vote`, { direction: 'down' });
  assert.equal(app.db.prepare('SELECT score FROM posts WHERE id = ?').pluck().get(ids.post), -1);
  assert.equal(karma(), 0);
});
