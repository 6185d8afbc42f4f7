import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_COMMENT_DEPTH, MAX_COMMENT_LENGTH } from '../../app/domain/limits.ts';
import { Client } from '../helpers/app.ts';
import { count, rowOf } from '../helpers/data.ts';
import { ashaAlone, ashaAndBilal } from '../helpers/forum.ts';
import { commentElement, errorMessage, fieldValue } from '../helpers/html.ts';

test('comments and replies render as a nested tree, each with author, age and score', async (t) => {
  const { app, asha, bilal } = await ashaAndBilal(t);
  const discussionId = await asha.startDiscussion('Trees', 'Reply below.');
  const first = await bilal.comment(discussionId, 'First, with **bold**.');
  const reply = await asha.comment(discussionId, 'A reply.', first);
  const deeper = await bilal.comment(discussionId, 'A reply to the reply.', reply);
  const second = await asha.comment(discussionId, 'Second top-level comment.');

  const page = (await new Client(app).get(`/discuss/${discussionId}`)).body;
  const firstElement = commentElement(page, first) ?? '';
  const replyElement = commentElement(page, reply) ?? '';
  assert.match(firstElement, /<p>First, with <strong>bold<\/strong>.<\/p>/);
  assert.ok(firstElement.includes(`id="c${reply}"`), 'the reply is inside its parent');
  assert.ok(replyElement.includes(`id="c${deeper}"`), 'the reply to the reply is inside the reply');
  assert.ok(!firstElement.includes(`id="c${second}"`), 'the second comment is not inside the first');
  assert.ok(page.indexOf(`id="c${first}"`) < page.indexOf(`id="c${second}"`), 'oldest first');
  assert.match(replyElement, /data-depth="1"/);
  assert.match(commentElement(page, deeper) ?? '', /data-depth="2"/);
  assert.match(firstElement, /<a href="\/u\/bilal" class="author"><bdi>bilal<\/bdi><\/a>/);
  assert.match(firstElement, /<time datetime="[^"]+">just now<\/time>/);
  assert.match(firstElement, /<span class="score">0<\/span><span class="score-unit[^"]*"> points<\/span>/);
  assert.match(page, /4 comments/);
});

test(`replies past depth ${MAX_COMMENT_DEPTH} attach to the deepest allowed parent`, async (t) => {
  const { app, asha } = await ashaAlone(t);
  const discussionId = await asha.startDiscussion('Deep', 'Go deep.');
  const chain = [await asha.comment(discussionId, 'depth 0')];
  for (let depth = 1; depth <= MAX_COMMENT_DEPTH + 2; depth++) {
    chain.push(await asha.comment(discussionId, `reply to depth ${depth - 1}`, chain.at(-1)));
  }
  const depthOf = (id: number) => rowOf(app, 'comments', id).depth;
  const deepest = chain[MAX_COMMENT_DEPTH] as number;
  assert.equal(depthOf(deepest), MAX_COMMENT_DEPTH);
  for (const id of chain.slice(MAX_COMMENT_DEPTH + 1)) {
    assert.equal(depthOf(id), MAX_COMMENT_DEPTH);
    assert.equal(
      rowOf(app, 'comments', id).parent_id,
      chain[MAX_COMMENT_DEPTH - 1],
      'sibling of the deepest',
    );
  }
  const page = (await asha.get(`/discuss/${discussionId}`)).body;
  assert.equal(count(app, 'SELECT max(depth) FROM comments'), MAX_COMMENT_DEPTH);
  assert.ok(commentElement(page, chain[MAX_COMMENT_DEPTH - 1] as number)?.includes(`id="c${chain.at(-1)}"`));
});

