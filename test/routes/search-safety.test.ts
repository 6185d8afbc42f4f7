import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MATCH_END, MATCH_START } from '../../app/domain/search-snippet.ts';
import { XSS_PAYLOADS } from '../../e2e/security/xss-payloads.ts';
import { build, Client, createUser } from '../helpers/app.ts';

/** Every result's title and snippet, as HTML. */
function resultMarkup(html: string): string[] {
  return [
    ...html.matchAll(/<a class="search-result-title" href="[^"]+">(.*?)<\/a>/gs),
    ...html.matchAll(/<p class="search-snippet">(.*?)<\/p>/gs),
  ].map((match) => match[1] ?? '');
}

test('the XSS corpus, found by search, comes back as text: no tag but <mark> in any result', async (t) => {
  const { app } = await build(t);
  const authorId = await createUser(app, 'mallory');
  const payloads = [...XSS_PAYLOADS, `${MATCH_START}<b>${MATCH_END}${MATCH_END}${MATCH_START} alert`];
  for (const payload of payloads) {
    const id = app.repositories.discussions.create(
      {
        authorId,
        title: `alert ${payload}`.slice(0, 200),
        url: null,
        bodyMd: `alert ${payload}`,
        bodyHtml: '',
      },
      Date.now(),
    );
    app.repositories.comments.create(
      { discussionId: id, parentId: null, authorId, depth: 0, bodyMd: `${payload} alert`, bodyHtml: '' },
      Date.now(),
    );
  }
  const visitor = new Client(app);
  let shown = 0;
  for (let page = 1; ; page++) {
    const response = await visitor.get(`/search?q=alert&page=${page}`);
    assert.equal(response.statusCode, 200);
    const markup = resultMarkup(response.body);
    for (const html of markup) {
      assert.equal(html.replaceAll('<mark>', '').replaceAll('</mark>', '').includes('<'), false, html);
      // Marks open and close in turn, even where the text itself held the marker characters.
      assert.match(html, /^(?:[^<]*<mark>[^<]*<\/mark>)*[^<]*$/, html);
    }
    shown += markup.length;
    if (!response.body.includes('rel="next"')) break;
  }
  assert.equal(shown, payloads.length * 4, 'a title and a snippet for each discussion and each comment');
});

/** Queries that FTS5 would refuse or misread if they reached its syntax. */
const HOSTILE_QUERIES = [
  ...['"', '"""', '"unbalanced', 'a"b"c"', '*', '**', 'a*', '*a', '-x', '- x', '+x', '^x', '(x', 'x)', '()'],
  ...['AND', 'OR OR', 'NOT', 'a AND', 'AND a', 'a OR b', 'a NOT b', 'NEAR', 'NEAR(a b)', 'NEAR(a b, 99999)'],
  ...['title:x', 'body:x', 'author:', 'author:"x"', 'author:x:y', '{title body}: x', 'x:', ':', 'rank:bm25'],
  ...["x' OR '1'='1", 'x"; DROP TABLE posts; --', '%', '_', '\\', 'ज़िंदगी"', '"क्ष*'],
  ...['\u0000', 'a\u0000b', '\u0007\u001b[31m', '\ufdd0', 'x'.repeat(200), 'a '.repeat(100)],
];

test('hostile queries get a page, never a 500 and never an FTS5 error', async (t) => {
  const { app } = await build(t);
  const authorId = await createUser(app, 'x');
  app.repositories.discussions.create(
    { authorId, title: 'x AND OR NEAR title', url: null, bodyMd: 'a b c x', bodyHtml: '' },
    Date.now(),
  );
  const visitor = new Client(app);
  for (const raw of ['%ED%A0%80', '%FF%FE', '%', '%E0%A4%A', '%00', '%ZZ']) {
    const response = await visitor.get(`/search?q=${raw}`);
    assert.ok(response.statusCode < 500, raw);
  }
  for (const query of HOSTILE_QUERIES) {
    for (const url of [
      `/search?q=${encodeURIComponent(query)}`,
      `/search?q=${encodeURIComponent(query)}&page=2`,
    ]) {
      const response = await visitor.get(url);
      assert.equal(response.statusCode, 200, url);
      assert.doesNotMatch(response.body, /fts5|syntax error|SQLITE/i, url);
    }
  }
});
