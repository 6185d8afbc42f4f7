import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import type { App } from '../../app/app.ts';
import { Client, logInAs } from '../helpers/app.ts';
import { count, rowOf } from '../helpers/data.ts';
import { discussionWithComment } from '../helpers/forum.ts';
import { commentElement, errorMessage } from '../helpers/html.ts';

const karmaOf = (app: App, id: number) => rowOf(app, 'users', id).karma;

const forum = (t: TestContext) => discussionWithComment(t, 'Vote on me', 'and on me');

async function vote(
  client: Client,
  url: string,
  direction: string,
): Promise<{ score: number; vote: number }> {
  const response = await client.postJson(url, { direction });
  assert.equal(response.statusCode, 200, `${direction}: ${response.body}`);
  const { score, vote } = response.json() as { score: number; vote: number };
  return { score, vote };
}

test('a post can be voted up, down and undone; voting twice counts once', async (t) => {
  const { app, asha, bilal, discussionId } = await forum(t);
  const url = `/discuss/${discussionId}/vote`;
  assert.deepEqual(await vote(bilal, url, 'up'), { score: 1, vote: 1 });
  assert.deepEqual(await vote(bilal, url, 'up'), { score: 1, vote: 1 }, 'one vote per user');
  assert.deepEqual(await vote(bilal, url, 'down'), { score: -1, vote: -1 });
  assert.deepEqual(await vote(bilal, url, 'none'), { score: 0, vote: 0 });
  assert.equal(count(app, 'SELECT count(*) FROM post_votes'), 0);
  assert.equal(karmaOf(app, asha.id), 0);
});

test('the form vote redirects back and the thread shows the score and the pressed button', async (t) => {
  const { bilal, discussionId } = await forum(t);
  const response = await bilal.post(`/discuss/${discussionId}/vote`, { direction: 'up' });
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, `/discuss/${discussionId}`);
  const page = (await bilal.get(`/discuss/${discussionId}`)).body;
  const postVote = page.slice(page.indexOf(`data-vote-for="/discuss/${discussionId}/vote"`));
  assert.match(
    postVote,
    /^[\s\S]*?<span class="score">1<\/span><span class="score-unit visually-hidden"> point<\/span>/,
  );
  assert.match(
    postVote,
    /class="vote-button up active" aria-pressed="true" aria-label="Remove upvote this discussion"/,
  );
  assert.match(postVote, /name="direction" value="none"/, 'pressing it again undoes the vote');
});

test('a comment can be voted up, down and undone, one vote per user', async (t) => {
  const { app, asha, bilal, discussionId, commentId } = await forum(t);
  const url = `/comments/${commentId}/vote`;
  assert.deepEqual(await vote(bilal, url, 'up'), { score: 1, vote: 1 });
  assert.deepEqual(await vote(bilal, url, 'up'), { score: 1, vote: 1 });
  const form = await bilal.post(url, { direction: 'down' });
  assert.equal(form.statusCode, 303);
  assert.equal(form.headers.location, `/discuss/${discussionId}#c${commentId}`);
  const element = commentElement((await bilal.get(`/discuss/${discussionId}`)).body, commentId) ?? '';
  assert.match(element, /<span class="score">-1<\/span><span class="score-unit visually-hidden"> points</);
  assert.match(element, /class="vote-button down active" aria-pressed="true"/);
  assert.equal(karmaOf(app, asha.id), -1);
  assert.deepEqual(await vote(bilal, url, 'none'), { score: 0, vote: 0 });
  assert.equal(count(app, 'SELECT count(*) FROM comment_votes'), 0);
});

test('nobody votes on their own post or comment: 403, no buttons, nothing counted', async (t) => {
  const { app, asha, discussionId, commentId } = await forum(t);
  for (const url of [`/discuss/${discussionId}/vote`, `/comments/${commentId}/vote`]) {
    const response = await asha.post(url, { direction: 'up' });
    assert.equal(response.statusCode, 403, url);
    assert.equal(errorMessage(response.body), 'You cannot vote on what you wrote yourself.');
    const json = await asha.postJson(url, { direction: 'up' });
    assert.deepEqual(json.json(), { error: 'You cannot vote on what you wrote yourself.' });
  }
  assert.doesNotMatch((await asha.get(`/discuss/${discussionId}`)).body, /class="vote-form"/);
  assert.equal(rowOf(app, 'posts', discussionId).score, 0);
  assert.equal(rowOf(app, 'comments', commentId).score, 0);
  assert.equal(karmaOf(app, asha.id), 0);
});

test('votes need an account, a live item and a valid direction', async (t) => {
  const { app, asha, bilal, discussionId, commentId } = await forum(t);
  const visitor = new Client(app);
  assert.equal((await visitor.post(`/discuss/${discussionId}/vote`, { direction: 'up' })).statusCode, 401);
  assert.equal((await bilal.post('/discuss/999999/vote', { direction: 'up' })).statusCode, 404);
  assert.equal((await bilal.post('/comments/999999/vote', { direction: 'up' })).statusCode, 404);
  const sideways = await bilal.postJson(`/discuss/${discussionId}/vote`, { direction: 'sideways' });
  assert.equal(sideways.statusCode, 400);
  assert.equal(typeof (sideways.json() as { error: unknown }).error, 'string');
  assert.equal((await bilal.post(`/comments/${commentId}/vote`, { direction: '2' })).statusCode, 400);
  await asha.post(`/comments/${commentId}/delete`, {});
  assert.equal((await bilal.post(`/comments/${commentId}/vote`, { direction: 'up' })).statusCode, 404);
  assert.equal(
    count(app, 'SELECT count(*) FROM post_votes') + count(app, 'SELECT count(*) FROM comment_votes'),
    0,
  );
});

test("karma is the sum of votes on a person's posts and comments, shown on the profile", async (t) => {
  const { app, asha, bilal, discussionId, commentId } = await forum(t);
  const chen = await logInAs(app, 'chen');
  await vote(bilal, `/discuss/${discussionId}/vote`, 'up');
  await vote(chen, `/discuss/${discussionId}/vote`, 'up');
  await vote(chen, `/comments/${commentId}/vote`, 'down');
  const bilalsComment = await bilal.comment(discussionId, 'bilal speaks');
  await vote(asha, `/comments/${bilalsComment}/vote`, 'up');

  assert.equal(karmaOf(app, asha.id), 1);
  assert.equal(karmaOf(app, bilal.id), 1);
  assert.equal(karmaOf(app, chen.id), 0);
  const profile = (await chen.get('/u/asha')).body;
  assert.match(profile, /Karma <strong class="profile-karma">1<\/strong>/);
  assert.match(
    (await asha.get('/')).body,
    /<span class="karma" title="karma">\(1\)<\/span>/,
    'and in the header',
  );

  await vote(chen, `/comments/${commentId}/vote`, 'none');
  await vote(bilal, `/discuss/${discussionId}/vote`, 'down');
  assert.match((await chen.get('/u/asha')).body, /Karma <strong class="profile-karma">0<\/strong>/);
});
