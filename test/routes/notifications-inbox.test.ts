import assert from 'node:assert/strict';
import { test } from 'node:test';
import { THREADS_PER_PAGE } from '../../app/domain/comment-pages.ts';
import { build, Client, logInAs } from '../helpers/app.ts';
import { count } from '../helpers/data.ts';
import { ashaAndBilal } from '../helpers/forum.ts';
import { decode } from '../helpers/html.ts';
import { CLICKED_ON_OUR_PAGE, unreadInHeader } from '../helpers/notifications.ts';

/** The inbox's groups as a person reads them: heading, then each item's words, unread ones marked. */
function readInbox(html: string): { heading: string; items: string[] }[] {
  return [...html.matchAll(/<section class="inbox-group[^"]*"[^>]*>([\s\S]*?)<\/section>/g)].map(
    ([, section = '']) => ({
      heading: decode(/<h2[^>]*>([\s\S]*?)<\/h2>/.exec(section)?.[1]?.replace(/<[^>]+>/g, '') ?? ''),
      items: [...section.matchAll(/<li class="notification([^"]*)"[\s\S]*?<\/li>/g)].map(([item, unread]) =>
        decode(
          `${unread?.includes('unread') ? '* ' : ''}${/<span class="notification-what">([\s\S]*?)<\/span>/
            .exec(item)?.[1]
            ?.replace(/<[^>]+>/g, '')}`,
        ),
      ),
    }),
  );
}

const notificationLinks = (html: string) =>
  [...html.matchAll(/href="\/notifications\/(\d+)"/g)].map(([, id]) => Number(id));

test('the inbox asks for a login', async (t) => {
  const { app } = await build(t);
  const response = await new Client(app).get('/notifications');
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, '/login?next=%2Fnotifications');
});

test('the inbox lists notifications newest first, grouped per discussion, unread marked', async (t) => {
  const { app, asha, bilal } = await ashaAndBilal(t);
  const chen = await logInAs(app, 'chen');
  const garden = await asha.startDiscussion('Terrace garden', 'Tomatoes or chillies?');
  const tea = await asha.startDiscussion('Chai & "you"', 'Masala or plain?');
  const ashas = await asha.comment(tea, 'Plain, strong.');
  await bilal.comment(garden, 'Chillies, always.');
  await chen.comment(tea, 'Masala, @asha!');
  await bilal.comment(tea, 'Disagree.', ashas);

  const empty = await new Client(app).get('/notifications');
  assert.equal(empty.statusCode, 303);
  const page = await asha.get('/notifications');
  assert.equal(page.statusCode, 200);
  assert.deepEqual(readInbox(page.body), [
    {
      heading: '2 new replies in Chai & "you"',
      items: ['* bilal replied to your comment', '* chen mentioned you'],
    },
    { heading: '1 new reply in Terrace garden', items: ['* bilal commented on your discussion'] },
  ]);
  assert.equal(unreadInHeader(page.body), '3');
  assert.match(page.body, /<button type="submit">Mark all read<\/button>/);

  const [newest] = notificationLinks(page.body);
  const opened = await asha.get(`/notifications/${newest}`, CLICKED_ON_OUR_PAGE);
  assert.equal(opened.statusCode, 303);
  assert.match(String(opened.headers.location), new RegExp(`^/discuss/${tea}#c\\d+$`));
  const after = (await asha.get('/notifications')).body;
  assert.deepEqual(readInbox(after)[0], {
    heading: '1 new reply in Chai & "you"',
    items: ['bilal replied to your comment', '* chen mentioned you'],
  });
  assert.equal(unreadInHeader(after), '2');
});

