import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { Deleted, ErrorBody, SessionState, VoteCast, Written } from '../../app/domain/json-shapes.ts';
import { Client } from '../helpers/app.ts';
import { discussionWithComment } from '../helpers/forum.ts';
import { errorMessage, fieldValue } from '../helpers/html.ts';

/** The routes answer JSON through these schemas; the outbox types its reading with them. */

const forum = (t: TestContext) => discussionWithComment(t, 'Shapes', 'a comment');

function assertShape(schema: TSchema, body: string, keys: string[], what: string) {
  const value: unknown = JSON.parse(body);
  assert.ok(Value.Check(schema, value), `${what}: ${body}`);
  assert.deepEqual(Object.keys(value as object), keys, `${what}: nothing more, in this order`);
}

const key = (name: string) => ({ accept: 'application/json', 'idempotency-key': `shape-test-${name}` });

test('each write the outbox delivers answers with its declared shape, and a replay with the same bytes', async (t) => {
  const { asha, bilal, discussionId, commentId } = await forum(t);
  const writes: { what: string; by: Client; url: string; fields: Record<string, string> }[] = [
    { what: 'a discussion', by: asha, url: '/submit', fields: { title: 'New', text: 'words' } },
    { what: 'a comment', by: asha, url: `/discuss/${discussionId}/comments`, fields: { body: 'more' } },
    {
      what: 'a discussion vote',
      by: bilal,
      url: `/discuss/${discussionId}/vote`,
      fields: { direction: 'up' },
    },
    { what: 'a comment vote', by: bilal, url: `/comments/${commentId}/vote`, fields: { direction: 'down' } },
  ];
  for (const [index, { what, by, url, fields }] of writes.entries()) {
    const first = await by.post(url, fields, key(String(index)));
    const replay = await by.post(url, fields, key(String(index)));
    const [schema, keys, status] = url.endsWith('/vote')
      ? [VoteCast, ['score', 'vote', 'url'], 200]
      : [Written, ['id', 'url'], 201];
    assert.equal(first.statusCode, status, what);
    assertShape(schema, first.body, keys, what);
    assert.match(String(first.headers['content-type']), /^application\/json/, what);
    assert.equal(replay.statusCode, status, `${what}, replayed`);
    assert.equal(replay.body, first.body, `${what}, replayed`);
    assert.equal(replay.headers['idempotent-replayed'], 'true', what);
  }
});

test('edits, deletes and the session answer scripts with their declared shapes', async (t) => {
  const { app, asha, discussionId, commentId } = await forum(t);
  const json = { accept: 'application/json' };
  const edited = await asha.post(`/comments/${commentId}/edit`, { body: 'better' }, json);
  assertShape(Written, edited.body, ['id', 'url'], 'a comment edited');
  const retitled = await asha.post(
    `/discuss/${discussionId}/edit`,
    { title: 'Better', text: 'words', url: '' },
    json,
  );
  assertShape(Written, retitled.body, ['id', 'url'], 'a discussion edited');
  const deleted = await asha.post(`/comments/${commentId}/delete`, {}, json);
  assertShape(Deleted, deleted.body, ['deleted'], 'a comment deleted');
  assertShape(
    Deleted,
    (await asha.post(`/discuss/${discussionId}/delete`, {}, json)).body,
    ['deleted'],
    'gone',
  );
  const session = await asha.get('/session');
  assertShape(SessionState, session.body, ['username', 'csrfToken'], 'the session');
  assert.equal(JSON.parse(session.body).username, 'asha');
  assert.equal(JSON.parse((await new Client(app).get('/session')).body).username, null);
});

test('every refusal a script gets is {error} and nothing else, whichever check refused it', async (t) => {
  const { app, asha, bilal, discussionId, commentId } = await forum(t);
  const refusals = [
    {
      status: 401,
      response: await new Client(app).postJson(`/discuss/${discussionId}/vote`, { direction: 'up' }),
    },
    { status: 403, response: await asha.postJson(`/comments/${commentId}/vote`, { direction: 'up' }) },
    { status: 404, response: await bilal.postJson('/comments/999999/vote', { direction: 'up' }) },
    {
      status: 400,
      response: await bilal.postJson(`/discuss/${discussionId}/vote`, { direction: 'sideways' }),
    },
    { status: 400, response: await asha.postJson(`/discuss/${discussionId}/comments`, { body: '' }) },
    { status: 403, response: await bilal.postJson(`/discuss/${discussionId}/edit`, { title: 'Mine' }) },
  ];
  await bilal.post(`/discuss/${discussionId}/comments`, { body: 'once' }, key('reused'));
  refusals.push({
    status: 422,
    response: await bilal.post(`/discuss/${discussionId}/vote`, { direction: 'up' }, key('reused')),
  });
  for (const { status, response } of refusals) {
    assert.equal(response.statusCode, status, response.body);
    assertShape(ErrorBody, response.body, ['error'], `${status}`);
  }
});

test('people on the same routes still get redirects and pages, untouched by the JSON schemas', async (t) => {
  const { app, asha, bilal, discussionId, commentId } = await forum(t);
  const posted = await bilal.post(`/discuss/${discussionId}/comments`, { body: 'by form' });
  assert.equal(posted.statusCode, 303);
  assert.match(String(posted.headers.location), new RegExp(`^/discuss/${discussionId}#c\\d+$`));
  const voted = await bilal.post(`/comments/${commentId}/vote`, { direction: 'up' });
  assert.equal(voted.statusCode, 303);
  assert.equal(voted.body, '');

  const refused = await asha.post('/submit', { title: '', text: 'kept words', url: '' });
  assert.equal(refused.statusCode, 400);
  assert.match(String(refused.headers['content-type']), /^text\/html/);
  assert.equal(fieldValue(refused.body, 'text'), 'kept words');
  const forbidden = await asha.post(`/discuss/${discussionId}/vote`, { direction: 'up' });
  assert.equal(forbidden.statusCode, 403);
  assert.match(String(forbidden.headers['content-type']), /^text\/html/);
  assert.equal(errorMessage(forbidden.body), 'You cannot vote on what you wrote yourself.');
  const ended = await new Client(app).post(`/comments/${commentId}/edit`, { body: 'x' });
  assert.equal(ended.statusCode, 401);
  assert.equal(errorMessage(ended.body), 'Your session has ended. Log in again, then resend what you wrote.');
});

test('a page behind a login sends the visitor to log in and back, before looking for the item', async (t) => {
  const { app, discussionId, commentId } = await forum(t);
  const visitor = new Client(app);
  for (const url of [
    '/submit',
    `/discuss/${discussionId}/edit`,
    `/comments/${commentId}/edit`,
    `/comments/${commentId}/reply`,
    '/comments/999999/edit',
  ]) {
    const response = await visitor.get(url);
    assert.equal(response.statusCode, 303, url);
    assert.equal(response.headers.location, `/login?next=${encodeURIComponent(url)}`);
  }
});
