import assert from 'node:assert/strict';
import { test } from 'node:test';
import webPush from 'web-push';
import { DELIVERY_POLICY, drainOnce } from '../../app/push/delivery-queue.ts';
import { pushPayload } from '../../app/push/payload.ts';
import { sendPush } from '../../app/push/sender.ts';
import { bareForum, deviceKeys, mockPushService } from './support.ts';

const vapid = { ...webPush.generateVAPIDKeys(), subject: 'mailto:test@charcha.invalid' };
const sender = { vapid, testEndpoints: 'loopback' as const, timeoutMs: 2000, ttlS: 60 };

/** A forum where `reader` follows a discussion on one device and `writer` replies in it. */
async function scene(t: Parameters<typeof bareForum>[0]) {
  const forum = bareForum(t);
  const service = await mockPushService(t);
  const reader = forum.person('reader');
  const writer = forum.person('writer');
  const discussionId = forum.discussion(reader);
  forum.repositories.pushSubscriptions.save(
    reader,
    { endpoint: service.endpoint('reader'), ...deviceKeys() },
    0,
  );
  let clock = 1_000;
  const drain = () =>
    drainOnce({
      deliveries: forum.repositories.pushDeliveries,
      removeSubscription: (id) => forum.repositories.pushSubscriptions.removeById(id),
      payloadOf: (d) => pushPayload({ ...d, url: `/discuss/${d.discussionId}#c${d.commentId}` }),
      send: (d, payload) => sendPush(d, payload, sender),
      now: () => clock,
      policy: { ...DELIVERY_POLICY, firstRetryMs: 1000, giveUpAfterMs: 60_000 },
    });
  const advance = (ms: number) => {
    clock += ms;
  };
  const dueAt = () => forum.repositories.pushDeliveries.nextDue();
  return { ...forum, service, reader, writer, discussionId, drain, advance, dueAt, clock: () => clock };
}

test('a sent delivery leaves the queue; it carries an aes128gcm body signed with VAPID', async (t) => {
  const s = await scene(t);
  s.comment(s.writer, s.discussionId, 1_000);
  assert.equal(s.repositories.pushDeliveries.pending(), 1);
  assert.equal(await s.drain(), 1);
  const [request] = s.service.received;
  assert.equal(request?.headers['content-encoding'], 'aes128gcm');
  assert.match(String(request?.headers.authorization), /^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
  assert.ok((request?.body.length ?? 0) > 0);
  assert.equal(s.repositories.pushDeliveries.pending(), 0);
});

test('5xx and network errors are retried later, with a growing wait', async (t) => {
  const s = await scene(t);
  s.service.answerWith(() => ({ status: 503 }));
  s.comment(s.writer, s.discussionId, 1_000);
  await s.drain();
  const firstWait = (s.dueAt() as number) - s.clock();
  assert.ok(firstWait >= 500 && firstWait <= 1000, `first wait ${firstWait}`);
  assert.equal(await s.drain(), 0, 'not due yet');
  s.advance(firstWait);
  await s.drain();
  const secondWait = (s.dueAt() as number) - s.clock();
  assert.ok(secondWait >= 1000 && secondWait <= 2000, `second wait ${secondWait}`);
  s.service.answerWith(() => ({ status: 201 }));
  s.advance(secondWait);
  await s.drain();
  assert.equal(s.service.received.length, 3);
  assert.equal(s.repositories.pushDeliveries.pending(), 0);
});

test('a connection refused is retried, not lost', async (t) => {
  const s = await scene(t);
  s.repositories.pushSubscriptions.save(
    s.reader,
    { endpoint: 'http://127.0.0.1:9/gone', ...deviceKeys() },
    0,
  );
  s.comment(s.writer, s.discussionId, 1_000);
  await s.drain();
  assert.equal(s.service.received.length, 1);
  assert.equal(s.repositories.pushDeliveries.pending(), 1, 'the unreachable device keeps its delivery');
  assert.ok((s.dueAt() as number) > s.clock());
});

test('429 waits for its Retry-After', async (t) => {
  const s = await scene(t);
  s.service.answerWith(() => ({ status: 429, headers: { 'retry-after': '30' } }));
  s.comment(s.writer, s.discussionId, 1_000);
  await s.drain();
  assert.equal(s.dueAt(), s.clock() + 30_000);
});

test('404 and 410 delete the subscription and its deliveries', async (t) => {
  for (const status of [404, 410]) {
    const s = await scene(t);
    s.service.answerWith(() => ({ status }));
    s.comment(s.writer, s.discussionId, 1_000);
    await s.drain();
    assert.deepEqual(s.repositories.pushSubscriptions.endpointsOf(s.reader), []);
    assert.equal(s.repositories.pushDeliveries.pending(), 0);
  }
});

test('a delivery is given up after the bounded time', async (t) => {
  const s = await scene(t);
  s.service.answerWith(() => ({ status: 500 }));
  s.comment(s.writer, s.discussionId, 1_000);
  let rounds = 0;
  while (s.repositories.pushDeliveries.pending() > 0 && rounds < 50) {
    await s.drain();
    s.advance(Math.max(0, (s.dueAt() ?? s.clock()) - s.clock()));
    rounds += 1;
  }
  assert.equal(s.repositories.pushDeliveries.pending(), 0);
  assert.ok(s.clock() - 1_000 <= 60_000, 'given up within the bound');
  assert.ok(rounds > 3, `only ${rounds} rounds`);
});

test('redirects are not followed', async (t) => {
  const s = await scene(t);
  const elsewhere = await mockPushService(t);
  s.service.answerWith(() => ({ status: 307, headers: { location: elsewhere.endpoint('x') } }));
  s.comment(s.writer, s.discussionId, 1_000);
  await s.drain();
  assert.equal(elsewhere.received.length, 0);
  assert.equal(s.repositories.pushDeliveries.pending(), 0, 'a redirect is a refusal, not a retry');
});

test('an endpoint that is no longer acceptable at send time is dropped without a request', async (t) => {
  const s = await scene(t);
  const strict = { ...sender, testEndpoints: 'off' as const };
  s.comment(s.writer, s.discussionId, 1_000);
  const [delivery] = s.repositories.pushDeliveries.claimDue(s.clock(), 10, s.clock() + 1);
  assert.ok(delivery);
  const outcome = await sendPush(delivery, '{}', strict);
  assert.equal(outcome.kind, 'gone');
  assert.equal(s.service.received.length, 0);
});

test('a leased delivery comes back after the lease: a crash mid-send loses nothing', async (t) => {
  const s = await scene(t);
  s.comment(s.writer, s.discussionId, 1_000);
  const lease = 5_000;
  assert.equal(s.repositories.pushDeliveries.claimDue(s.clock(), 10, s.clock() + lease).length, 1);
  assert.equal(await s.drain(), 0, 'leased to the round that crashed');
  s.advance(lease);
  assert.equal(await s.drain(), 1);
  assert.equal(s.service.received.length, 1);
});

test('a comment deleted before its push is sent is not pushed', async (t) => {
  const s = await scene(t);
  const commentId = s.comment(s.writer, s.discussionId, 1_000);
  s.db.prepare('UPDATE comments SET deleted_at = 2 WHERE id = ?').run(commentId);
  await s.drain();
  assert.equal(s.service.received.length, 0);
  assert.equal(s.repositories.pushDeliveries.pending(), 0);
});
