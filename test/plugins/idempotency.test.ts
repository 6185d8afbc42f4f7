import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logInAs } from '../helpers/app.ts';
import { count } from '../helpers/data.ts';
import { ashaAlone } from '../helpers/forum.ts';

const AS_SCRIPT = { accept: 'application/json' };
const keyed = (key: string) => ({ ...AS_SCRIPT, 'idempotency-key': key });

test('a key reused with other content is refused with 422 and writes nothing', async (t) => {
  const { app, asha } = await ashaAlone(t);
  const discussionId = await asha.startDiscussion();
  const url = `/discuss/${discussionId}/comments`;

  const first = await asha.post(url, { body: 'The first comment.' }, keyed('outbox-item-1001'));
  assert.equal(first.statusCode, 201);
  const other = await asha.post(url, { body: 'A different comment.' }, keyed('outbox-item-1001'));
  assert.equal(other.statusCode, 422);
  assert.match(other.json().error, /^This Idempotency-Key was already used for a different request/);
  assert.equal(count(app, 'SELECT count(*) FROM comments'), 1, 'the second text was not stored');
  assert.equal(count(app, "SELECT count(*) FROM comments WHERE body_md = 'A different comment.'"), 0);

  const reply = await asha.post(
    url,
    { body: 'The first comment.', parentId: String(first.json().id) },
    keyed('outbox-item-1001'),
  );
  assert.equal(reply.statusCode, 422, 'an added field is other content too');
});

test('a vote key reused with another direction is refused instead of answering the earlier vote', async (t) => {
  const { app, asha } = await ashaAlone(t);
  const discussionId = await asha.startDiscussion();
  const bilal = await logInAs(app, 'bilal');
  const url = `/discuss/${discussionId}/vote`;

  const up = await bilal.post(url, { direction: 'up' }, keyed('vote-key-0001'));
  assert.equal(up.statusCode, 200);
  const down = await bilal.post(url, { direction: 'down' }, keyed('vote-key-0001'));
  assert.equal(down.statusCode, 422);
  assert.match(down.json().error, /already used for a different request/);
  assert.equal(count(app, `SELECT score FROM posts WHERE id = ${discussionId}`), up.json().score);
});

test('the same write replayed with a fresh CSRF token, or as JSON instead of a form, is the same request', async (t) => {
  const { app, asha } = await ashaAlone(t);
  const discussionId = await asha.startDiscussion();
  const url = `/discuss/${discussionId}/comments`;
  const body = 'Sent from the outbox.';
  const parent = await asha.post(url, { body: 'Parent.' });
  const parentId = Number(String(parent.headers.location).split('#c').pop());

  const first = await asha.post(url, { body, parentId: String(parentId) }, keyed('outbox-item-2002'));
  // Client.post reads a new token from a fresh page each time: only _csrf differs, and the field order.
  const asForm = await asha.post(url, { parentId: String(parentId), body }, keyed('outbox-item-2002'));
  const asJson = await asha.postJson(url, { body, parentId }, keyed('outbox-item-2002'));
  assert.equal(first.statusCode, 201);
  for (const replay of [asForm, asJson]) {
    assert.equal(replay.statusCode, 201);
    assert.deepEqual(replay.json(), first.json());
    assert.equal(replay.headers['idempotent-replayed'], 'true');
  }
  assert.equal(count(app, 'SELECT count(*) FROM comments'), 2);
});

test('a key stored before request hashes existed is still replayed by its request line', async (t) => {
  const { app, asha } = await ashaAlone(t);
  const discussionId = await asha.startDiscussion();
  const url = `/discuss/${discussionId}/comments`;
  const first = await asha.post(url, { body: 'Queued before the upgrade.' }, keyed('outbox-item-3003'));
  app.db.prepare("UPDATE idempotency_keys SET request_hash = NULL WHERE key = 'outbox-item-3003'").run();

  const replay = await asha.post(url, { body: 'Queued before the upgrade.' }, keyed('outbox-item-3003'));
  assert.equal(replay.statusCode, 201);
  assert.deepEqual(replay.json(), first.json());
  const otherDiscussion = await asha.startDiscussion('Another discussion');
  const elsewhere = await asha.post(
    `/discuss/${otherDiscussion}/comments`,
    { body: 'Queued before the upgrade.' },
    keyed('outbox-item-3003'),
  );
  assert.equal(elsewhere.statusCode, 422, 'another address is still another request');
  assert.equal(count(app, 'SELECT count(*) FROM comments'), 1);
});
