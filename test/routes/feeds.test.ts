import assert from 'node:assert/strict';
import { test } from 'node:test';
import { THREADS_PER_PAGE } from '../../app/domain/comment-pages.ts';
import { build, Client, logInAs } from '../helpers/app.ts';
import { checkWellFormedXml } from '../helpers/xml.ts';

const entries = (xml: string) => [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1] ?? '');
const HOSTILE_TITLE = '<script>alert("x")</script> & friends';

test('the front-page feed is well-formed Atom with one entry per discussion, titles escaped', async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const hostile = await asha.startDiscussion(HOSTILE_TITLE, 'text');
  const linked = await asha.startDiscussion('A link', '', 'https://example.com/?a=1&b=2');
  const response = await new Client(app).get('/feed.atom');
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-type'], 'application/atom+xml; charset=utf-8');
  const xml = response.body;
  assert.equal(checkWellFormedXml(xml), 'feed');
  assert.match(
    xml,
    /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
  );
  assert.match(xml, /<updated>\d{4}-\d\d-\d\dT[\d:.]+Z<\/updated>/);
  const items = entries(xml);
  assert.equal(items.length, 2);
  const hostileEntry = items.find((e) => e.includes(`/discuss/${hostile}</id>`)) ?? '';
  assert.match(
    hostileEntry,
    /<title>&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; friends<\/title>/,
  );
  assert.doesNotMatch(xml, /<script>/);
  const linkedEntry = items.find((e) => e.includes(`/discuss/${linked}</id>`)) ?? '';
  assert.match(linkedEntry, /<link rel="related" href="https:\/\/example.com\/\?a=1&amp;b=2"\/>/);
  assert.match(linkedEntry, /<author><name>asha<\/name><\/author>/);
});

test('an empty forum still has a valid feed', async (t) => {
  const { app } = await build(t);
  const xml = (await new Client(app).get('/feed.atom')).body;
  assert.equal(checkWellFormedXml(xml), 'feed');
  assert.equal(entries(xml).length, 0);
});

test("a discussion's feed has the post and its live comments, with their HTML escaped", async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const discussionId = await asha.startDiscussion(HOSTILE_TITLE, 'Some **bold** & <raw> text');
  const kept = await asha.comment(discussionId, 'A comment with `code` & an ampersand');
  const parent = await asha.comment(discussionId, 'Soon deleted');
  await asha.comment(discussionId, 'A reply', parent);
  await asha.post(`/comments/${parent}/delete`, {});

  const response = await new Client(app).get(`/discuss/${discussionId}/feed.atom`);
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-type'], 'application/atom+xml; charset=utf-8');
  const xml = response.body;
  assert.equal(checkWellFormedXml(xml), 'feed');
  const items = entries(xml);
  assert.equal(items.length, 3, 'the post, the kept comment and the reply; not the deleted comment');
  assert.match(
    items[0] ?? '',
    /<content type="html">&lt;p&gt;Some &lt;strong&gt;bold&lt;\/strong&gt; &amp;amp; &amp;lt;raw&amp;gt; text/,
  );
  assert.ok(items.some((e) => e.includes(`#c${kept}</id>`)));
  assert.doesNotMatch(xml, /Soon deleted/);
  assert.doesNotMatch(xml, /<script>|<strong>/);
  assert.match(
    xml,
    /<title>&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; friends — Charcha<\/title>/,
  );
});

test('the feed of an unknown or deleted discussion is 404', async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const discussionId = await asha.startDiscussion('Short-lived', 'text');
  await asha.post(`/discuss/${discussionId}/delete`, {});
  assert.equal((await asha.get(`/discuss/${discussionId}/feed.atom`)).statusCode, 404);
  assert.equal((await asha.get('/discuss/999999/feed.atom')).statusCode, 404);
});

test('the well-formedness check itself rejects broken XML', () => {
  for (const broken of [
    '<feed><entry></feed>',
    '<feed><title>a & b</title></feed>',
    '<feed><title>a < b</title></feed>',
    '<feed></feed><feed></feed>',
    '<feed><link href=unquoted/></feed>',
  ])
    assert.throws(() => checkWellFormedXml(broken), broken);
  assert.equal(checkWellFormedXml('<?xml version="1.0"?>\n<feed a="1"><x/>&amp;&#39;</feed>\n'), 'feed');
});

test('feeds link to the configured public origin, whatever Host the request claims', async (t) => {
  const { app } = await build(t, { publicOrigin: 'https://charcha.example' });
  const asha = await logInAs(app, 'asha');
  const discussionId = await asha.startDiscussion('Links', 'text');
  const commentId = await asha.comment(discussionId, 'A comment');
  for (const url of ['/feed.atom', `/discuss/${discussionId}/feed.atom`]) {
    const xml = (await new Client(app).get(url, { host: 'evil.example' })).body;
    assert.equal(checkWellFormedXml(xml), 'feed', url);
    assert.doesNotMatch(xml, /evil\.example/, url);
    const links = [...xml.matchAll(/(?:href="|<id>)([^"<]+)/g)].map((match) => match[1] ?? '');
    assert.ok(links.length >= 3, url);
    for (const link of links) assert.ok(link.startsWith('https://charcha.example/'), `${url}: ${link}`);
  }
  const thread = (await new Client(app).get(`/discuss/${discussionId}/feed.atom`)).body;
  assert.match(thread, new RegExp(`href="https://charcha.example/discuss/${discussionId}#c${commentId}"`));
});

test("a huge discussion's feed links each comment to the page that shows it", async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const discussionId = await asha.startDiscussion('Busy', 'text');
  const ids = Array.from({ length: THREADS_PER_PAGE + 1 }, (_, i) =>
    app.repositories.comments.create(
      { discussionId, authorId: asha.id, parentId: null, depth: 0, bodyMd: `${i}`, bodyHtml: `<p>${i}</p>` },
      Date.now(),
    ),
  );
  const xml = (await new Client(app).get(`/discuss/${discussionId}/feed.atom`)).body;
  const [first, newest] = [ids[0], ids.at(-1)];
  assert.match(
    xml,
    new RegExp(`<id>http://localhost/discuss/${discussionId}#c${newest}</id>`),
    'ids do not move',
  );
  assert.match(xml, new RegExp(`href="http://localhost/discuss/${discussionId}\\?page=2#c${newest}"`));
  assert.doesNotMatch(xml, new RegExp(`#c${first}"`), 'the feed holds the newest comments only');
});
