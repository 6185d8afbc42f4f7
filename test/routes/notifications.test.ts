import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client, logInAs } from '../helpers/app.ts';
import { count } from '../helpers/data.ts';
import { ashaAlone, ashaAndBilal } from '../helpers/forum.ts';
import { allNotifications, CLICKED_ON_OUR_PAGE, notifiedOf } from '../helpers/notifications.ts';

test('a comment tells the discussion author; a reply tells the comment author; nobody hears of themselves', async (t) => {
  const { app, asha, bilal } = await ashaAndBilal(t);
  const discussionId = await asha.startDiscussion('Monsoon recipes', 'Share yours.');

  const own = await asha.comment(discussionId, 'Mine first: pakoras.');
  assert.deepEqual(notifiedOf(app, own), [], 'the author commenting on their own discussion');

  const comment = await bilal.comment(discussionId, 'Bhutta with lime.');
  assert.deepEqual(notifiedOf(app, comment), [{ user: 'asha', reason: 'discussion' }]);

  const reply = await asha.comment(discussionId, 'With chilli salt?', comment);
  assert.deepEqual(notifiedOf(app, reply), [{ user: 'bilal', reason: 'reply' }]);

  const selfReply = await bilal.comment(discussionId, 'Adding: and butter.', comment);
  assert.deepEqual(
    notifiedOf(app, selfReply),
    [{ user: 'asha', reason: 'discussion' }],
    'a reply to your own comment tells you nothing, the discussion author still hears of it',
  );
});

test('@mentions tell the people named; unknown names, your own name and quoted code tell nobody', async (t) => {
  const { app, asha, bilal } = await ashaAndBilal(t);
  await logInAs(app, 'chen');
  const discussionId = await asha.startDiscussion('Trains', 'Night trains are back.');
  await asha.post(`/discuss/${discussionId}/unfollow`, {});

  const comment = await bilal.comment(
    discussionId,
    '@CHEN you will like this. @nobody_here, @bilal and `@asha` are not told.',
  );
  assert.deepEqual(notifiedOf(app, comment), [{ user: 'chen', reason: 'mention' }]);
});

test('each person hears of a comment once, for the strongest reason', async (t) => {
  const { app, asha, bilal } = await ashaAndBilal(t);
  const chen = await logInAs(app, 'chen');
  const discussionId = await asha.startDiscussion('Kites', 'Sankranti plans?');
  const ashas = await asha.comment(discussionId, 'Terrace at noon.');
  await bilal.comment(discussionId, 'I will bring manja.');

  const reply = await chen.comment(discussionId, 'Count me in @asha @bilal', ashas);
  assert.deepEqual(notifiedOf(app, reply), [
    { user: 'asha', reason: 'reply' },
    { user: 'bilal', reason: 'mention' },
  ]);
});

test('commenting follows a discussion; followers hear of every new comment until they unfollow', async (t) => {
  const { app, asha, bilal } = await ashaAndBilal(t);
  const chen = await logInAs(app, 'chen');
  const discussionId = await asha.startDiscussion('Local elections', 'Who is standing?');
  await bilal.comment(discussionId, 'Three candidates so far.');

  const next = await chen.comment(discussionId, 'A fourth filed today.');
  assert.deepEqual(notifiedOf(app, next), [
    { user: 'asha', reason: 'discussion' },
    { user: 'bilal', reason: 'following' },
  ]);

  const unfollowed = await bilal.post(`/discuss/${discussionId}/unfollow`, {});
  assert.equal(unfollowed.statusCode, 303);
  assert.equal(unfollowed.headers.location, `/discuss/${discussionId}`);
  await bilal.comment(discussionId, 'Commenting again does not follow it again.');
  const afterUnfollow = await chen.comment(discussionId, 'Debate on Friday.');
  assert.deepEqual(notifiedOf(app, afterUnfollow), [{ user: 'asha', reason: 'discussion' }]);

  assert.equal((await bilal.post(`/discuss/${discussionId}/follow`, {})).statusCode, 303);
  const afterFollow = await chen.comment(discussionId, 'Results on Monday.');
  assert.deepEqual(notifiedOf(app, afterFollow), [
    { user: 'asha', reason: 'discussion' },
    { user: 'bilal', reason: 'following' },
  ]);
});

