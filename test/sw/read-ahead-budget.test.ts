import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SavedPageInfo } from '../../sw/shared/saved-page-metadata.ts';
import { evictionOrder } from '../../sw/worker/expiration.ts';
import { fitReadAheadCopy, readAheadBytes } from '../../sw/worker/read-ahead-budget.ts';
import type { SavedEntry } from '../../sw/worker/saved-entries.ts';
import { discussionAt as at } from './support/fake-forum.ts';

function entry(id: number, usedAt: number, info: Partial<SavedPageInfo> = {}): SavedEntry {
  return {
    request: new Request(at(id)),
    info: {
      path: `/discuss/${id}`,
      title: `Discussion ${id}`,
      savedAt: usedAt,
      usedAt,
      user: null,
      kind: 'read-ahead',
      pinned: false,
      size: 100,
      revision: 1,
      ...info,
    },
  };
}

const ids = (entries: SavedEntry[]) => entries.map((saved) => Number(saved.info.path.split('/').pop()));

test('only read-ahead copies count against the budget: not opened pages, not pinned ones', () => {
  const entries = [
    entry(1, 1, { size: 100 }),
    entry(2, 2, { size: 50, kind: 'opened' }),
    entry(3, 3, { size: 70, pinned: true }),
    entry(4, 4, { size: 30 }),
  ];
  assert.equal(readAheadBytes(entries), 130);
});

test('a copy that fits evicts nothing', () => {
  const decision = fitReadAheadCopy([entry(1, 1)], { key: at(2), size: 100 }, 200, new Set());
  assert.deepEqual(decision, { fits: true, evict: [] });
});

test('over budget, copies the list no longer names go first, least recently used first', () => {
  const entries = [entry(1, 30), entry(2, 10), entry(3, 20), entry(4, 5, { kind: 'opened' })];
  const wanted = new Set([at(2), at(5)]);
  const decision = fitReadAheadCopy(entries, { key: at(5), size: 50 }, 300, wanted);
  assert.equal(decision.fits, true);
  assert.deepEqual(ids(decision.evict), [3], 'discussion 2 is least used, but the list still names it');

  const bigger = fitReadAheadCopy(entries, { key: at(5), size: 150 }, 300, wanted);
  assert.deepEqual(ids(bigger.evict), [3, 1]);
  assert.deepEqual(fitReadAheadCopy(entries, { key: at(5), size: 250 }, 300, wanted), {
    fits: false,
    evict: [],
  });
});

test('a copy that cannot fit without evicting what the list names is refused, and evicts nothing', () => {
  const entries = [entry(1, 1), entry(2, 2)];
  const decision = fitReadAheadCopy(entries, { key: at(3), size: 150 }, 300, new Set([at(1), at(2), at(3)]));
  assert.deepEqual(decision, { fits: false, evict: [] });
});

test('a new copy replaces its own old one in the count; one of an opened or pinned page always fits', () => {
  const entries = [
    entry(1, 1, { size: 250 }),
    entry(2, 2, { kind: 'opened' }),
    entry(3, 3, { pinned: true }),
  ];
  assert.equal(fitReadAheadCopy(entries, { key: at(1), size: 300 }, 300, new Set()).fits, true);
  assert.equal(fitReadAheadCopy(entries, { key: at(1), size: 301 }, 300, new Set()).fits, false);
  assert.deepEqual(fitReadAheadCopy(entries, { key: at(2), size: 10_000 }, 300, new Set()), {
    fits: true,
    evict: [],
  });
  assert.deepEqual(fitReadAheadCopy(entries, { key: at(3), size: 10_000 }, 300, new Set()), {
    fits: true,
    evict: [],
  });
});

test('evictionOrder: read-ahead copies, then opened pages, each least recently used first; never pinned', () => {
  const entries = [
    entry(1, 10, { kind: 'opened' }),
    entry(2, 50),
    entry(3, 5, { kind: 'opened', pinned: true }),
    entry(4, 40),
    entry(5, 1, { kind: 'opened' }),
    entry(6, 2, { pinned: true }),
  ];
  assert.deepEqual(ids(evictionOrder(entries)), [4, 2, 5, 1]);
});
