import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { test } from 'node:test';
import type { App, AppConfig } from '../../app/app.ts';
import { build, Client, logInAs } from '../helpers/app.ts';
import { recordStatements } from '../helpers/statements.ts';

/** A discussion by asha, and a visitor whose browser has its CSRF cookie (so pages are cacheable). */
async function threadAndVisitor(t: TestContext, title: string, config: Partial<AppConfig> = {}) {
  const { app } = await build(t, config);
  const asha = await logInAs(app, 'asha');
  const discussionId = await asha.startDiscussion(title, 'text');
  const visitor = new Client(app);
  await visitor.csrfToken();
  return { app, asha, discussionId, visitor, url: `/discuss/${discussionId}` };
}

/** How many times viewing `url` read the shown comments' text from the database (the outline of ids is not a render). */
async function commentReads(app: App, client: Client, url: string): Promise<number> {
  const sql = await recordStatements(app.db, async () => {
    const response = await client.get(url, { 'accept-encoding': 'br' });
    assert.equal(response.statusCode, 200, url);
  });
  return sql.filter((statement) => /\bbody_html\b[\s\S]*\bFROM comments\b/.test(statement)).length;
}

test('a thread is rendered once and then served from memory, until a comment changes it', async (t) => {
  const { app, asha, discussionId, visitor, url } = await threadAndVisitor(t, 'Cached once');
  assert.equal(await commentReads(app, visitor, url), 1, 'the first view renders');
  assert.equal(await commentReads(app, visitor, url), 0, 'the second is served from memory');
  await asha.comment(discussionId, 'A change');
  assert.equal(await commentReads(app, visitor, url), 1, 'a new comment renders it afresh');
  assert.match((await visitor.get(url)).body, /A change/);
});

test('with RENDER_CACHE_MB=0 every view renders the page afresh', async (t) => {
  const { app, visitor, url } = await threadAndVisitor(t, 'Never cached', { renderCacheMb: 0 });
  for (let view = 0; view < 3; view++) assert.equal(await commentReads(app, visitor, url), 1);
});

test('readers who miss at the same moment share one rendering', async (t) => {
  const { app, visitor, url } = await threadAndVisitor(t, 'Busy thread');
  const sql = await recordStatements(app.db, async () => {
    const views = await Promise.all(Array.from({ length: 5 }, () => visitor.get(url)));
    for (const view of views) assert.match(view.body, /Busy thread/);
  });
  assert.equal(sql.filter((statement) => /\bbody_html\b[\s\S]*\bFROM comments\b/.test(statement)).length, 1);
});

test('parameters a page does not read make no copies of their own, and the page links to its one address', async (t) => {
  const { app, discussionId, visitor, url } = await threadAndVisitor(t, 'One copy');
  assert.equal(await commentReads(app, visitor, url), 1, 'the first view renders');
  const variants = [`${url}?utm=1`, `${url}?utm=2&x=y`, `/discuss/0${discussionId}`];
  for (const variant of variants)
    assert.equal(await commentReads(app, visitor, variant), 0, `${variant} is served the kept page`);
  const page = (await visitor.get(`${url}?utm=<junk>`)).body;
  assert.match(page, new RegExp(`next=${encodeURIComponent(url)}"`), 'the login link names the page itself');
  assert.doesNotMatch(page, /utm|junk/);

  // A parameter the page does read still shows (and keeps) its own page.
  const home = await visitor.get('/?page=2&utm=1');
  assert.equal(home.statusCode, 200);
  assert.match(home.body, /next=%2F%3Fpage%3D2"/);
});
