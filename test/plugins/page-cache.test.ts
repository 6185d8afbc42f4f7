import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { App } from '../../app/app.ts';
import { build, Client, logInAs } from '../helpers/app.ts';
import { recordStatements } from '../helpers/statements.ts';

/** How many times viewing `url` read the thread's comments from the database. */
async function commentReads(app: App, client: Client, url: string): Promise<number> {
  const sql = await recordStatements(app.db, async () => {
    const response = await client.get(url, { 'accept-encoding': 'br' });
    assert.equal(response.statusCode, 200, url);
  });
  return sql.filter((statement) => /\bFROM comments\b/.test(statement)).length;
}

test('a thread is rendered once and then served from memory, until a comment changes it', async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const postId = await asha.startDiscussion('Cached once', 'text');
  const visitor = new Client(app);
  await visitor.csrfToken();
  const url = `/discuss/${postId}`;
  assert.equal(await commentReads(app, visitor, url), 1, 'the first view renders');
  assert.equal(await commentReads(app, visitor, url), 0, 'the second is served from memory');
  await asha.comment(postId, 'A change');
  assert.equal(await commentReads(app, visitor, url), 1, 'a new comment renders it afresh');
  assert.match((await visitor.get(url)).body, /A change/);
});

test('with RENDER_CACHE_MB=0 every view renders the page afresh', async (t) => {
  const { app } = await build(t, { renderCacheMb: 0 });
  const asha = await logInAs(app, 'asha');
  const postId = await asha.startDiscussion('Never cached', 'text');
  const visitor = new Client(app);
  await visitor.csrfToken();
  for (let view = 0; view < 3; view++)
    assert.equal(await commentReads(app, visitor, `/discuss/${postId}`), 1);
});

test('readers who miss at the same moment share one rendering', async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const postId = await asha.startDiscussion('Busy thread', 'text');
  const visitor = new Client(app);
  await visitor.csrfToken();
  const url = `/discuss/${postId}`;
  const sql = await recordStatements(app.db, async () => {
    const views = await Promise.all(Array.from({ length: 5 }, () => visitor.get(url)));
    for (const view of views) assert.match(view.body, /Busy thread/);
  });
  assert.equal(sql.filter((statement) => /\bFROM comments\b/.test(statement)).length, 1);
});
