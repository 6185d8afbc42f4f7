import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logInAs } from '../helpers/app.ts';
import { count } from '../helpers/data.ts';
import { ashaAndBilal } from '../helpers/forum.ts';
import { CLICKED_ON_OUR_PAGE, notifiedOf, unreadInHeader } from '../helpers/notifications.ts';

/** A discussion by asha that bilal follows by commenting, and chen, who writes in it. */
async function followedDiscussion(t: Parameters<typeof ashaAndBilal>[0]) {
  const { app, asha, bilal } = await ashaAndBilal(t);
  const chen = await logInAs(app, 'chen');
  const discussionId = await asha.startDiscussion('Monsoon treks', 'Where this year?');
  await bilal.comment(discussionId, 'Kalsubai, again.');
  return { app, asha, bilal, chen, discussionId };
}

const unread = async (client: { get(url: string): Promise<{ body: string }> }) =>
  unreadInHeader((await client.get('/notifications')).body);

test('a follower is told of new comments without a row per follower, and never of what came before they followed', async (t) => {
  const { app, bilal, chen, discussionId } = await followedDiscussion(t);
  const rowsBefore = count(app, 'SELECT count(*) FROM notifications');
  const first = await chen.comment(discussionId, 'Harishchandragad?');
  assert.equal(
    count(app, 'SELECT count(*) FROM notifications'),
    rowsBefore + 1,
    "one row, the discussion author's; bilal's notification is the comment itself",
  );
  assert.deepEqual(notifiedOf(app, first), [
    { user: 'asha', reason: 'discussion' },
    { user: 'bilal', reason: 'following' },
  ]);
  assert.equal(await unread(bilal), '1');

  const dina = await logInAs(app, 'dina');
  assert.equal((await dina.post(`/discuss/${discussionId}/follow`, {})).statusCode, 303);
  assert.equal(await unread(dina), null, 'following does not bring the earlier comments');
  const second = await chen.comment(discussionId, 'Or Rajmachi.');
  assert.deepEqual(
    notifiedOf(app, second).map(({ user }) => user),
    ['asha', 'bilal', 'dina'],
  );
  assert.equal(await unread(dina), '1');
  assert.equal(await unread(bilal), '2');
});

test("opening a follower's notification marks it and the discussion's earlier ones read; twice writes nothing", async (t) => {
  const { app, asha, bilal, chen, discussionId } = await followedDiscussion(t);
  const first = await chen.comment(discussionId, 'Harishchandragad?');
  const second = await asha.comment(discussionId, 'Rajmachi!');
  const inbox = (await bilal.get('/notifications')).body;
  assert.match(inbox, new RegExp(`href="/notifications/${second}"`));
  assert.match(inbox, new RegExp(`href="/notifications/${first}"`));
  assert.equal(unreadInHeader(inbox), '2');

  const ownComment = await chen.get(`/notifications/${first}`, CLICKED_ON_OUR_PAGE);
  assert.equal(ownComment.statusCode, 404, 'nobody is told of their own comment');
  const opened = await bilal.get(`/notifications/${second}`, CLICKED_ON_OUR_PAGE);
  assert.equal(opened.headers.location, `/discuss/${discussionId}#c${second}`);
  assert.equal(await unread(bilal), null);
  const changes = count(app, 'SELECT total_changes()');
  await bilal.get(`/notifications/${second}`, CLICKED_ON_OUR_PAGE);
  assert.equal(count(app, 'SELECT total_changes()'), changes, 'nothing written the second time');
});

test('"Mark all read" counts and marks the followed comments the page showed, not later ones', async (t) => {
  const { bilal, chen, discussionId } = await followedDiscussion(t);
  await chen.comment(discussionId, 'One.');
  const shown = await chen.comment(discussionId, 'Two.');
  const later = await chen.comment(discussionId, 'Three.');

  const marked = await bilal.postJson('/notifications/read', { upTo: shown });
  assert.deepEqual(marked.json(), { marked: 2 });
  assert.equal(await unread(bilal), '1');
  assert.deepEqual((await bilal.postJson('/notifications/read', { upTo: later })).json(), { marked: 1 });
  assert.equal(await unread(bilal), null);
});

test('unfollowing silences the discussion; a deleted comment is no longer told', async (t) => {
  const { bilal, chen, discussionId } = await followedDiscussion(t);
  const deleted = await chen.comment(discussionId, 'Wrong thread, sorry.');
  assert.equal(await unread(bilal), '1');
  assert.equal((await chen.post(`/comments/${deleted}/delete`, {})).statusCode, 303);
  assert.equal(await unread(bilal), null);
  assert.doesNotMatch((await bilal.get('/notifications')).body, new RegExp(`/notifications/${deleted}"`));

  await chen.comment(discussionId, 'Still here.');
  assert.equal(await unread(bilal), '1');
  await bilal.post(`/discuss/${discussionId}/unfollow`, {});
  assert.equal(await unread(bilal), null);
});

test('the inbox merges rows and every followed discussion newest first, page after page', async (t) => {
  const { app, asha, bilal, chen, discussionId } = await followedDiscussion(t);
  const other = await asha.startDiscussion('Monsoon recipes', 'Pakoras?');
  await bilal.comment(other, 'Bhajji.');
  const third = await chen.startDiscussion('Kites', 'Sankranti?');
  await bilal.post(`/discuss/${third}/follow`, {});
  const written: number[] = [];
  for (const [where, text] of [
    [discussionId, 'one'],
    [other, 'two'],
    [third, 'three @bilal'],
    [discussionId, 'four'],
    [third, 'five'],
    [other, 'six'],
    [discussionId, 'seven'],
  ] as const)
    written.push(await chen.comment(where, text));

  const pages: number[][] = [];
  let before = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const page = app.repositories.inbox.page(bilal.id, before, 3);
    if (page.length === 0) break;
    pages.push(page.map((item) => item.commentId));
    before = page.at(-1)?.commentId ?? 0;
  }
  const newestFirst = [...written].reverse();
  assert.deepEqual(pages, [newestFirst.slice(0, 3), newestFirst.slice(3, 6), newestFirst.slice(6)]);
  assert.equal(app.repositories.inbox.page(bilal.id, Number.MAX_SAFE_INTEGER, 10)[4]?.reason, 'mention');
});
