import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { App } from '../../app/app.ts';
import { parseSearchQuery, searchMatch } from '../../app/domain/search-query.ts';
import { type SearchLimits, type SearchOrder, searchRepository } from '../../db/repositories/search.ts';
import { build, createUser } from '../helpers/app.ts';

/** The repository with small limits, so that a handful of documents reaches them. */
function finder(app: App, limits: SearchLimits) {
  const repository = searchRepository(app.db, limits);
  return (query: string, order: SearchOrder, limit: number, offset = 0, authorIds: number[] = []) => {
    const match = searchMatch(parseSearchQuery(query).terms, authorIds);
    assert.ok(match);
    return repository
      .find(match, order, limit, offset)
      .hits.map((hit) => (hit.commentId === null ? `d${hit.discussionId}` : `c${hit.commentId}`));
  };
}

async function forum(t: Parameters<typeof build>[0]) {
  const { app } = await build(t);
  const authorId = await createUser(app, 'asha');
  const discussion = (title: string, bodyMd: string, at = Date.now()) =>
    `d${app.repositories.discussions.create({ authorId, title, url: null, bodyMd, bodyHtml: '' }, at)}`;
  const comment = (discussionId: string, bodyMd: string, at = Date.now()) =>
    `c${app.repositories.comments.create(
      {
        discussionId: Number(discussionId.slice(1)),
        parentId: null,
        authorId,
        depth: 0,
        bodyMd,
        bodyHtml: '',
      },
      at,
    )}`;
  return { app, authorId, discussion, comment };
}

test('relevance is decided among the newest candidates of each kind, title matches first', async (t) => {
  const { app, discussion } = await forum(t);
  const old = discussion('Lantern repair', 'an old thread about brass');
  const newer = [1, 2, 3, 4].map((i) => discussion(`Evening ${i}`, 'we lit a lantern'));
  const find = finder(app, { rankedCandidates: 4, bm25MaxDocuments: 100 });
  assert.deepEqual(
    new Set(find('lantern', 'relevance', 10)),
    new Set(newer),
    'the oldest is not a candidate',
  );
  assert.deepEqual(find('lantern brass', 'relevance', 10), [old], 'with fewer matches, all are ranked');
  const all = finder(app, { rankedCandidates: 10, bm25MaxDocuments: 100 });
  assert.equal(all('lantern', 'relevance', 10)[0], old, 'a title match ranks above bodies');
});

test('a term in more documents than bm25 may count gives the newest first, and says so', async (t) => {
  const { app, discussion, comment } = await forum(t);
  const start = Date.now() - 3_600_000;
  const titled = discussion('Mango season', 'mango mango mango', start);
  const thread = discussion('Fruit', 'a mango', start + 1000);
  const reply = comment(thread, 'mango', start + 2000);
  const longTitle = discussion(
    'A pickle from my grandmother in Lucknow, step by step, with mango',
    '',
    start + 3000,
  );
  const latest = comment(thread, 'ripe mango', start + 4000);
  const broad = finder(app, { rankedCandidates: 10, bm25MaxDocuments: 4 });
  assert.deepEqual(broad('mango', 'relevance', 10), [latest, longTitle, reply, thread, titled]);
  assert.deepEqual(broad('mango', 'relevance', 2, 2), [reply, thread], 'and it pages the same way');
  const match = searchMatch(parseSearchQuery('mango').terms, []);
  assert.ok(match);
  assert.equal(
    searchRepository(app.db, { rankedCandidates: 10, bm25MaxDocuments: 4 }).find(match, 'relevance', 1, 0)
      .order,
    'newest',
  );
  const ranked = finder(app, { rankedCandidates: 10, bm25MaxDocuments: 5 });
  assert.equal(
    ranked('mango', 'relevance', 10)[0],
    titled,
    'at the bound, bm25: a short title and the most mangoes',
  );
});

test('newest first interleaves discussions and comments by time, page after page', async (t) => {
  const { app, authorId, discussion, comment } = await forum(t);
  const start = Date.now() - 3_600_000;
  const expected: string[] = [];
  let thread = '';
  // Five comments follow each discussion: comment ids grow faster than discussion ids.
  for (let i = 0; i < 60; i++) {
    if (i % 6 === 0) thread = discussion(`Mango ${i}`, '', start + i * 1000);
    expected.unshift(i % 6 === 0 ? thread : comment(thread, `mango ${i}`, start + i * 1000));
  }
  const find = finder(app, { rankedCandidates: 10, bm25MaxDocuments: 100 });
  const pages = [0, 20, 40].flatMap((offset) => find('author:asha', 'newest', 20, offset, [authorId]));
  assert.deepEqual(pages, expected);
});
