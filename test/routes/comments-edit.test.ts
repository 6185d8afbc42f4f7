import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { Client } from '../helpers/app.ts';
import { backdate, MINUTE, rowOf } from '../helpers/data.ts';
import { discussionWithComment } from '../helpers/forum.ts';
import { commentElement, errorMessage, fieldValue } from '../helpers/html.ts';

const threadWithComment = (t: TestContext) => discussionWithComment(t, 'Comments', 'original words');

test('the author edits a comment within the window', async (t) => {
  const { app, asha, discussionId, commentId } = await threadWithComment(t);
  assert.match(
    commentElement((await asha.get(`/discuss/${discussionId}`)).body, commentId) ?? '',
    /\/edit" aria-describedby="edit-window-[\w-]+">Edit</,
  );
  const form = await asha.get(`/comments/${commentId}/edit`);
  assert.equal(form.statusCode, 200);
  assert.equal(fieldValue(form.body, 'body'), 'original words');
  backdate(app, 'comments', commentId, 59 * MINUTE);
  const saved = await asha.post(`/comments/${commentId}/edit`, { body: 'better **words**' });
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, `/discuss/${discussionId}#c${commentId}`);
  const element = commentElement((await asha.get(`/discuss/${discussionId}`)).body, commentId) ?? '';
  assert.match(element, /<p>better <strong>words<\/strong><\/p>/);
  assert.match(element, /· edited/);
});

test('an empty edit is refused with the form kept and the comment unchanged', async (t) => {
  const { app, asha, commentId } = await threadWithComment(t);
  const before = rowOf(app, 'comments', commentId);
  const response = await asha.post(`/comments/${commentId}/edit`, { body: '' });
  assert.equal(response.statusCode, 400);
  assert.equal(errorMessage(response.body), 'Comment cannot be empty.');
  assert.deepEqual(rowOf(app, 'comments', commentId), before);
});

test('after the window the author can no longer edit a comment (but may still delete it)', async (t) => {
  const { app, asha, discussionId, commentId } = await threadWithComment(t);
  backdate(app, 'comments', commentId, 61 * MINUTE);
  const before = rowOf(app, 'comments', commentId);
  const element = commentElement((await asha.get(`/discuss/${discussionId}`)).body, commentId) ?? '';
  assert.doesNotMatch(element, /\/edit" aria-describedby="edit-window-[\w-]+">Edit</);
  assert.match(element, /Delete<\/button>/);
  assert.match(element, /no longer editable: editing closes an hour after posting/);
  const form = await asha.get(`/comments/${commentId}/edit`);
  assert.equal(form.statusCode, 403);
  assert.equal(errorMessage(form.body), 'Only the author can edit a comment, within an hour of posting it.');
  assert.equal(
    (await asha.post(`/comments/${commentId}/edit`, { body: 'rewritten history' })).statusCode,
    403,
  );
  assert.deepEqual(rowOf(app, 'comments', commentId), before);
});

test("nobody edits or deletes someone else's comment: 403 and the row unchanged", async (t) => {
  const { app, bilal, discussionId, commentId } = await threadWithComment(t);
  const before = rowOf(app, 'comments', commentId);
  const element = commentElement((await bilal.get(`/discuss/${discussionId}`)).body, commentId) ?? '';
  assert.doesNotMatch(element, /Edit<|Delete</);
  assert.match(element, /\/reply">Reply</, 'but anyone may reply');

  assert.equal((await bilal.get(`/comments/${commentId}/edit`)).statusCode, 403);
  const edit = await bilal.post(`/comments/${commentId}/edit`, { body: 'vandalised' });
  assert.equal(edit.statusCode, 403);
  assert.match(errorMessage(edit.body) ?? '', /Only the author can edit a comment/);
  const remove = await bilal.post(`/comments/${commentId}/delete`, {});
  assert.equal(remove.statusCode, 403);
  assert.equal(errorMessage(remove.body), 'Only the author can delete a comment.');
  const json = await bilal.postJson(`/comments/${commentId}/delete`, {});
  assert.equal(json.statusCode, 403);
  assert.deepEqual(json.json(), { error: 'Only the author can delete a comment.' });

  const visitor = new Client(app);
  assert.equal((await visitor.get(`/comments/${commentId}/edit`)).statusCode, 303);
  assert.equal((await visitor.post(`/comments/${commentId}/edit`, { body: 'anon' })).statusCode, 401);
  assert.equal((await visitor.post(`/comments/${commentId}/delete`, {})).statusCode, 401);
  assert.deepEqual(rowOf(app, 'comments', commentId), before);
});

test('deleting a comment with replies leaves "[deleted]" and keeps the replies in place', async (t) => {
  const { app, asha, bilal, discussionId, commentId } = await threadWithComment(t);
  const reply = await bilal.comment(discussionId, 'a reply that must survive', commentId);
  const response = await asha.post(`/comments/${commentId}/delete`, {});
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, `/discuss/${discussionId}`);

  const page = (await bilal.get(`/discuss/${discussionId}`)).body;
  const placeholder = commentElement(page, commentId) ?? '';
  assert.match(placeholder, /<div class="deleted"><span>\[deleted\]<\/span>/);
  assert.doesNotMatch(page, /original words/);
  assert.doesNotMatch(placeholder.slice(0, placeholder.indexOf('<ol')), /class="author"|vote-form/);
  assert.match(commentElement(placeholder, reply) ?? '', /a reply that must survive/);
  assert.match(page, /· <span data-comment-count>1 comment<\/span>/);
  assert.equal(rowOf(app, 'comments', commentId).body_md, '', 'the text is erased from the database');
  assert.equal(rowOf(app, 'posts', discussionId).comment_count, 1);

  assert.equal((await bilal.get(`/comments/${commentId}/reply`)).statusCode, 404, 'no replies to deleted');
  assert.equal((await asha.post(`/comments/${commentId}/delete`, {})).statusCode, 404, 'no second delete');
  assert.equal((await asha.post(`/comments/${commentId}/edit`, { body: 'back' })).statusCode, 404);
});

test('a deleted comment without replies disappears from the thread', async (t) => {
  const { app, asha, discussionId, commentId } = await threadWithComment(t);
  const json = await asha.postJson(`/comments/${commentId}/delete`, {});
  assert.deepEqual(json.json(), { deleted: true });
  const page = (await asha.get(`/discuss/${discussionId}`)).body;
  assert.equal(commentElement(page, commentId), undefined);
  assert.doesNotMatch(page, /\[deleted\]/);
  assert.match(page, /No comments yet/);
  assert.equal(rowOf(app, 'posts', discussionId).comment_count, 0);
});
