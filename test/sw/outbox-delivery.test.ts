/// <reference lib="dom" />
// The worker's modules under test name Cache Storage and IndexedDB types; lib DOM declares them
// too, and the root tsconfig (Node's, which type-checks test/) has no WebWorker lib.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attachReplies, nextToSend, type Verdict, verdictOn } from '../../sw/shared/outbox-delivery.ts';
import type { OutboxItem } from '../../sw/shared/outbox-store.ts';

function item(key: string, overrides: Partial<OutboxItem> = {}): OutboxItem {
  return {
    key,
    kind: 'comment',
    action: '/discuss/7/comments',
    fields: { body: `comment ${key}` },
    page: '/discuss/7',
    user: 'asha',
    state: 'waiting',
    tries: 0,
    ...overrides,
  };
}

test('nextToSend takes the oldest item still to send', () => {
  const items = [item('a', { state: 'invalid' }), item('b', { state: 'gone' }), item('c'), item('d')];
  assert.equal(nextToSend(items, new Set())?.key, 'c');
  assert.equal(nextToSend(items, new Set(['c']))?.key, 'd', 'one this delivery dealt with is not sent again');
  assert.equal(nextToSend(items, new Set(['c', 'd'])), undefined);
});

test('nextToSend tries an item waiting for its author to log in again', () => {
  assert.equal(nextToSend([item('a', { state: 'login' })], new Set())?.key, 'a');
});

test('nextToSend holds a reply back while its parent is still in the outbox, whatever its state', () => {
  const parent = item('parent', { state: 'invalid' });
  const reply = item('reply', { parentKey: 'parent' });
  assert.equal(nextToSend([parent, reply], new Set()), undefined);
  assert.equal(nextToSend([reply], new Set())?.key, 'reply', 'once the parent has landed (or was cancelled)');
});

test('verdictOn: what each answer from the server makes the delivery do', () => {
  const answer = (status: number, headers: Record<string, string> = {}) =>
    new Response('{}', { status, headers });
  const cases: [string, Response, boolean, Verdict][] = [
    ['created', answer(201), false, { next: 'land' }],
    ['ok', answer(200), false, { next: 'land' }],
    ['logged out', answer(401), false, { next: 'ask-to-log-in' }],
    ['forbidden, first time', answer(403), false, { next: 'refresh-token' }],
    ['forbidden after a fresh token', answer(403), true, { next: 'refuse', state: 'invalid' }],
    ['rate limited briefly', answer(429, { 'retry-after': '3' }), false, { next: 'wait', seconds: 3 }],
    ['rate limited, no Retry-After', answer(429), false, { next: 'wait', seconds: 1 }],
    [
      'rate limited until a date',
      answer(429, { 'retry-after': 'Wed, 02 Dec 2026 10:00:00 GMT' }),
      false,
      { next: 'wait', seconds: 1 },
    ],
    [
      'rate limited for long',
      answer(429, { 'retry-after': '121' }),
      false,
      { next: 'stop', countsAsTry: false },
    ],
    [
      'rate limited for the longest wait',
      answer(429, { 'retry-after': '120' }),
      false,
      { next: 'wait', seconds: 120 },
    ],
    ['server error', answer(500), false, { next: 'stop', countsAsTry: true }],
    ['bad gateway', answer(502), false, { next: 'stop', countsAsTry: true }],
    ['deleted meanwhile', answer(404), false, { next: 'refuse', state: 'gone' }],
    ['bad input', answer(400), false, { next: 'refuse', state: 'invalid' }],
    ['too large', answer(413), false, { next: 'refuse', state: 'invalid' }],
  ];
  for (const [name, response, refreshedToken, verdict] of cases) {
    assert.deepEqual(verdictOn(response, refreshedToken), verdict, name);
  }
});

test('attachReplies points the replies waiting on a landed comment at its new id', () => {
  const landed = item('parent');
  const items = [
    landed,
    item('reply', { parentKey: 'parent', fields: { body: 'yes' } }),
    item('other', { parentKey: 'someone-else' }),
    item('plain'),
  ];
  assert.deepEqual(attachReplies(items, landed, { id: 42, url: '/discuss/7#c42' }), [
    item('reply', { fields: { body: 'yes', parentId: '42' } }),
  ]);
});
