// The header's unread count: on every page, kept pages included, and capped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_UNREAD_SHOWN } from '../../app/domain/inbox.ts';
import { ashaAndBilal } from '../helpers/forum.ts';
import { notificationsLinkName, unreadInHeader } from '../helpers/notifications.ts';

test('the header counts unread notifications on every page, named for screen readers', async (t) => {
  const { asha, bilal } = await ashaAndBilal(t);
  const elsewhere = await bilal.startDiscussion('Elsewhere', 'A page asha reads.');
  const hers = await asha.startDiscussion('Hers', 'Where bilal replies.');

  // Rendered and kept in the page cache with no unread notifications...
  const before = (await asha.get(`/discuss/${elsewhere}`)).body;
  assert.equal(unreadInHeader(before), null);
  assert.equal(notificationsLinkName(before), 'Notifications');

  // ...a reply in another discussion changes neither that page's revision nor its minute.
  await bilal.comment(hers, 'Hello!');
  for (const path of [`/discuss/${elsewhere}`, '/', '/new', '/u/bilal', '/submit']) {
    const html = (await asha.get(path)).body;
    assert.equal(unreadInHeader(html), '1', path);
    assert.equal(notificationsLinkName(html), 'Notifications, 1 unread', path);
  }
  assert.equal(unreadInHeader((await bilal.get(`/discuss/${elsewhere}`)).body), null, 'bilal has none');
});

test(`past ${MAX_UNREAD_SHOWN} unread the header says ${MAX_UNREAD_SHOWN}+`, async (t) => {
  const { app, asha, bilal } = await ashaAndBilal(t);
  const discussionId = await asha.startDiscussion('Busy', 'Very busy.');
  const now = Date.now();
  const add = app.db.prepare(`INSERT INTO comments (post_id, author_id, body_md, body_html, created_at)
    VALUES (?, ?, 'x', '<p>x</p>', ?)`);
  for (let index = 0; index < MAX_UNREAD_SHOWN; index++) {
    const commentId = Number(add.run(discussionId, bilal.id, now).lastInsertRowid);
    app.repositories.notifications.notifyOfComment(
      { id: commentId, discussionId, parentId: null, authorId: bilal.id, bodyMd: 'x' },
      now,
    );
  }
  assert.equal(unreadInHeader((await asha.get('/')).body), String(MAX_UNREAD_SHOWN));
  await bilal.comment(discussionId, 'One more.');
  const html = (await asha.get('/')).body;
  assert.equal(unreadInHeader(html), `${MAX_UNREAD_SHOWN}+`);
  assert.equal(notificationsLinkName(html), `Notifications, ${MAX_UNREAD_SHOWN}+ unread`);
});
