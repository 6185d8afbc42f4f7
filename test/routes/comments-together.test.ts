import assert from 'node:assert/strict';
import { test } from 'node:test';
import { THREADS_PER_PAGE } from '../../app/domain/comment-pages.ts';
import { commentUrl } from '../../app/routes/comment-listing.ts';
import { build, logInAs } from '../helpers/app.ts';
import { countOutlineReads } from '../helpers/outline-reads.ts';
import { assertExact, found } from '../helpers/search-index.ts';

/**
 * Comments that reach the server together are committed together (db/write-batch.ts). Each must
 * still answer with the page that shows it, and each must extend the discussion's kept outline
 * rather than read the whole discussion again (that made a comment in a long discussion cost
 * its length: 2.9 ms of server CPU a comment instead of 0.3, bench/README.md).
 */
test('comments posted together into a long discussion each answer with their page, reading the outline once', async (t) => {
  const { app } = await build(t);
  const writers = await Promise.all(['asha', 'bilal', 'chen', 'dina'].map((name) => logInAs(app, name)));
  const [asha] = writers;
  const discussionId = await (asha as (typeof writers)[number]).startDiscussion('Busy', 'text');
  for (let index = 0; index < THREADS_PER_PAGE; index++)
    await (asha as (typeof writers)[number]).comment(discussionId, `Earlier ${index}`);

  const outlineReads = countOutlineReads(app, t);
  const posted = await Promise.all(
    Array.from({ length: 12 }, (_, index) =>
      (writers[index % writers.length] as (typeof writers)[number]).postJson(
        `/discuss/${discussionId}/comments`,
        { body: `Together ${index}` },
      ),
    ),
  );
  const wholeReads = outlineReads.count;

  assert.ok(wholeReads <= 1, `the whole outline was read ${wholeReads} times for 12 comments`);
  for (const response of posted) {
    assert.equal(response.statusCode, 201, response.body);
    const { id, url } = response.json() as { id: number; url: string };
    assert.equal(url, commentUrl(app.repositories.comments, { id, discussionId }));
    assert.match(url, new RegExp(`^/discuss/${discussionId}\\?page=2#c${id}$`));
  }
});

/**
 * FTS5 writes the terms a transaction added as one segment (one row or more of search_index_data)
 * when it commits, and also whenever a savepoint opens; comments committed together are indexed
 * together after their savepoints (migration 011), so they make one segment, not one each.
 */
test('comments posted together are indexed together, in one segment of the search index', async (t) => {
  const { app } = await build(t);
  const writers = await Promise.all(['asha', 'bilal', 'chen', 'dina'].map((name) => logInAs(app, name)));
  const discussionId = await (writers[0] as (typeof writers)[number]).startDiscussion('Busy', 'text');
  const indexRows = () => app.db.prepare('SELECT count(*) FROM search_index_data').pluck().get() as number;
  const before = indexRows();
  const posted = await Promise.all(
    Array.from({ length: 12 }, (_, index) =>
      (writers[index % writers.length] as (typeof writers)[number]).postJson(
        `/discuss/${discussionId}/comments`,
        { body: `Together ${index} monsoon` },
      ),
    ),
  );
  for (const response of posted) assert.equal(response.statusCode, 201, response.body);

  assert.equal(indexRows() - before, 1, 'one new segment of one page for the 12 comments');
  const ids = posted.map((response) => (response.json() as { id: number }).id).sort((a, b) => a - b);
  assert.deepEqual(found(app.db, 'monsoon'), ids);
  assertExact(app.db);
});
