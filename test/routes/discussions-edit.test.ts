import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, Client, logInAs } from '../helpers/app.ts';
import { backdate, MINUTE, rowOf } from '../helpers/data.ts';
import { errorMessage, fieldValue, listedPostIds } from '../helpers/html.ts';

const EDIT = { title: 'Vandalised', url: '', text: 'taken over' };

test('the author edits a discussion within the window, and the page says it was edited', async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const id = await asha.startDiscussion('Tyop in title', 'first text');
  assert.match(
    (await asha.get(`/discuss/${id}`)).body,
    new RegExp(`<a href="/discuss/${id}/edit" aria-describedby="edit-window-post">Edit</a>`),
  );

  const form = await asha.get(`/discuss/${id}/edit`);
  assert.equal(form.statusCode, 200);
  assert.equal(fieldValue(form.body, 'title'), 'Tyop in title');
  assert.equal(fieldValue(form.body, 'text'), 'first text');

  backdate(app, 'posts', id, 59 * MINUTE);
  const saved = await asha.post(`/discuss/${id}/edit`, {
    title: 'Typo in title',
    url: '',
    text: 'better _text_',
  });
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, `/discuss/${id}`);
  const page = (await asha.get(`/discuss/${id}`)).body;
  assert.match(page, /Typo in title/);
  assert.match(page, /<p>better <em>text<\/em><\/p>/);
  assert.match(page, /· edited/);
});

test('a refused edit re-renders the form with the message and the text, and changes nothing', async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const id = await asha.startDiscussion('Original', 'original text');
  const before = rowOf(app, 'posts', id);
  const response = await asha.post(`/discuss/${id}/edit`, {
    title: 'New title',
    url: 'javascript:x',
    text: 'kept',
  });
  assert.equal(response.statusCode, 400);
  assert.equal(errorMessage(response.body), 'Link must be a full http:// or https:// address.');
  assert.equal(fieldValue(response.body, 'text'), 'kept');
  assert.deepEqual(rowOf(app, 'posts', id), before);
  const json = await asha.postJson(`/discuss/${id}/edit`, { title: '', text: 'x' });
  assert.equal(json.statusCode, 400);
  assert.deepEqual(json.json(), { error: 'Title cannot be empty.' });
});

test('after the 60-minute window the author can no longer edit: no link, 403 on GET and POST', async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const id = await asha.startDiscussion('Settled', 'the record');
  backdate(app, 'posts', id, 61 * MINUTE);
  const before = rowOf(app, 'posts', id);
  assert.doesNotMatch(
    (await asha.get(`/discuss/${id}`)).body,
    /\/edit" aria-describedby="edit-window-[\w-]+">Edit</,
  );
  const form = await asha.get(`/discuss/${id}/edit`);
  assert.equal(form.statusCode, 403);
  assert.equal(
    errorMessage(form.body),
    'Only the author can edit a discussion, within an hour of posting it.',
  );
  assert.equal((await asha.post(`/discuss/${id}/edit`, EDIT)).statusCode, 403);
  assert.deepEqual(rowOf(app, 'posts', id), before);
});

test("nobody edits or deletes someone else's discussion: 403 and the row unchanged", async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const bilal = await logInAs(app, 'bilal');
  const id = await asha.startDiscussion("Asha's thread", 'her words');
  const before = rowOf(app, 'posts', id);

  const page = (await bilal.get(`/discuss/${id}`)).body;
  assert.doesNotMatch(page, /\/edit" aria-describedby="edit-window-[\w-]+">Edit</);
  assert.doesNotMatch(page, new RegExp(`/discuss/${id}/delete`));
  assert.equal((await bilal.get(`/discuss/${id}/edit`)).statusCode, 403);
  const edit = await bilal.post(`/discuss/${id}/edit`, EDIT);
  assert.equal(edit.statusCode, 403);
  assert.match(errorMessage(edit.body) ?? '', /Only the author can edit/);
  const remove = await bilal.post(`/discuss/${id}/delete`, {});
  assert.equal(remove.statusCode, 403);
  assert.equal(errorMessage(remove.body), 'Only the author can delete a discussion.');
  const json = await bilal.postJson(`/discuss/${id}/edit`, EDIT);
  assert.equal(json.statusCode, 403);
  assert.match((json.json() as { error: string }).error, /Only the author/);
  assert.deepEqual(rowOf(app, 'posts', id), before);
});

test('visitors who are not logged in cannot edit or delete either', async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const id = await asha.startDiscussion('Mine', 'text');
  const before = rowOf(app, 'posts', id);
  const visitor = new Client(app);
  const form = await visitor.get(`/discuss/${id}/edit`);
  assert.equal(form.statusCode, 303);
  assert.equal(form.headers.location, `/login?next=${encodeURIComponent(`/discuss/${id}/edit`)}`);
  assert.equal((await visitor.post(`/discuss/${id}/edit`, EDIT)).statusCode, 401);
  assert.equal((await visitor.post(`/discuss/${id}/delete`, {})).statusCode, 401);
  assert.deepEqual(rowOf(app, 'posts', id), before);
});

test('the author deletes a discussion at any age: it leaves the listings and its page is 404', async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const id = await asha.startDiscussion('Regrettable', 'text');
  const kept = await asha.startDiscussion('Fine', 'text');
  backdate(app, 'posts', id, 24 * 60 * MINUTE);
  const response = await asha.post(`/discuss/${id}/delete`, {});
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, '/');
  assert.notEqual(rowOf(app, 'posts', id).deleted_at, null);
  assert.equal((await asha.get(`/discuss/${id}`)).statusCode, 404);
  assert.deepEqual(listedPostIds((await asha.get('/')).body), [kept]);
  assert.deepEqual(listedPostIds((await asha.get('/new')).body), [kept]);
  assert.equal((await asha.post(`/discuss/${id}/delete`, {})).statusCode, 404, 'deleting twice');
});
