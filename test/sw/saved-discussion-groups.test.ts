import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupByDiscussion, pageNumberOf, type SavedCopy } from '../../sw/page/saved-discussion-groups.ts';
import type { SavedPageInfo } from '../../sw/shared/saved-page-metadata.ts';

const ORIGIN = 'https://charcha.example';

function copy(pathAndQuery: string, title: string, savedAt: number): SavedCopy {
  const url = `${ORIGIN}${pathAndQuery}`;
  const info: SavedPageInfo = {
    path: new URL(url).pathname,
    title,
    savedAt,
    usedAt: savedAt,
    user: null,
    kind: 'opened',
    pinned: false,
    size: 1000,
    revision: 1,
  };
  return { url, info };
}

test('the pages of one discussion make one entry, its pages in order, each landing on its own ?page', () => {
  const listed = groupByDiscussion([
    copy('/discuss/7?page=3', 'Huge (page 3)', 300),
    copy('/discuss/7', 'Huge', 100),
    copy('/discuss/9', 'Small', 200),
    copy('/discuss/7?page=2', 'Huge (page 2)', 250),
  ]);
  assert.deepEqual(listed, [
    {
      path: '/discuss/7',
      title: 'Huge',
      savedAt: 300,
      pages: [
        { number: 1, href: '/discuss/7' },
        { number: 2, href: '/discuss/7?page=2' },
        { number: 3, href: '/discuss/7?page=3' },
      ],
    },
    { path: '/discuss/9', title: 'Small', savedAt: 200, pages: [{ number: 1, href: '/discuss/9' }] },
  ]);
});

test('without its first page a discussion is listed by the title of its first saved page, suffix removed', () => {
  const [only] = groupByDiscussion([
    copy('/discuss/7?page=5', 'Huge (page 5)', 10),
    copy('/discuss/7?page=4', 'Huge (page 4)', 20),
  ]);
  assert.equal(only?.title, 'Huge');
  assert.deepEqual(only?.pages, [
    { number: 4, href: '/discuss/7?page=4' },
    { number: 5, href: '/discuss/7?page=5' },
  ]);
  // A title that ends like a page suffix of another page is the discussion's own.
  assert.equal(groupByDiscussion([copy('/discuss/8', 'Notes (page 2)', 1)])[0]?.title, 'Notes (page 2)');
});

test('the same page saved twice (another query) is listed once; an unreadable ?page is page 1', () => {
  const [only] = groupByDiscussion([copy('/discuss/7', 'Huge', 1), copy('/discuss/7?page=1', 'Huge', 2)]);
  assert.deepEqual(only?.pages, [{ number: 1, href: '/discuss/7' }]);
  assert.equal(pageNumberOf(new URL(`${ORIGIN}/discuss/7?page=abc`)), 1);
  assert.equal(pageNumberOf(new URL(`${ORIGIN}/discuss/7?page=0`)), 1);
  assert.equal(pageNumberOf(new URL(`${ORIGIN}/discuss/7?page=12`)), 12);
});