test('a notification opens only for its own person, and opening it twice writes nothing more', async (t) => {
  const { app, asha, bilal } = await ashaAndBilal(t);
  const discussionId = await asha.startDiscussion('Private inboxes', 'Mine is mine.');
  const commentId = await bilal.comment(discussionId, 'Of course.');
  const id = commentId;

  assert.equal((await bilal.get(`/notifications/${id}`, CLICKED_ON_OUR_PAGE)).statusCode, 404);
  assert.equal(count(app, 'SELECT count(*) FROM notifications WHERE read_at IS NULL'), 1);
  assert.equal(
    (await asha.get(`/notifications/${id}`, CLICKED_ON_OUR_PAGE)).headers.location,
    `/discuss/${discussionId}#c${commentId}`,
  );
  const readAt = count(app, 'SELECT read_at FROM notifications WHERE comment_id = ?', id);
  assert.equal((await asha.get(`/notifications/${id}`, CLICKED_ON_OUR_PAGE)).statusCode, 303);
  assert.equal(count(app, 'SELECT read_at FROM notifications WHERE comment_id = ?', id), readAt);
  assert.equal((await asha.get('/notifications/999', CLICKED_ON_OUR_PAGE)).statusCode, 404);
});

test('only a click on our own page marks a notification read: not another site, a prefetch or a HEAD', async (t) => {
  const { app, asha, bilal } = await ashaAndBilal(t);
  const discussionId = await asha.startDiscussion('Linked from afar', 'Read it yourself.');
  const id = await bilal.comment(discussionId, 'Unread until Asha clicks.');
  const unread = () => count(app, 'SELECT count(*) FROM notifications WHERE read_at IS NULL');
  const notClicks: [string, Record<string, string>][] = [
    ['GET', {}],
    ['GET', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' }],
    ['GET', { ...CLICKED_ON_OUR_PAGE, 'sec-purpose': 'prefetch' }],
    ['GET', { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' }],
    ['HEAD', CLICKED_ON_OUR_PAGE],
  ];
  for (const [method, headers] of notClicks) {
    const response = await app.inject({
      method: method as 'GET' | 'HEAD',
      url: `/notifications/${id}`,
      headers: { cookie: asha.cookieHeader, ...headers },
    });
    assert.equal(response.statusCode, 303, `${method} ${JSON.stringify(headers)}`);
    assert.equal(unread(), 1, `${method} ${JSON.stringify(headers)} marked it read`);
  }
  await asha.get(`/notifications/${id}`, CLICKED_ON_OUR_PAGE);
  assert.equal(unread(), 0);
});

test('a notification of a comment past the first page of a long discussion opens that page', async (t) => {
  const { app, asha, bilal } = await ashaAndBilal(t);
  const discussionId = await asha.startDiscussion('Long', 'Many threads.');
  const add = app.db.prepare(`INSERT INTO comments (post_id, author_id, body_md, body_html, created_at)
    VALUES (?, ?, 'x', '<p>x</p>', ?)`);
  for (let index = 0; index < THREADS_PER_PAGE; index++) add.run(discussionId, bilal.id, Date.now());
  const late = await bilal.comment(discussionId, 'On the second page.');

  const location = String((await asha.get(`/notifications/${late}`, CLICKED_ON_OUR_PAGE)).headers.location);
  assert.match(location, new RegExp(`^/discuss/${discussionId}\\?page=2#c${late}$`));
  assert.equal((await asha.get(location.split('#')[0] as string)).statusCode, 200);
});

test('"Mark all read" marks what the page showed, not what arrived since', async (t) => {
  const { app, asha, bilal } = await ashaAndBilal(t);
  const discussionId = await asha.startDiscussion('Morning walks', 'Lodhi garden at six.');
  await bilal.comment(discussionId, 'Too early!');
  const shown = await bilal.comment(discussionId, 'Seven?');
  const inbox = (await asha.get('/notifications')).body;
  assert.match(inbox, new RegExp(`name="upTo" value="${shown}"`));
  const later = await bilal.comment(discussionId, 'Or eight.');

  const marked = await asha.post('/notifications/read', { upTo: String(shown) });
  assert.equal(marked.statusCode, 303);
  assert.equal(marked.headers.location, '/notifications');
  const unread = (commentId: number) =>
    count(app, 'SELECT read_at IS NULL FROM notifications WHERE comment_id = ?', commentId);
  assert.equal(unread(shown), 0);
  assert.equal(unread(later), 1);

  const json = await asha.postJson('/notifications/read', { upTo: later });
  assert.deepEqual(json.json(), { marked: 1 });
  const page = (await asha.get('/notifications')).body;
  assert.equal(unreadInHeader(page), null);
  assert.doesNotMatch(page, /Mark all read/);
  assert.deepEqual(readInbox(page)[0]?.heading, '3 replies in Morning walks');
});
