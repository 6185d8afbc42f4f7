import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, Client, logInAs } from '../helpers/app.ts';
import { ashaAndBilal } from '../helpers/forum.ts';

test('pages are no-cache with an ETag, and a repeat request gets 304 until the page changes', async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const discussionId = await asha.startDiscussion('Cached', 'text');
  const visitor = new Client(app);
  // A browser's very first page creates its CSRF secret cookie; revalidation starts from the next one.
  await visitor.csrfToken();
  for (const client of [visitor, asha]) {
    for (const url of ['/', '/new', `/discuss/${discussionId}`, '/u/asha', '/login']) {
      const first = await client.get(url);
      assert.equal(first.statusCode, 200, url);
      assert.equal(first.headers['cache-control'], 'no-cache', url);
      const etag = String(first.headers.etag ?? '');
      assert.match(etag, /^(W\/)?"[^"]+"$/, url);
      const again = await client.get(url, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304, url);
      assert.equal(again.body, '', url);
      assert.equal(again.headers['cache-control'], 'no-cache', url);
      assert.equal(again.headers.vary, first.headers.vary, url);
      assert.equal(again.headers['content-type'], undefined, `${url}: a 304 has no type`);
      assert.equal(again.headers['content-length'], undefined, `${url}: nor a length of its own`);
      assert.notEqual(
        (await client.get(url, { 'if-none-match': 'W/"something-else"' })).statusCode,
        304,
        `${url} with another ETag`,
      );
    }
  }

  const before = await visitor.get(`/discuss/${discussionId}`);
  await asha.comment(discussionId, 'a change');
  const after = await visitor.get(`/discuss/${discussionId}`, {
    'if-none-match': String(before.headers.etag),
  });
  assert.equal(after.statusCode, 200, 'a new comment changes the page');
  assert.match(after.body, /a change/);
  assert.notEqual(after.headers.etag, before.headers.etag);
});

test("one person's page is never answered with another person's ETag", async (t) => {
  const { asha, bilal } = await ashaAndBilal(t);
  const discussionId = await asha.startDiscussion('Personal', 'text');
  const ashas = await asha.get(`/discuss/${discussionId}`);
  const bilals = await bilal.get(`/discuss/${discussionId}`, { 'if-none-match': String(ashas.headers.etag) });
  assert.equal(bilals.statusCode, 200);
  assert.match(bilals.body, /data-user="bilal"/);
  assert.match(String(ashas.headers.vary), /Cookie/i);
});
