import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { migrate } from '../../db/migrate.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { logInAs } from '../helpers/app.ts';
import { count } from '../helpers/data.ts';
import { earlierDatabase } from '../helpers/earlier-database.ts';
import { ashaAndBilal } from '../helpers/forum.ts';
import { allNotifications, notifiedOf } from '../helpers/notifications.ts';

/**
 * A comment whose write fails after some of its notifications were inserted: a temporary
 * trigger (this connection only) makes the chosen insert abort inside the comment's transaction.
 */
async function commentThatFails(t: TestContext, failOn: string, idempotencyKey?: string) {
  const { app, asha, bilal } = await ashaAndBilal(t);
  const chen = await logInAs(app, 'chen');
  const discussionId = await asha.startDiscussion('All or nothing', 'Either way.');
  const bilals = await bilal.comment(discussionId, 'Following along.');
  const notificationsBefore = allNotifications(app);
  const commentsBefore = count(app, 'SELECT count(*) FROM comments');

  app.db.exec(`CREATE TEMP TRIGGER forced_failure ${failOn}
    BEGIN SELECT RAISE(ABORT, 'forced failure'); END`);
  const headers: Record<string, string> = idempotencyKey ? { 'idempotency-key': idempotencyKey } : {};
  const response = await chen.post(
    `/discuss/${discussionId}/comments`,
    { body: 'Hello @asha and @bilal', parentId: String(bilals) },
    headers,
  );
  app.db.exec('DROP TRIGGER forced_failure');

  assert.equal(response.statusCode, 500);
  assert.equal(count(app, 'SELECT count(*) FROM comments'), commentsBefore, 'no comment');
  assert.equal(count(app, 'SELECT comment_count FROM posts WHERE id = ?', discussionId), 1);
  assert.deepEqual(allNotifications(app), notificationsBefore, 'nobody was notified');
  assert.equal(count(app, 'SELECT count(*) FROM follows WHERE user_id = ?', chen.id), 0);
  assert.equal(count(app, 'SELECT count(*) FROM idempotency_keys'), 0);
  return { app, chen, discussionId };
}

test('a comment whose last notification fails is not written, and notifies nobody', async (t) => {
  // The parent's author is told first, the discussion's author last: the failure comes after inserts.
  const failOn = `BEFORE INSERT ON main.notifications WHEN NEW.reason = 'discussion'`;
  const { app, chen, discussionId } = await commentThatFails(t, failOn);
  const written = await chen.post(`/discuss/${discussionId}/comments`, { body: 'Second try.' });
  assert.equal(written.statusCode, 303, 'the next write works');
  assert.deepEqual(notifiedOf(app, Number(String(written.headers.location).split('#c')[1])), [
    { user: 'asha', reason: 'discussion' },
    { user: 'bilal', reason: 'following' },
  ]);
});

test('a comment whose author cannot follow its discussion is not written, and notifies nobody', async (t) => {
  await commentThatFails(t, 'BEFORE INSERT ON main.follows', 'outbox-key-0001');
});

test('the migration makes the people who commented before it followers of those discussions', (t) => {
  const db = earlierDatabase(t, '006');
  db.exec(`INSERT INTO users (id, username, password_hash, created_at) VALUES
      (1, 'asha', 'x', 0), (2, 'bilal', 'x', 0), (3, 'chen', 'x', 0);
    INSERT INTO posts (id, author_id, title, created_at) VALUES (1, 1, 'Before', 0), (2, 2, 'Also', 0);
    INSERT INTO comments (post_id, author_id, body_md, body_html, created_at, deleted_at) VALUES
      (1, 2, 'a', 'a', 0, NULL), (1, 2, 'b', 'b', 0, NULL), (2, 3, 'c', 'c', 0, NULL),
      (1, 3, '', '', 0, 5);`);

  assert.ok(migrate(db).includes('006_notifications.sql'));
  assert.deepEqual(db.prepare('SELECT user_id, post_id, following FROM follows ORDER BY 1, 2').raw().all(), [
    [2, 1, 1],
    [3, 2, 1],
  ]);
});

test("the followers-told-on-read migration keeps each follower's unread notifications unread", (t) => {
  const db = earlierDatabase(t, '009');
  // bilal follows discussion 1 and has read comment 2, not 3 and 4; chen follows it with nothing told.
  db.exec(`INSERT INTO users (id, username, password_hash, created_at) VALUES
      (1, 'asha', 'x', 0), (2, 'bilal', 'x', 0), (3, 'chen', 'x', 0);
    INSERT INTO posts (id, author_id, title, created_at) VALUES (1, 1, 'Before', 0);
    INSERT INTO comments (id, post_id, author_id, body_md, body_html, created_at) VALUES
      (1, 1, 2, 'a', 'a', 0), (2, 1, 1, 'b', 'b', 0), (3, 1, 1, 'c', 'c', 0), (4, 1, 3, 'd', 'd', 0);
    INSERT INTO follows (user_id, post_id, following) VALUES (2, 1, 1), (3, 1, 1);
    INSERT INTO notifications (user_id, comment_id, post_id, reason, created_at, read_at) VALUES
      (2, 2, 1, 'following', 0, 5), (2, 3, 1, 'following', 0, NULL), (2, 4, 1, 'following', 0, NULL),
      (1, 4, 1, 'discussion', 0, NULL);`);

  assert.ok(migrate(db).includes('009_followers_told_on_read.sql'));
  const { inbox } = createRepositories(db);
  assert.equal(db.prepare("SELECT count(*) FROM notifications WHERE reason = 'following'").pluck().get(), 0);
  assert.equal(inbox.unreadCount(2), 2);
  assert.deepEqual(
    inbox.page(2, Number.MAX_SAFE_INTEGER, 10).map(({ commentId, unread }) => [commentId, unread]),
    [
      [4, true],
      [3, true],
      [2, false],
    ],
  );
  assert.equal(inbox.unreadCount(3), 0, 'nothing told before is news after');
  assert.equal(inbox.unreadCount(1), 1, "the discussion author's row is kept");
});
