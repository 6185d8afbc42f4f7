import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildApp } from '../../app/app.ts';
import { build, logInAs } from '../helpers/app.ts';
import { bareForum, deviceKeys, mockPushService, queueDrained } from './support.ts';

test('a reply pushes to every device of each person told, never to its author', async (t) => {
  const { app } = await build(t, { pushTestEndpoints: 'loopback' });
  const service = await mockPushService(t);
  const starter = await logInAs(app, 'starter');
  const follower = await logInAs(app, 'follower');
  const writer = await logInAs(app, 'writer');
  const bystander = await logInAs(app, 'bystander');
  const subscribe = (client: typeof starter, device: string) =>
    client.postJson('/push/subscriptions', { endpoint: service.endpoint(device), keys: deviceKeys() });
  await subscribe(starter, 'starter-laptop');
  await subscribe(starter, 'starter-phone');
  await subscribe(follower, 'follower');
  await subscribe(writer, 'writer');
  await subscribe(bystander, 'bystander');
  const discussionId = await starter.startDiscussion('Pushed thread');
  await follower.post(`/discuss/${discussionId}/follow`, {});

  const commentId = await writer.comment(discussionId, 'the reply everyone is told of');
  const received = await service.waitFor(3);
  assert.deepEqual(received.map((r) => r.path).sort(), [
    '/push/follower',
    '/push/starter-laptop',
    '/push/starter-phone',
  ]);
  await writer.comment(discussionId, `a second reply after ${commentId}`);
  await service.waitFor(6);
  await queueDrained(app);
  // Nothing else arrived: the writer and the bystander were not told.
  assert.equal(service.received.length, 6);
});

test('a comment that is not written queues no push', (t) => {
  const forum = bareForum(t);
  const reader = forum.person('reader');
  const writer = forum.person('writer');
  const discussionId = forum.discussion(reader);
  forum.repositories.pushSubscriptions.save(reader, { endpoint: 'http://127.0.0.1:9/x', ...deviceKeys() }, 0);
  // The author's follow is written after the push is queued, in the same transaction: make it fail.
  forum.db.exec(`CREATE TEMP TRIGGER refuse_follow BEFORE INSERT ON follows
    BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
  assert.throws(() => forum.comment(writer, discussionId), /disk full/);
  assert.equal(forum.repositories.pushDeliveries.pending(), 0);
  assert.equal(forum.db.prepare('SELECT count(*) FROM notifications').pluck().get(), 0);
});

test('deliveries queued before a restart are sent after it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'charcha-push-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const service = await mockPushService(t, () => ({ status: 503 }));
  const config = {
    databasePath: join(dir, 'charcha.db'),
    sessionSecret: 'test-secret-that-is-long-enough-for-cookies',
    production: false,
    seed: 'none' as const,
    networkTimeoutMs: 3000,
    rateLimits: false,
    pushTestEndpoints: 'loopback' as const,
  };
  const first = await buildApp(config);
  const reader = await logInAs(first, 'reader');
  const writer = await logInAs(first, 'writer');
  await reader.postJson('/push/subscriptions', { endpoint: service.endpoint('reader'), keys: deviceKeys() });
  const discussionId = await reader.startDiscussion('Before the restart');
  await writer.comment(discussionId, 'queued, then the server stops');
  await service.waitFor(1);
  await first.close();
  assert.equal(service.received.length, 1);

  service.answerWith(() => ({ status: 201 }));
  const second = await buildApp(config);
  t.after(() => second.close());
  // The row was left for a retry about a second later; the restarted server sends it then.
  await second.ready();
  await service.waitFor(2);
  await queueDrained(second);
  assert.equal(service.received.length, 2);
});

test("a comment writes one fan-out row however many follow it; the drain queues each follower's devices", (t) => {
  const forum = bareForum(t);
  const starter = forum.person('starter');
  const writer = forum.person('writer');
  const discussionId = forum.discussion(starter);
  const followers = Array.from({ length: 50 }, (_, i) => forum.person(`follower${i}`));
  for (const [i, follower] of followers.entries()) {
    forum.repositories.follows.choose(follower, discussionId, true);
    forum.repositories.pushSubscriptions.save(
      follower,
      { endpoint: `http://127.0.0.1:9/${i}`, ...deviceKeys() },
      0,
    );
  }
  const quiet = forum.discussion(starter);
  const changes = forum.db.prepare('SELECT total_changes()').pluck();
  const rowsWritten = (write: () => number) => {
    const before = changes.get() as number;
    const id = write();
    return { id, rows: (changes.get() as number) - before };
  };
  const unfollowed = rowsWritten(() => forum.comment(writer, quiet));
  const followed = rowsWritten(() => forum.comment(writer, discussionId));
  assert.equal(followed.rows, unfollowed.rows, 'the same rows as in a discussion nobody follows');
  const commentId = followed.id;

  const claimed = forum.repositories.pushDeliveries.claimDue(1, 100, 2);
  assert.equal(claimed.length, 50);
  assert.ok(claimed.every((delivery) => delivery.commentId === commentId));
  assert.equal(forum.db.prepare('SELECT count(*) FROM push_fanouts').pluck().get(), 0);
});

test('comments waiting together are pushed once per device, each comment counted once', (t) => {
  const forum = bareForum(t);
  const [starter, follower, writer] = ['starter', 'follower', 'writer'].map(forum.person) as number[];
  const device = (person: number, name: string) =>
    forum.repositories.pushSubscriptions.save(
      person,
      { endpoint: `http://127.0.0.1:9/${name}`, ...deviceKeys() },
      0,
    );
  device(starter as number, 'starter');
  device(follower as number, 'follower');
  const busy = forum.discussion(starter as number);
  const other = forum.discussion(starter as number);
  forum.repositories.follows.choose(follower as number, busy, true);

  // The writer's three and the follower's own one wait together; one in another discussion between.
  const first = forum.comment(writer as number, busy);
  forum.comment(writer as number, busy);
  const elsewhere = forum.comment(writer as number, other);
  const followers = forum.comment(follower as number, busy);
  // A reply to the follower: they are told of it by a row, and by following too, once.
  forum.repositories.comments.create(
    {
      discussionId: busy,
      parentId: followers,
      authorId: writer as number,
      depth: 1,
      bodyMd: 'b',
      bodyHtml: 'b',
    },
    0,
  );

  const told = (claimed: { endpoint: string; commentId: number; comments: number }[]) =>
    claimed
      .map(({ endpoint, commentId, comments }) => ({
        device: endpoint.split('/').pop(),
        commentId,
        comments,
      }))
      .sort((a, b) => a.commentId - b.commentId || String(a.device).localeCompare(String(b.device)));
  assert.deepEqual(told(forum.repositories.pushDeliveries.claimDue(1, 100, 1_000)), [
    // The starter is told of all four (a comment on their discussion), the follower of the
    // writer's three (never of their own, the reply once); reading starts at the first.
    { device: 'follower', commentId: first, comments: 3 },
    { device: 'starter', commentId: first, comments: 4 },
    { device: 'starter', commentId: elsewhere, comments: 1 },
  ]);

  // A comment after the fan-out is pushed on its own.
  const later = forum.comment(writer as number, busy);
  assert.deepEqual(told(forum.repositories.pushDeliveries.claimDue(3, 100, 1_000)), [
    { device: 'follower', commentId: later, comments: 1 },
    { device: 'starter', commentId: later, comments: 1 },
  ]);
});
