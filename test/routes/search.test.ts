import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { App } from '../../app/app.ts';
import { MAX_QUERY_LENGTH } from '../../app/domain/search-query.ts';
import { searchRepository } from '../../db/repositories/search.ts';
import { build, Client, createUser, logInAs } from '../helpers/app.ts';
import { decode, errorMessage, fieldValue } from '../helpers/html.ts';

/** The links of the results, in the order shown. */
const resultUrls = (html: string) =>
  [...html.matchAll(/<a class="search-result-title" href="([^"]+)">/g)].map((match) => match[1]);
const search = (app: App, query: string, page?: number) =>
  new Client(app).get(`/search?q=${encodeURIComponent(query)}${page === undefined ? '' : `&page=${page}`}`);

async function author(app: App, name: string) {
  const id = await createUser(app, name);
  return {
    id,
    discussion: (title: string, bodyMd = '', createdAt = Date.now()) =>
      app.repositories.discussions.create(
        { authorId: id, title, url: null, bodyMd, bodyHtml: '' },
        createdAt,
      ),
    comment: (discussionId: number, bodyMd: string) =>
      app.repositories.comments.create(
        { discussionId, parentId: null, authorId: id, depth: 0, bodyMd, bodyHtml: '' },
        Date.now(),
      ),
  };
}

test('every page has the search box: a labelled field and a Search button, sent with GET', async (t) => {
  const { app } = await build(t);
  for (const path of ['/', '/new', '/login', '/search', '/no/such/page']) {
    const html = (await new Client(app).get(path)).body;
    assert.match(
      html,
      new RegExp(
        '<form class="site-search" role="search" method="get" action="/search"><label for="site-search-q">' +
          `Search for</label> <input type="search" id="site-search-q" name="q" value="" maxlength="${MAX_QUERY_LENGTH}"`,
      ),
      path,
    );
    assert.match(html, /<button type="submit">Search<\/button><\/form>/, path);
  }
});

test('an empty search shows how to search and no results; the box keeps what was typed', async (t) => {
  const { app } = await build(t);
  const empty = await search(app, '   ');
  assert.equal(empty.statusCode, 200);
  assert.match(empty.body, /<h1>Search<\/h1>/);
  assert.match(empty.body, /author:name/);
  assert.doesNotMatch(empty.body, /search-results|Nothing matches/);
  const typed = await search(app, 'kites "over the');
  assert.equal(fieldValue(typed.body, 'q'), 'kites "over the');
  assert.match(typed.body, /<title>Search: kites &quot;over the · Charcha<\/title>/);
});

test('titles rank above bodies; comments link to their anchor; matches are marked', async (t) => {
  const { app } = await build(t);
  const asha = await author(app, 'asha');
  const inBody = asha.discussion('Weekend plans', 'kite kite kite, and more kite talk', Date.now());
  const inTitle = asha.discussion('Flying a kite in the monsoon', 'bring string', Date.now() - 86_400_000);
  const reply = asha.comment(inBody, 'My kite broke.');
  const response = await search(app, 'KITE');
  assert.equal(response.statusCode, 200);
  assert.deepEqual(resultUrls(response.body), [
    `/discuss/${inTitle}`,
    `/discuss/${inBody}`,
    `/discuss/${inBody}#c${reply}`,
  ]);
  assert.match(response.body, /href="\/discuss\/\d+">Flying a <mark>kite<\/mark> in the monsoon<\/a>/);
  assert.match(response.body, /<p class="search-snippet"><mark>kite<\/mark> <mark>kite<\/mark>/);
  assert.match(response.body, /<p class="search-snippet">My <mark>kite<\/mark> broke\.<\/p>/);
  assert.match(
    response.body,
    /Comment by <a href="\/u\/asha">asha<\/a> · <time datetime="[^"]+">just now<\/time>/,
  );
});

test('phrases, prefixes and Hindi words, whichever way a nukta is typed', async (t) => {
  const { app } = await build(t);
  const asha = await author(app, 'asha');
  const phrase = asha.discussion('Offline forms that sync', '');
  const apart = asha.discussion('Forms, sometimes offline', '');
  const hindi = asha.discussion('ज़िंदगी की किताबें', 'परीक्षा से पहले पढ़ना');
  assert.deepEqual(resultUrls((await search(app, '"offline forms"')).body), [`/discuss/${phrase}`]);
  assert.deepEqual(
    new Set(resultUrls((await search(app, 'offl*')).body)),
    new Set([`/discuss/${phrase}`, `/discuss/${apart}`]),
  );
  assert.deepEqual(resultUrls((await search(app, 'परीक्षा')).body), [`/discuss/${hindi}`]);
  assert.deepEqual(resultUrls((await search(app, '\u095Bिंदगी')).body), [`/discuss/${hindi}`]);
  assert.deepEqual(resultUrls((await search(app, 'किताब')).body), [], 'a whole word, not the start of one');
  assert.deepEqual(resultUrls((await search(app, 'किताब*')).body), [`/discuss/${hindi}`]);
});

