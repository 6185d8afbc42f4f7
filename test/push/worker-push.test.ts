import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coalesced, FALLBACK, readMessage, type ShownData } from '../../sw/worker/push-message.ts';

const ORIGIN = 'https://charcha.example';

const message = (n: number, count = 1) => ({
  title: 'asha in Rickshaws',
  body: `reply ${n}`,
  url: `/discuss/7?page=2#c${n}`,
  tag: 'discussion-7',
  discussion: 'Rickshaws',
  count,
});

test('the server’s payload is read as sent', () => {
  assert.deepEqual(
    readMessage(() => message(40), ORIGIN),
    message(40),
  );
});

test('a payload without a sensible count tells of one comment', () => {
  for (const count of [undefined, 0, -2, 1.5, '3', Number.MAX_VALUE])
    assert.equal(readMessage(() => ({ ...message(40), count }), ORIGIN).count, 1);
});

test('a payload that cannot be read, or points off the site, becomes a notification of the inbox', () => {
  for (const read of [
    undefined,
    () => {
      throw new SyntaxError('not JSON');
    },
    () => ({ ...message(1), url: 'https://evil.example/x' }),
    () => ({ ...message(1), url: '//evil.example/x' }),
    () => ({ ...message(1), url: 'javascript:alert(1)' }),
    () => ({ ...message(1), title: 42 }),
  ])
    assert.equal(readMessage(read, ORIGIN), FALLBACK);
});

test('pushes of one discussion are coalesced: "3 new replies in …", opening the first', () => {
  let earlier: ShownData | undefined;
  const shown = [40, 41, 42].map((n) => {
    const next = coalesced(message(n), earlier);
    earlier = next.options.data;
    return next;
  });
  assert.equal(shown[0]?.title, 'asha in Rickshaws');
  assert.equal(shown[0]?.options.renotify, false);
  assert.equal(shown[2]?.title, '3 new replies in Rickshaws');
  assert.equal(shown[2]?.options.body, 'reply 42');
  assert.equal(shown[2]?.options.renotify, true);
  assert.deepEqual(shown[2]?.options.data, {
    url: '/discuss/7?page=2#c40',
    count: 3,
    discussion: 'Rickshaws',
  });
});

test('a push that tells of several comments counts them all when it is coalesced', () => {
  const first = coalesced(message(40, 4), undefined);
  assert.equal(first.title, '4 new replies in Rickshaws');
  const next = coalesced(message(44), first.options.data);
  assert.equal(next.title, '5 new replies in Rickshaws');
  assert.equal(next.options.data.url, '/discuss/7?page=2#c40', 'reading starts at the first');
});