test('an author who unfollows their discussion hears only of replies to them and mentions', async (t) => {
  const { app, asha, bilal } = await ashaAndBilal(t);
  const discussionId = await asha.startDiscussion('Quiet please', 'I will not watch this.');
  const ashas = await asha.comment(discussionId, 'One last word.');
  await asha.post(`/discuss/${discussionId}/unfollow`, {});

  assert.deepEqual(notifiedOf(app, await bilal.comment(discussionId, 'Noted.')), []);
  assert.deepEqual(notifiedOf(app, await bilal.comment(discussionId, 'But this is for you.', ashas)), [
    { user: 'asha', reason: 'reply' },
  ]);
  assert.deepEqual(notifiedOf(app, await bilal.comment(discussionId, 'And @asha too.')), [
    { user: 'asha', reason: 'mention' },
  ]);
});

test('deleting a comment or a discussion withdraws its unread notifications; read ones stay', async (t) => {
  const { app, asha, bilal } = await ashaAndBilal(t);
  const discussionId = await asha.startDiscussion('Old bikes', 'Restoring a 1974 Jawa.');
  const first = await bilal.comment(discussionId, 'Photos please.');
  const second = await bilal.comment(discussionId, 'Where did you find the tank?');
  const unread = 'SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL';
  assert.equal(count(app, unread, asha.id), 2);

  assert.equal((await bilal.post(`/comments/${second}/delete`, {})).statusCode, 303);
  assert.deepEqual(notifiedOf(app, second), []);
  assert.equal(count(app, unread, asha.id), 1);

  const read = await asha.get(`/notifications/${first}`, CLICKED_ON_OUR_PAGE);
  assert.equal(read.statusCode, 303);
  const third = await bilal.comment(discussionId, 'One more thing.');
  assert.equal((await asha.post(`/discuss/${discussionId}/delete`, {})).statusCode, 303);
  assert.deepEqual(notifiedOf(app, third), [], 'the unread one is withdrawn with the discussion');
  assert.deepEqual(notifiedOf(app, first), [{ user: 'asha', reason: 'discussion' }], 'the read one stays');
  assert.equal(count(app, unread, asha.id), 0);
});

test('following needs a login and a CSRF token, and a live discussion', async (t) => {
  const { app, asha } = await ashaAlone(t);
  const discussionId = await asha.startDiscussion('Guarded', 'Follow me, properly.');
  const follows = () => count(app, 'SELECT count(*) FROM follows');
  const before = follows();

  const anonymous = await new Client(app).post(`/discuss/${discussionId}/unfollow`, {});
  assert.equal(anonymous.statusCode, 401);
  const forged = await asha.postRaw(`/discuss/${discussionId}/unfollow`, {});
  assert.equal(forged.statusCode, 403);
  assert.equal((await asha.post('/discuss/999/follow', {})).statusCode, 404);
  assert.equal(follows(), before, 'nothing was written');

  const json = await asha.postJson(`/discuss/${discussionId}/unfollow`, {});
  assert.equal(json.statusCode, 200);
  assert.deepEqual(json.json(), { following: false });
  assert.equal(count(app, 'SELECT following FROM follows WHERE user_id = ?', asha.id), 0);
  assert.deepEqual(allNotifications(app), []);
});

test('a discussion page offers Follow or Unfollow as the viewer stands, also when the page is kept', async (t) => {
  const { app, asha, bilal } = await ashaAndBilal(t);
  const discussionId = await asha.startDiscussion('Buttons', 'Which one do you see?');
  const button = async (client: Client) =>
    /<form method="post" action="\/discuss\/\d+\/(follow|unfollow)" class="follow-form">[\s\S]*?<button[^>]*>(\w+)<\/button>/
      .exec((await client.get(`/discuss/${discussionId}`)).body)
      ?.slice(1);

  assert.deepEqual(await button(asha), ['unfollow', 'Unfollow'], 'the author follows what they start');
  assert.deepEqual(await button(bilal), ['follow', 'Follow']);
  await asha.post(`/discuss/${discussionId}/unfollow`, {});
  assert.deepEqual(await button(asha), ['follow', 'Follow']);
  assert.equal(await button(new Client(app)), undefined, 'visitors are offered a login instead');
});