test('20 results a page, each once, with links to the pages before and after', async (t) => {
  const { app } = await build(t);
  const asha = await author(app, 'asha');
  for (let i = 0; i < 45; i++) asha.discussion(`Lantern number ${i}`, i % 2 ? 'lantern' : '');
  const seen: string[] = [];
  for (const page of [1, 2, 3]) {
    const html = (await search(app, 'lantern', page === 1 ? undefined : page)).body;
    const urls = resultUrls(html);
    assert.equal(urls.length, page === 3 ? 5 : 20, `page ${page}`);
    seen.push(...urls.map(String));
    assert.equal(html.includes(`href="/search?q=lantern&amp;page=${page + 1}" rel="next"`), page < 3);
    if (page === 2) assert.match(html, /href="\/search\?q=lantern" rel="prev"/);
    if (page === 3) assert.match(html, /<ol class="search-results" start="41">/);
  }
  assert.equal(new Set(seen).size, 45);
  assert.match((await search(app, 'lantern', 4)).body, /No more results\./);
  assert.equal((await search(app, 'lantern', 0)).statusCode, 400);
  assert.equal((await new Client(app).get('/search?q=a&q=b')).statusCode, 400);
});

test('author:name finds only that person, newest first without words, best first with them', async (t) => {
  const { app } = await build(t);
  const asha = await author(app, 'asha');
  const bilal = await author(app, 'bilal_k');
  const older = asha.discussion('Mango season', '', Date.now() - 3_600_000);
  const newer = asha.discussion('Tea and rain', '', Date.now() - 60_000);
  const hers = asha.comment(older, 'more mango');
  bilal.discussion('Mango pickle', '');
  assert.deepEqual(resultUrls((await search(app, 'author:asha')).body), [
    `/discuss/${older}#c${hers}`,
    `/discuss/${newer}`,
    `/discuss/${older}`,
  ]);
  assert.match((await search(app, 'author:asha')).body, /, newest first\./);
  assert.deepEqual(resultUrls((await search(app, 'mango AUTHOR:Asha')).body), [
    `/discuss/${older}`,
    `/discuss/${older}#c${hers}`,
  ]);
  assert.equal(resultUrls((await search(app, 'mango author:bilal_k author:asha')).body).length, 3);
  const nobody = await search(app, 'mango author:bilal');
  assert.deepEqual(resultUrls(nobody.body), [], 'names are exact: bilal is not bilal_k');
  assert.match(decode(nobody.body), /No one here is called bilal\./);
});

test('edits and deletes made through the forum show in search at once', async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  const id = await asha.startDiscussion('Saffron harvest', 'Picking saffron by hand');
  const reply = await asha.comment(id, 'Saffron rice tonight');
  await asha.post(`/discuss/${id}/edit`, { title: 'Pepper harvest', url: '', text: 'Picking pepper' });
  await asha.post(`/comments/${reply}/edit`, { body: 'Pepper rice tonight' });
  assert.deepEqual(resultUrls((await search(app, 'saffron')).body), []);
  assert.deepEqual(resultUrls((await search(app, 'pepper')).body), [
    `/discuss/${id}`,
    `/discuss/${id}#c${reply}`,
  ]);

  const other = await asha.comment(id, 'pepper again');
  await asha.post(`/comments/${other}/delete`, {});
  assert.deepEqual(resultUrls((await search(app, 'again')).body), []);
  await asha.post(`/discuss/${id}/delete`, {});
  assert.deepEqual(
    resultUrls((await search(app, 'pepper')).body),
    [],
    'nor the comments of a deleted discussion',
  );
});

test(`a query longer than ${MAX_QUERY_LENGTH} characters gets a 400 that says so and keeps the text`, async (t) => {
  const { app } = await build(t);
  const long = 'x'.repeat(MAX_QUERY_LENGTH + 1);
  const response = await search(app, long);
  assert.equal(response.statusCode, 400);
  assert.equal(
    errorMessage(response.body),
    `A search can be at most ${MAX_QUERY_LENGTH} characters long. Shorten it and try again.`,
  );
  assert.equal(fieldValue(response.body, 'q'), long);
  assert.equal((await search(app, 'x'.repeat(MAX_QUERY_LENGTH))).statusCode, 200);
});

test('a word in too much of the forum to rank by comes newest first, and the page says why', async (t) => {
  const { app } = await build(t);
  const asha = await author(app, 'asha');
  const older = asha.discussion('Chai', 'chai', Date.now() - 60_000);
  const newer = asha.discussion('More chai', '', Date.now());
  app.repositories.search = searchRepository(app.db, { rankedCandidates: 10, bm25MaxDocuments: 1 });
  const response = await search(app, 'chai');
  assert.deepEqual(resultUrls(response.body), [`/discuss/${newer}`, `/discuss/${older}`]);
  assert.match(
    response.body,
    /, newest first\. Some of these words are in too many discussions to rank by relevance/,
  );
});
