import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { App } from '../../app/app.ts';
import { COMMENTS_PER_PAGE, THREADS_PER_PAGE } from '../../app/domain/comment-pages.ts';
import { commentUrl } from '../../app/routes/comment-listing.ts';
import { isSavablePage } from '../../sw/worker/savable-pages.ts';
import { keyFor } from '../../sw/worker/stored-page.ts';
import { build, Client, createUser, logInAs } from '../helpers/app.ts';
import { commentElement } from '../helpers/html.ts';

/** Writes comments straight through the repository: `parents` holds each one's parent (or null). */
function addComments(app: App, discussionId: number, authorId: number, parents: (number | null)[]): number[] {
  return parents.map((parentId) =>
    app.repositories.comments.create(
      {
        discussionId,
        authorId,
        parentId,
        depth: parentId === null ? 0 : 1,
        bodyMd: 'words',
        bodyHtml: '<p>words</p>',
      },
      Date.now(),
    ),
  );
}

const shownComments = (html: string) => (html.match(/<li class="comment"/g) ?? []).length;
const links = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((match) => match[1]);

async function forum(t: Parameters<typeof build>[0]) {
  const { app } = await build(t);
  const authorId = await createUser(app, 'asha');
  const writer = await logInAs(app, 'bilal');
  const discussionId = await writer.startDiscussion('A very long discussion', 'text');
  return { app, authorId, writer, discussionId };
}

test('top-level comments come in pages, each linking to the next, and past the last is a 404', async (t) => {
  const { app, authorId, discussionId } = await forum(t);
  const threads = THREADS_PER_PAGE * 2 + 7;
  const ids = addComments(
    app,
    discussionId,
    authorId,
    Array.from({ length: threads }, () => null),
  );
  const reader = new Client(app);

  const first = await reader.get(`/discuss/${discussionId}`);
  assert.equal(shownComments(first.body), THREADS_PER_PAGE);
  assert.match(first.body, /\(page 1 of 3\)/);
  assert.deepEqual(links(first.body, /<a href="([^"]+)" rel="next">/g), [`/discuss/${discussionId}?page=2`]);
  const last = await reader.get(`/discuss/${discussionId}?page=3`);
  assert.equal(shownComments(last.body), 7);
  assert.ok(commentElement(last.body, ids.at(-1) as number), 'the newest comment is on the last page');
  assert.deepEqual(links(last.body, /<a href="([^"]+)" rel="prev">/g), [`/discuss/${discussionId}?page=2`]);
  assert.match(last.body, /<title>A very long discussion \(page 3\) · Charcha<\/title>/);
  assert.equal((await reader.get(`/discuss/${discussionId}?page=4`)).statusCode, 404);
  for (const page of ['0', '-1', 'abc', '1.5']) {
    assert.equal((await reader.get(`/discuss/${discussionId}?page=${page}`)).statusCode, 400, page);
  }
});

test('a thread too big for a page continues on its own page, and every comment can be reached', async (t) => {
  const { app, authorId, discussionId } = await forum(t);
  const [root] = addComments(app, discussionId, authorId, [null]) as [number];
  const replies = addComments(
    app,
    discussionId,
    authorId,
    Array.from({ length: 700 }, () => root),
  );
  const reader = new Client(app);

  const page = await reader.get(`/discuss/${discussionId}`);
  assert.equal(shownComments(page.body), COMMENTS_PER_PAGE);
  const continued = links(page.body, /<p class="continue-thread"><a href="([^"]+)">/g);
  assert.deepEqual(continued, [`/discuss/${discussionId}/comments/${root}`]);
  assert.match(page.body, new RegExp(`Continue this thread: ${701 - COMMENTS_PER_PAGE} more replies`));

  const thread = await reader.get(`/discuss/${discussionId}/comments/${root}`);
  assert.equal(thread.statusCode, 200);
  assert.equal(shownComments(thread.body), 1 + THREADS_PER_PAGE, 'the comment and a page of its replies');
  assert.match(thread.body, /\(page 1 of 7\)/);
  assert.match(
    thread.body,
    new RegExp(`<a href="/discuss/${discussionId}#c${root}">Show this comment in its place`),
  );

  const lastReply = replies.at(-1) as number;
  const permalink = await reader.get(`/comments/${lastReply}`);
  assert.equal(permalink.statusCode, 302);
  assert.equal(permalink.headers.location, `/discuss/${discussionId}/comments/${root}?page=7#c${lastReply}`);
  const where = await reader.get(String(permalink.headers.location).replace(/#.*/, ''));
  assert.ok(commentElement(where.body, lastReply), 'the permalink leads to a page that shows it');
  const shownInPlace = replies[0] as number;
  assert.equal(
    (await reader.get(`/comments/${shownInPlace}`)).headers.location,
    `/discuss/${discussionId}#c${shownInPlace}`,
  );
});

test('what a person writes, votes on or cancels in a huge discussion answers with the page that shows it', async (t) => {
  const { app, authorId, writer, discussionId } = await forum(t);
  const earlier = addComments(
    app,
    discussionId,
    authorId,
    Array.from({ length: THREADS_PER_PAGE + 1 }, () => null),
  );
  const posted = await writer.postJson(`/discuss/${discussionId}/comments`, { body: 'The newest word' });
  assert.equal(posted.statusCode, 201);
  const { id, url } = posted.json() as { id: number; url: string };
  assert.equal(url, `/discuss/${discussionId}?page=2#c${id}`);
  const vote = await writer.postJson(`/comments/${earlier.at(-1)}/vote`, { direction: 'up' });
  assert.equal(vote.json().url, `/discuss/${discussionId}?page=2#c${earlier.at(-1)}`);
  const form = await writer.post(`/discuss/${discussionId}/comments`, { body: 'Without JavaScript' });
  assert.match(String(form.headers.location), new RegExp(`^/discuss/${discussionId}\\?page=2#c\\d+$`));
  // The reply and edit forms' Cancel go back to that page too, not to page 1.
  const cancel = async (path: string) =>
    links((await writer.get(path)).body, /<a href="([^"]+)">Cancel<\/a>/g);
  assert.deepEqual(await cancel(`/comments/${earlier.at(-1)}/reply`), [
    `/discuss/${discussionId}?page=2#c${earlier.at(-1)}`,
  ]);
  assert.deepEqual(await cancel(`/comments/${id}/edit`), [`/discuss/${discussionId}?page=2#c${id}`]);
});

