import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, Client } from '../helpers/app.ts';

function countComments(app: Awaited<ReturnType<typeof build>>['app'], discussionId: number): number {
  return app.db
    .prepare('SELECT count(*) FROM comments WHERE post_id = ?')
    .pluck()
    .get(discussionId) as number;
}

test('a comment replayed with the same Idempotency-Key is stored once and answered with the first result', async (t) => {
  const { app } = await build(t);
  const asha = new Client(app);
  await asha.signUp('asha');
  const discussionId = await asha.startDiscussion();
  const headers = { accept: 'application/json', 'idempotency-key': 'outbox-item-0001' };

  const first = await asha.post(
    `/discuss/${discussionId}/comments`,
    { body: 'Written on the train.' },
    headers,
  );
  const replay = await asha.post(
    `/discuss/${discussionId}/comments`,
    { body: 'Written on the train.' },
    headers,
  );

  assert.equal(first.statusCode, 201);
  assert.equal(replay.statusCode, 201);
  assert.deepEqual(replay.json(), first.json());
  assert.equal(replay.headers['idempotent-replayed'], 'true');
  assert.equal(countComments(app, discussionId), 1);
});

test('two tabs delivering the same queued comment at the same moment create one comment', async (t) => {
  const { app } = await build(t);
  const asha = new Client(app);
  await asha.signUp('asha');
  const discussionId = await asha.startDiscussion();
  const token = await asha.csrfToken(`/discuss/${discussionId}`);
  const headers = { accept: 'application/json', 'idempotency-key': 'outbox-item-0002' };

  const deliveries = await Promise.all(
    Array.from({ length: 5 }, () =>
      asha.post(
        `/discuss/${discussionId}/comments`,
        { _csrf: token, body: 'Same item, five tabs.' },
        headers,
      ),
    ),
  );

  assert.deepEqual(
    deliveries.map((d) => d.statusCode),
    [201, 201, 201, 201, 201],
  );
  assert.equal(new Set(deliveries.map((d) => d.body)).size, 1);
  assert.equal(countComments(app, discussionId), 1);
});

test('keys belong to their user, may not be reused for another request, and must be well-formed', async (t) => {
  const { app } = await build(t);
  const asha = new Client(app);
  const bilal = new Client(app);
  await asha.signUp('asha');
  await bilal.signUp('bilal');
  const discussionId = await asha.startDiscussion();
  const headers = { accept: 'application/json', 'idempotency-key': 'shared-key-123' };

  assert.equal(
    (await asha.post(`/discuss/${discussionId}/comments`, { body: 'Mine.' }, headers)).statusCode,
    201,
  );
  assert.equal(
    (await bilal.post(`/discuss/${discussionId}/comments`, { body: 'Mine too.' }, headers)).statusCode,
    201,
  );
  assert.equal(countComments(app, discussionId), 2);

  const otherPostId = await asha.startDiscussion('Another discussion');
  const reused = await asha.post(`/discuss/${otherPostId}/comments`, { body: 'Elsewhere.' }, headers);
  assert.equal(reused.statusCode, 422);
  assert.match(reused.json().error, /already used for a different request/);

  const malformed = await asha.post(
    `/discuss/${discussionId}/comments`,
    { body: 'Bad key.' },
    { accept: 'application/json', 'idempotency-key': 'x' },
  );
  assert.equal(malformed.statusCode, 400);
  assert.equal(countComments(app, discussionId), 2);
});