test('the reply page quotes the comment and posts a reply to it', async (t) => {
  const { app, asha } = await ashaAlone(t);
  const discussionId = await asha.startDiscussion('Quotes', 'text');
  const commentId = await asha.comment(discussionId, 'Quote _me_.');
  const page = await asha.get(`/comments/${commentId}/reply`);
  assert.equal(page.statusCode, 200);
  assert.match(
    page.body,
    /<p class="meta"><bdi>asha<\/bdi> wrote:<\/p>\n\s*<div class="prose" dir="auto"><p>Quote <em>me<\/em>.<\/p>/,
  );
  assert.equal(fieldValue(page.body, 'parentId'), String(commentId));
  assert.match(page.body, /<label for="body">Your reply<\/label>/);
  const visitor = await new Client(app).get(`/comments/${commentId}/reply`);
  assert.equal(visitor.statusCode, 303, 'visitors are sent to log in first');
});

test('an empty or too-long comment is refused, the text kept, and nothing written', async (t) => {
  const { app, asha } = await ashaAlone(t);
  const discussionId = await asha.startDiscussion('Limits', 'text');
  const empty = await asha.post(`/discuss/${discussionId}/comments`, { body: '' });
  assert.equal(empty.statusCode, 400);
  assert.equal(errorMessage(empty.body), 'Comment cannot be empty.');

  const tooLong = `${'c'.repeat(MAX_COMMENT_LENGTH)}!`;
  const long = await asha.post(`/discuss/${discussionId}/comments`, { body: tooLong });
  assert.equal(long.statusCode, 400);
  assert.equal(errorMessage(long.body), 'Comment must be at most 8192 characters.');
  assert.equal(fieldValue(long.body, 'body'), tooLong);

  const json = await asha.postJson(`/discuss/${discussionId}/comments`, { body: '' });
  assert.equal(json.statusCode, 400);
  assert.deepEqual(json.json(), { error: 'Comment cannot be empty.' });
  assert.equal(count(app, 'SELECT count(*) FROM comments'), 0);
  assert.equal(rowOf(app, 'posts', discussionId).comment_count, 0);
});

test('a reply must target a live comment of the same discussion', async (t) => {
  const { app, asha } = await ashaAlone(t);
  const here = await asha.startDiscussion('Here', 'text');
  const elsewhere = await asha.startDiscussion('Elsewhere', 'text');
  const foreign = await asha.comment(elsewhere, 'in another thread');
  const response = await asha.post(`/discuss/${here}/comments`, {
    body: 'cross-thread',
    parentId: String(foreign),
  });
  assert.equal(response.statusCode, 400);
  assert.equal(fieldValue(response.body, 'body'), 'cross-thread');
  const gone = await asha.post(`/discuss/${here}/comments`, { body: 'to nothing', parentId: '999999' });
  assert.equal(gone.statusCode, 400);
  assert.equal(errorMessage(gone.body), 'The comment you are replying to was deleted.');
  const onMissingPost = await asha.post('/discuss/999999/comments', { body: 'hello' });
  assert.equal(onMissingPost.statusCode, 404);
  assert.equal(count(app, 'SELECT count(*) FROM comments'), 1);
});

test('commenting needs an account', async (t) => {
  const { app, asha } = await ashaAlone(t);
  const discussionId = await asha.startDiscussion('Members only', 'text');
  const visitor = new Client(app);
  assert.match(
    (await visitor.get(`/discuss/${discussionId}`)).body,
    /Log in<\/a> or <a href="\/signup">sign up<\/a> to join/,
  );
  assert.equal((await visitor.post(`/discuss/${discussionId}/comments`, { body: 'hi' })).statusCode, 401);
  assert.equal(count(app, 'SELECT count(*) FROM comments'), 0);
});

test('JSON clients comment and get the new id and permalink', async (t) => {
  const { asha } = await ashaAlone(t);
  const discussionId = await asha.startDiscussion('JSON', 'text');
  const response = await asha.postJson(`/discuss/${discussionId}/comments`, { body: 'from a script' });
  assert.equal(response.statusCode, 201);
  const { id, url } = response.json() as { id: number; url: string };
  assert.equal(url, `/discuss/${discussionId}#c${id}`);
  const permalink = await asha.get(`/comments/${id}`);
  assert.equal(permalink.statusCode, 302, 'not permanent: a comment moves as its discussion grows');
  assert.equal(permalink.headers.location, url);
});
