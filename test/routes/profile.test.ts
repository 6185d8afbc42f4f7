import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, Client, logInAs } from '../helpers/app.ts';
import { ashaAndBilal } from '../helpers/forum.ts';
import { errorMessage } from '../helpers/html.ts';

test('a profile shows karma, discussions and comments, newest first, without deleted ones', async (t) => {
  const { app, asha, bilal } = await ashaAndBilal(t);
  const first = await asha.startDiscussion('First thread', 'text');
  const second = await asha.startDiscussion('Second thread', 'text');
  const gone = await asha.startDiscussion('Deleted thread', 'text');
  const comment = await asha.comment(second, 'A _thoughtful_ comment');
  const removed = await asha.comment(first, 'A comment she regretted');
  await asha.post(`/discuss/${gone}/delete`, {});
  await asha.post(`/comments/${removed}/delete`, {});
  await bilal.post(`/discuss/${first}/vote`, { direction: 'up' });

  const response = await new Client(app).get('/u/asha');
  assert.equal(response.statusCode, 200);
  const page = response.body;
  assert.match(page, /<h1><bdi>asha<\/bdi><\/h1>/);
  assert.match(
    page,
    /Karma <strong class="profile-karma">1<\/strong> · joined <time datetime="[^"]+">just now<\/time>/,
  );
  const posts = page.slice(page.indexOf('id="posts-heading"'), page.indexOf('id="comments-heading"'));
  assert.ok(
    posts.indexOf(`href="/discuss/${second}"`) < posts.indexOf(`href="/discuss/${first}"`),
    'newest first',
  );
  assert.match(posts, /1 point · 0 comments/);
  assert.doesNotMatch(posts, /Deleted thread/);
  const comments = page.slice(page.indexOf('id="comments-heading"'));
  assert.match(
    comments,
    new RegExp(`On <a href="/discuss/${second}#c${comment}"><bdi>Second thread</bdi></a>`),
  );
  assert.match(comments, /<p>A <em>thoughtful<\/em> comment<\/p>/);
  assert.doesNotMatch(comments, /regretted/);
});

test('a new member has an empty but friendly profile; usernames match whatever their case', async (t) => {
  const { app } = await build(t);
  await logInAs(app, 'Chen');
  const page = await new Client(app).get('/u/chen');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<h1><bdi>Chen<\/bdi><\/h1>/);
  assert.match(page.body, /No discussions yet/);
  assert.match(page.body, /No comments yet/);
});

test('an unknown user gets a friendly 404 page, never a 500', async (t) => {
  const { app } = await build(t);
  const visitor = new Client(app);
  for (const name of ['nobody', 'x'.repeat(60), '%3Cscript%3E', '..%2F..%2Fetc']) {
    const response = await visitor.get(`/u/${name}`);
    assert.equal(response.statusCode, 404, name);
    assert.match(response.body, /<h1>Not found<\/h1>/);
    assert.doesNotMatch(response.body, /<script>/);
  }
  assert.equal(
    errorMessage((await visitor.get('/u/nobody')).body),
    'That user does not exist, or it was deleted.',
  );
  const json = await visitor.get('/u/nobody', { accept: 'application/json' });
  assert.equal(json.statusCode, 404);
  assert.deepEqual(json.json(), { error: 'That user does not exist, or it was deleted.' });
});
