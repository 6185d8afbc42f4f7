import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSearchQuery } from '../../app/domain/search-query.ts';
import { isSavablePage } from '../../sw/worker/savable-pages.ts';
import { searchSaved } from '../../sw/worker/search-match.ts';
import { findingsHtml, offlineSearchPage, RESULTS_SLOT } from '../../sw/worker/search-page-html.ts';
import { searchRecordOf } from '../../sw/worker/search-record.ts';
import { Client } from '../helpers/app.ts';
import { ashaAndBilal } from '../helpers/forum.ts';

const ORIGIN = 'http://127.0.0.1:3000';

/** What offline search finds for `query`, as "d<id>" and "c<id>" (the server's results as the same). */
const foundOffline = (records: Parameters<typeof searchSaved>[1], query: string) =>
  searchSaved(parseSearchQuery(query), records).hits.map((hit) =>
    hit.commentId === null ? `d${hit.discussionId}` : `c${hit.commentId}`,
  );

async function bilingualForum(t: Parameters<typeof ashaAndBilal>[0]) {
  const { app, asha, bilal } = await ashaAndBilal(t);
  const hindi = await asha.startDiscussion('हिंदी में खोज कैसे करें', 'क्या **ज़रूरी** है? पढ़ाई और विद्यालय');
  const hindiComment = await bilal.comment(hindi, 'मुझे लगता है कि क्षमा और ज़िंदगी दोनों शब्द मिलने चाहिए');
  const english = await bilal.startDiscussion(
    'Café <script>alert(1)</script> offline forms',
    'Caching *pages* for the metro.',
  );
  const englishComment = await asha.comment(
    english,
    'Offline forms work on the METRO too; naïve caching is fine.',
  );
  const deleted = await asha.comment(english, 'A deleted secret word zanzibar');
  await asha.post(`/comments/${deleted}/delete`, {});
  const html = async (id: number) => (await new Client(app).get(`/discuss/${id}`)).body;
  const records = [
    searchRecordOf(`${ORIGIN}/discuss/${hindi}`, await html(hindi)),
    searchRecordOf(`${ORIGIN}/discuss/${english}`, await html(english)),
  ].filter((record) => record !== null);
  return { app, records, hindi, hindiComment, english, englishComment };
}

test('a saved discussion page is read into its title, text and comments, without the deleted one', async (t) => {
  const { records, hindi, hindiComment, english, englishComment } = await bilingualForum(t);
  const [hindiRecord, englishRecord] = records;
  assert.equal(hindiRecord?.discussionId, hindi);
  assert.equal(hindiRecord?.title, 'हिंदी में खोज कैसे करें');
  assert.deepEqual(
    hindiRecord?.documents.map((document) => [document.commentId, document.author]),
    [
      [null, 'asha'],
      [hindiComment, 'bilal'],
    ],
  );
  assert.equal(englishRecord?.discussionId, english);
  assert.equal(englishRecord?.title, 'Café <script>alert(1)</script> offline forms', 'entities decoded');
  assert.equal(englishRecord?.documents[0]?.text, 'Caching pages for the metro.', 'Markdown as it reads');
  assert.deepEqual(
    englishRecord?.documents.map((document) => document.commentId),
    [null, englishComment],
    'the deleted comment is not indexed',
  );
  assert.equal(
    searchRecordOf(`${ORIGIN}/`, '<article class="discussion">'),
    null,
    'only discussions are indexed',
  );
  assert.equal(searchRecordOf(`${ORIGIN}/discuss/1`, '<p>not ours</p>'), null);
});

test('offline search finds what the server finds, Hindi words whole and Latin folded', async (t) => {
  const { app, records } = await bilingualForum(t);
  const queries = [
    'ज़रूरी', // nukta, typed decomposed below
    'ज\u093Cरूरी',
    '\u095Bरूरी', // the precomposed letter with nukta
    'क्षमा', // virama inside a conjunct
    'पढ़ाई',
    'खोज',
    'हिंदी',
    'ज़िंदगी',
    'cafe',
    'CAFÉ',
    'naive',
    'metro',
    '"offline forms"',
    '"forms offline"',
    'cach*',
    'offline author:asha',
    'author:bilal',
    'zanzibar',
    'क', // a letter of many words, found in none as a word
    'ह',
    'off',
  ];
  for (const query of queries) {
    const online = await new Client(app).get(`/search?q=${encodeURIComponent(query)}`);
    const serverFound = [
      ...online.body.matchAll(/<a class="search-result-title" href="\/discuss\/(\d+)(?:#c(\d+))?"/g),
    ]
      .map(([, discussion, comment]) => (comment ? `c${comment}` : `d${discussion}`))
      .sort();
    assert.deepEqual(foundOffline(records, query).sort(), serverFound, `for ${query}`);
  }
  assert.ok(foundOffline(records, 'ज़रूरी').length > 0 && foundOffline(records, 'cafe').length > 0);
  assert.deepEqual(foundOffline(records, 'क'), []);
});

test('the same comment saved under two addresses is found once, at the first page’s address', async (t) => {
  const { records, english } = await bilingualForum(t);
  const english1 = records[1];
  assert.ok(english1);
  const again = { ...english1, key: `${ORIGIN}/discuss/${english}?page=1` };
  const { discussions, hits } = searchSaved(parseSearchQuery('metro'), [again, ...records]);
  assert.equal(discussions, 2);
  assert.deepEqual(
    hits.map((hit) => hit.url.replace(ORIGIN, '')),
    [`/discuss/${english}`, `/discuss/${english}#c${english1.documents[1]?.commentId}`],
    'the discussion (metro in its text) and the comment, each once',
  );
});

test('the offline page escapes titles, texts and the query, and marks only the matched words', async (t) => {
  const { app, records } = await bilingualForum(t);
  const query = 'cafe "<img src=x onerror=alert(1)>"';
  const found = searchSaved(parseSearchQuery('cafe'), records);
  const findings = findingsHtml({ query, ...found, page: 1, searched: true, note: null });
  const shell = (await new Client(app).get('/search/offline')).body;
  assert.ok(shell.includes(RESULTS_SLOT), 'the shell has its slot');
  const page = offlineSearchPage(shell, query, findings);
  assert.doesNotMatch(page, /<script>alert|<img src=x/);
  assert.match(page, /searching 2 saved discussions on this device for <strong>cafe &quot;&lt;img/);
  assert.match(page, /<mark>Café<\/mark> &lt;script&gt;alert\(1\)&lt;\/script&gt; offline forms/);
  assert.match(page, /name="q" value="cafe &quot;&lt;img src=x onerror=alert\(1\)&gt;&quot;"/);
  assert.match(
    page,
    /<title>Search: cafe &quot;&lt;img src=x onerror=alert\(1\)&gt;&quot; · Charcha<\/title>/,
  );
  assert.match(page, /The rest of the forum could not be searched/);
});

test('search results are never saved as pages: offline, the device searches again', () => {
  const options = { origin: ORIGIN, offlinePage: '/offline', otherPrecachedPages: ['/search/offline'] };
  const html = () => new Response('<html></html>', { headers: { 'content-type': 'text/html' } });
  assert.equal(isSavablePage(new Request(`${ORIGIN}/search?q=chai`), html(), options), false);
  assert.equal(isSavablePage(new Request(`${ORIGIN}/search/offline`), html(), options), false);
  assert.equal(isSavablePage(new Request(`${ORIGIN}/discuss/1`), html(), options), true);
});
