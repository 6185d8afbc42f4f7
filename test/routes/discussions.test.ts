import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_TEXT_LENGTH } from '../../app/domain/limits.ts';
import { build, Client } from '../helpers/app.ts';
import { count, rowOf } from '../helpers/data.ts';
import { ashaAlone } from '../helpers/forum.ts';
import { errorMessage, fieldValue } from '../helpers/html.ts';

test('a discussion with a title and text is shown at /discuss/:id with its author, age and score', async (t) => {
  const { app, asha } = await ashaAlone(t);
  const submit = await asha.post('/submit', {
    title: 'Offline first',
    url: '',
    text: 'Why **network-first**?',
  });
  assert.equal(submit.statusCode, 303);
  const id = Number(String(submit.headers.location).replace('/discuss/', ''));
  assert.equal(submit.headers.location, `/discuss/${id}`);

  const page = await new Client(app).get(`/discuss/${id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<title>Offline first · Charcha<\/title>/);
  assert.match(page.body, /<div class="prose" dir="auto"><p>Why <strong>network-first<\/strong>\?<\/p>/);
  assert.match(page.body, /by <a href="\/u\/asha"><bdi>asha<\/bdi><\/a>/);
  assert.match(page.body, /<time datetime="[\d-]+T[\d:.]+Z">just now<\/time>/);
  // Read by a visitor who cannot vote: the number's unit is shown, and no aria-label sits on a span.
  assert.match(page.body, /<span class="score">0<\/span><span class="score-unit"> points<\/span>/);
  assert.doesNotMatch(page.body, /<span[^>]* aria-label=/);
});

test('a discussion may be a link alone; its address is shown with its host', async (t) => {
  const { app, asha } = await ashaAlone(t);
  const id = await asha.startDiscussion('SQLite is enough', '', 'https://example.com/sqlite');
  const page = await asha.get(`/discuss/${id}`);
  assert.match(
    page.body,
    /<a href="https:\/\/example.com\/sqlite" rel="nofollow ugc noopener"><bdi>SQLite is enough<\/bdi><\/a>/,
  );
  assert.match(page.body, /<span class="domain">\(<bdi>example.com<\/bdi>\)<\/span>/);
  assert.equal(rowOf(app, 'posts', id).url, 'https://example.com/sqlite');
});

test('a title is stored without bidi controls, so it cannot reverse the domain shown after it', async (t) => {
  const { app, asha } = await ashaAlone(t);
  const id = await asha.startDiscussion('Cheap tickets \u202E', '', 'https://moc.lapyap/');
  assert.equal(rowOf(app, 'posts', id).title, 'Cheap tickets');
  const listing = (await new Client(app).get('/new')).body;
  assert.match(listing, /<bdi>Cheap tickets<\/bdi>/);
  assert.match(listing, /\(<bdi>moc\.lapyap<\/bdi>\)<\/a>/, 'the domain is isolated from the title');
  assert.doesNotMatch(listing, /\u202E/);
  const edited = await asha.post(`/discuss/${id}/edit`, {
    title: '\u2067Cafe\u0301 tickets\u202E\u2069',
    url: 'https://moc.lapyap/',
    text: '',
  });
  assert.equal(edited.statusCode, 303);
  assert.equal(rowOf(app, 'posts', id).title, 'Caf\u00e9 tickets', 'composed, controls gone on edit too');
});

test('a discussion needs a title, and a link or text; the form keeps what was typed', async (t) => {
  const { app, asha } = await ashaAlone(t);
  const cases: [Record<string, string>, string][] = [
    [{ title: '', url: '', text: 'text without a title' }, 'Title cannot be empty.'],
    [{ title: '   ', url: '', text: 'text without a title' }, 'Title cannot be empty.'],
    [{ url: '', text: 'no title field at all' }, 'Title is required.'],
    [{ title: 'Only a title', url: '', text: '  ' }, 'Add a link, some text, or both.'],
    [{ title: 'x'.repeat(201), url: '', text: 'long title' }, 'Title must be at most 200 characters.'],
  ];
  for (const [fields, message] of cases) {
    const response = await asha.post('/submit', fields);
    assert.equal(response.statusCode, 400, message);
    assert.equal(errorMessage(response.body), message);
    assert.equal(fieldValue(response.body, 'text'), fields.text);
    assert.equal(fieldValue(response.body, 'title'), fields.title ?? '');
  }
  assert.equal(count(app, 'SELECT count(*) FROM posts'), 0);
});

test(`text up to ${MAX_TEXT_LENGTH} characters is accepted; one more is refused, kept, and not saved`, async (t) => {
  const { app, asha } = await ashaAlone(t);
  const longest = `${'a'.repeat(MAX_TEXT_LENGTH - 4)} end`;
  const id = await asha.startDiscussion('Long', longest);
  assert.equal(rowOf(app, 'posts', id).body_md, longest);

  const tooLong = `${'b'.repeat(MAX_TEXT_LENGTH - 3)} end`;
  const response = await asha.post('/submit', { title: 'Too long', url: '', text: tooLong });
  assert.equal(response.statusCode, 400);
  assert.equal(errorMessage(response.body), 'Text must be at most 8192 characters.');
  assert.equal(fieldValue(response.body, 'text'), tooLong, "the person's text is kept in the form");
  assert.equal(fieldValue(response.body, 'title'), 'Too long');
  assert.equal(count(app, 'SELECT count(*) FROM posts'), 1, 'nothing written');
});

test('links with unsafe schemes are refused', async (t) => {
  const { app, asha } = await ashaAlone(t);
  for (const url of [
    'javascript:alert(1)',
    'data:text/html,<script>x</script>',
    'vbscript:msgbox',
    'ftp://example.com',
    'example.com',
  ]) {
    const response = await asha.post('/submit', { title: 'Bad link', url, text: '' });
    assert.equal(response.statusCode, 400, url);
    assert.equal(errorMessage(response.body), 'Link must be a full http:// or https:// address.');
    assert.equal(fieldValue(response.body, 'url'), url);
  }
  assert.equal(count(app, 'SELECT count(*) FROM posts'), 0);
});

test('user text is rendered safely on the thread page', async (t) => {
  const { asha } = await ashaAlone(t);
  const id = await asha.startDiscussion(
    '<b>Bold</b> & "quoted"',
    '<script>alert(1)</script> [x](javascript:alert(1))',
  );
  const page = (await asha.get(`/discuss/${id}`)).body;
  assert.doesNotMatch(page, /<script>alert/);
  assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.doesNotMatch(page, /href="javascript:/i);
  assert.match(page, /&lt;b&gt;Bold&lt;\/b&gt; &amp; &quot;quoted&quot;/);
});

test('unknown or malformed ids get a friendly 404 page, never a 500', async (t) => {
  const { asha } = await ashaAlone(t);
  for (const url of [
    '/discuss/999999',
    '/discuss/abc',
    '/discuss/0',
    '/discuss/-1',
    '/discuss/99999999999999999999',
    '/discuss/999999/edit',
    '/discuss/abc/feed.atom',
    '/comments/999999/reply',
    '/comments/abc/edit',
    '/no/such/page',
  ]) {
    const response = await asha.get(url);
    assert.equal(response.statusCode, 404, url);
    assert.match(response.body, /<h1>Not found<\/h1>/, url);
    assert.match(String(response.headers['content-type']), /text\/html/);
  }
  for (const url of ['/discuss/999999/edit', '/discuss/999999/delete', '/discuss/abc/comments']) {
    assert.equal((await asha.post(url, { title: 't', text: 't', body: 'b' })).statusCode, 404, url);
  }
  const json = await asha.get('/discuss/999999', { accept: 'application/json' });
  assert.equal(json.statusCode, 404);
  assert.deepEqual(json.json(), { error: 'That discussion does not exist, or it was deleted.' });
});

test('starting a discussion needs an account: the form redirects to login, a post gets 401', async (t) => {
  const { app } = await build(t);
  const visitor = new Client(app);
  const form = await visitor.get('/submit');
  assert.equal(form.statusCode, 303);
  assert.equal(form.headers.location, '/login?next=%2Fsubmit');
  const post = await visitor.post('/submit', { title: 'Hi', url: '', text: 'there' });
  assert.equal(post.statusCode, 401);
  assert.match(errorMessage(post.body) ?? '', /Log in again/);
  assert.equal(count(app, 'SELECT count(*) FROM posts'), 0);
});

test('JSON clients create discussions and get {error} with the status for bad input', async (t) => {
  const { app, asha } = await ashaAlone(t);
  const created = await asha.postJson('/submit', { title: 'From a script', text: 'hello' });
  assert.equal(created.statusCode, 201);
  const { id, url } = created.json() as { id: number; url: string };
  assert.equal(url, `/discuss/${id}`);
  const bad = await asha.postJson('/submit', { title: 'No body' });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(bad.json(), { error: 'Add a link, some text, or both.' });
  const wrongType = await asha.postJson('/submit', { title: ['a', 'b'], text: 'x' });
  assert.equal(wrongType.statusCode, 400);
  assert.equal(typeof (wrongType.json() as { error: unknown }).error, 'string');
  const anonymous = await new Client(app).postJson('/submit', { title: 'x', text: 'y' });
  assert.equal(anonymous.statusCode, 401);
  assert.equal(count(app, 'SELECT count(*) FROM posts'), 1);
});