test('a thread page exists only for a shown comment of that discussion', async (t) => {
  const { app, authorId, writer, discussionId } = await forum(t);
  const other = await writer.startDiscussion('Another one', 'text');
  const [elsewhere] = addComments(app, other, authorId, [null]) as [number];
  const [gone] = addComments(app, discussionId, authorId, [null]) as [number];
  app.repositories.comments.softDelete(gone, discussionId, Date.now());
  const reader = new Client(app);
  assert.equal((await reader.get(`/discuss/${discussionId}/comments/${elsewhere}`)).statusCode, 404);
  assert.equal((await reader.get(`/discuss/${discussionId}/comments/${gone}`)).statusCode, 404);
  assert.equal((await reader.get(`/discuss/${other}/comments/${elsewhere}?page=2`)).statusCode, 404);
  assert.equal((await reader.get(`/discuss/${other}/comments/${elsewhere}`)).statusCode, 200);
});

test('each page is kept and revalidated on its own, and the worker saves each for offline reading', async (t) => {
  const { app, authorId, discussionId } = await forum(t);
  const [root] = addComments(app, discussionId, authorId, [null]) as [number];
  addComments(
    app,
    discussionId,
    authorId,
    Array.from({ length: COMMENTS_PER_PAGE + THREADS_PER_PAGE }, () => root),
  );
  addComments(
    app,
    discussionId,
    authorId,
    Array.from({ length: THREADS_PER_PAGE }, () => null),
  );
  const reader = new Client(app);
  const urls = [
    `/discuss/${discussionId}`,
    `/discuss/${discussionId}?page=2`,
    `/discuss/${discussionId}/comments/${root}`,
    `/discuss/${discussionId}/comments/${root}?page=2`,
  ];
  const etags = new Set<string>();
  for (const url of urls) {
    const response = await reader.get(url);
    assert.equal(response.statusCode, 200, url);
    const etag = String(response.headers.etag);
    etags.add(etag);
    assert.equal((await reader.get(url, { 'if-none-match': etag })).statusCode, 304, url);
    const origin = 'https://charcha.test';
    const saved = new Response(response.body, {
      headers: { 'content-type': String(response.headers['content-type']) },
    });
    assert.ok(isSavablePage(new Request(`${origin}${url}`), saved, { origin, offlinePage: '/offline' }), url);
  }
  assert.equal(etags.size, urls.length, 'one kept copy per page');
  assert.equal(new Set(urls.map((url) => keyFor(`https://charcha.test${url}`))).size, urls.length);
});

test('comments written one after another into a huge discussion each answer with the page a fresh look finds', async (t) => {
  const { app, authorId, writer, discussionId } = await forum(t);
  const [root] = addComments(app, discussionId, authorId, [null]);
  addComments(app, discussionId, authorId, [
    ...Array.from({ length: THREADS_PER_PAGE - 5 }, () => null),
    ...Array.from({ length: COMMENTS_PER_PAGE - THREADS_PER_PAGE }, () => root as number),
  ]);
  // A view keeps the discussion's outline; each write below extends it rather than reading it again.
  assert.equal((await writer.get(`/discuss/${discussionId}`)).statusCode, 200);
  const written: number[] = [];
  for (let index = 0; index < 30; index++) {
    const parentId = index % 3 === 0 ? null : index % 3 === 1 ? root : written.at(-1);
    const body = { body: `Word ${index}`, ...(parentId === null ? {} : { parentId }) };
    const posted = await writer.postJson(`/discuss/${discussionId}/comments`, body);
    assert.equal(posted.statusCode, 201, posted.body);
    const { id, url } = posted.json() as { id: number; url: string };
    written.push(id);
    assert.equal(url, commentUrl(app.repositories.comments, { id, discussionId }), `comment ${index}`);
  }
  const places = new Set(
    written.map((id) => commentUrl(app.repositories.comments, { id, discussionId }).split('#')[0]),
  );
  assert.ok(places.size >= 3, `the comments landed on a page 2, a thread page and page 1: ${[...places]}`);
});
