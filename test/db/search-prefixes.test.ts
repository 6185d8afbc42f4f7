import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSearchQuery, searchMatch } from '../../app/domain/search-query.ts';
import { type SearchLimits, type SearchOrder, searchRepository } from '../../db/repositories/search.ts';
import { prefixWords } from '../../db/repositories/search-prefixes.ts';
import { build, createUser } from '../helpers/app.ts';

/**
 * Long prefixes (cache*) read as the words they start (db/repositories/search-prefixes.ts) find
 * exactly what FTS5's own prefix query finds: the same documents, in the same order, on every page.
 */

const WORDS = [
  'cache',
  'Cached',
  'caches',
  'caching',
  'cachet',
  'cacheé',
  'CACHEZ9',
  'cach',
  'cachf',
  'cacha',
  'timeout',
  'timeouts',
  'time',
  'service',
  'worker',
  'workers',
  'कैशिंग',
  'ज़िंदगी',
];

/** A seeded forum: every discussion and comment a few of WORDS, picked by a fixed sequence. */
async function seededForum(t: Parameters<typeof build>[0]) {
  const { app } = await build(t);
  const authors = [await createUser(app, 'asha'), await createUser(app, 'bilal')];
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  const phrases = [
    'service worker caching',
    'timeout cached',
    'timeout caches',
    'service worker cache',
    'cacheé',
  ];
  const text = () => Array.from({ length: 2 + next(6) }, () => WORDS[next(WORDS.length)]).join(' ');
  const start = Date.now() - 86_400_000;
  for (let i = 0; i < 60; i++) {
    const authorId = authors[i % 2] ?? 0;
    const discussionId = app.repositories.discussions.create(
      {
        authorId,
        title: `Thread ${text()}`,
        url: null,
        bodyMd: `${text()} ${phrases[i % phrases.length]}`,
        bodyHtml: '',
      },
      start + i * 1000,
    );
    for (let j = 0; j < 3; j++)
      app.repositories.comments.create(
        { discussionId, parentId: null, authorId, depth: 0, bodyMd: text(), bodyHtml: '' },
        start + i * 1000 + j + 1,
      );
  }
  return { app, authors };
}

const QUERIES = [
  'cache*',
  'Cache*',
  'cached*',
  'cachi*',
  'cachez*',
  'timeo*',
  'timeo* cachi*',
  'worker cache*',
  'service-worker-cachi*',
  'timeout-cache*',
  'cacheé*',
  'कैशि*',
  'zzzzz*',
  'cach*',
  'cache* -timeout',
];

test('long prefixes read as their words find what the prefix finds, ranked or newest, on every page', async (t) => {
  const { app, authors } = await seededForum(t);
  // bm25MaxDocuments small enough that the commoner prefixes come newest first, as on a big forum.
  for (const bm25MaxDocuments of [15, 1_000]) {
    const limits: SearchLimits = { rankedCandidates: 40, bm25MaxDocuments };
    const merged = searchRepository(app.db, { ...limits, expandLongPrefixes: false });
    const asWords = searchRepository(app.db, limits);
    for (const query of QUERIES)
      for (const authorIds of [[], [authors[0] ?? 0]])
        for (const order of ['relevance', 'newest'] as SearchOrder[])
          for (const offset of [0, 10, 20]) {
            const match = searchMatch(parseSearchQuery(query).terms, authorIds);
            assert.ok(match);
            const expected = merged.find(match, order, 11, offset);
            const found = asWords.find(match, order, 11, offset);
            const what = `${query} (authors ${authorIds}, ${order}, offset ${offset}, bm25 up to ${bm25MaxDocuments})`;
            const ids = (page: typeof found) => page.hits.map((hit) => [hit.discussionId, hit.commentId]);
            assert.deepEqual(ids(found), ids(expected), what);
            assert.equal(found.order, expected.order, what);
            // A snippet may show another passage of the same document (one with more of the prefix's
            // words); titles and their highlights are the same.
            assert.deepEqual(
              found.hits.map((hit) => hit.markedTitle),
              expected.hits.map((hit) => hit.markedTitle),
              what,
            );
          }
  }
});

test('a long ASCII prefix is asked for as the words it starts, in the index as folded', async (t) => {
  const { app } = await seededForum(t);
  const expand = (query: string, rankedAlike = false) =>
    prefixWords(app.db)().expand(
      searchMatch(parseSearchQuery(query).terms, [])?.expression ?? '',
      rankedAlike,
    );
  assert.equal(
    expand('cache*'),
    '{title body} : (("cache" OR "cached" OR "cachee" OR "caches" OR "cachet" OR "cachez9"))',
  );
  assert.equal(
    expand('worker timeo* cachi*'),
    '{title body} : ("worker" AND ("timeout" OR "timeouts") AND ("caching"))',
  );
  assert.equal(expand('service-worker-cachi*'), '{title body} : (("service worker caching"))');
  assert.equal(expand('cache*', true), '{title body} : ("cache"*)', 'ranked, several words stay a prefix');
  assert.equal(expand('cachi*', true), '{title body} : (("caching"))', 'ranked, one word is the prefix');
  for (const query of ['cach*', 'कैशि*', 'cacheé*', 'zzzzz*'])
    assert.equal(expand(query), searchMatch(parseSearchQuery(query).terms, [])?.expression, query);
});

test('a prefix that starts one word ranks and reads exactly as the prefix, snippets included', async (t) => {
  const { app } = await seededForum(t);
  const limits: SearchLimits = { rankedCandidates: 40, bm25MaxDocuments: 1_000 };
  const merged = searchRepository(app.db, { ...limits, expandLongPrefixes: false });
  const asWords = searchRepository(app.db, limits);
  for (const query of ['cachi*', 'cachez*', 'timeo* cachi*', 'service-worker-cachi*']) {
    const match = searchMatch(parseSearchQuery(query).terms, []);
    assert.ok(match);
    const expected = merged.find(match, 'relevance', 20, 0);
    assert.ok(expected.hits.length > 0, `${query} finds something`);
    assert.deepEqual(asWords.find(match, 'relevance', 20, 0), expected, query);
  }
});

test('a prefix that starts more words than an OR should hold is merged by FTS5, and finds the same', async (t) => {
  const { app } = await build(t);
  const authorId = await createUser(app, 'asha');
  const words = Array.from({ length: 40 }, (_, i) => `lantern${String.fromCharCode(97 + (i % 26))}${i}`);
  for (const [i, word] of words.entries())
    app.repositories.discussions.create(
      { authorId, title: `Lamp ${i}`, url: null, bodyMd: word, bodyHtml: '' },
      Date.now() - i,
    );
  const match = searchMatch(parseSearchQuery('lante*').terms, []);
  assert.ok(match);
  const limits: SearchLimits = { rankedCandidates: 50, bm25MaxDocuments: 10 };
  const found = searchRepository(app.db, limits).find(match, 'relevance', 50, 0);
  assert.equal(found.hits.length, 40);
  assert.deepEqual(
    found,
    searchRepository(app.db, { ...limits, expandLongPrefixes: false }).find(match, 'relevance', 50, 0),
  );
});
