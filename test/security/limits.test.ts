import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_BODY_BYTES } from '../../app/config.ts';
import {
  MAX_COMMENT_LENGTH,
  MAX_PASSWORD_LENGTH,
  MAX_TEXT_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_URL_LENGTH,
  MAX_USERNAME_LENGTH,
} from '../../app/domain/limits.ts';
import { build, Client, createUser } from '../helpers/app.ts';
import { postRoutes } from './support/routes.ts';

const FORM = 'application/x-www-form-urlencoded';
/** Devanagari: three bytes in UTF-8, nine once a browser percent-encodes it into a form body. */
const HINDI = 'च';

test('a body over MAX_BODY_BYTES gets 413 and a clear message on every POST route, as form or JSON', async (t) => {
  const { app } = await build(t);
  await createUser(app, 'writer', 'correct horse battery');
  const writer = new Client(app);
  await writer.logIn('writer', 'correct horse battery');
  const token = await writer.csrfToken();
  const changes = app.db.prepare('SELECT total_changes()').pluck();
  const before = changes.get();
  const routes = postRoutes(app);
  const concrete = (route: string) => route.replace(':id', '1');
  let refused = 0;
  for (const route of routes) {
    for (const [type, payload, accept] of [
      [FORM, `_csrf=${token}&body=${'a'.repeat(MAX_BODY_BYTES)}`, 'text/html'],
      [
        'application/json',
        JSON.stringify({ _csrf: token, body: 'a'.repeat(MAX_BODY_BYTES) }),
        'application/json',
      ],
    ] as const) {
      const response = await app.inject({
        method: 'POST',
        url: concrete(route),
        payload,
        headers: { 'content-type': type, accept, cookie: writer.cookieHeader },
      });
      const message =
        accept === 'application/json' ? response.json<{ error: string }>().error : response.body;
      assert.equal(response.statusCode, 413, `${route} (${type})`);
      assert.match(message, /more text than Charcha accepts in one go/);
      refused += 1;
    }
  }
  assert.equal(changes.get(), before);
  t.diagnostic(`${refused} oversized bodies refused over ${routes.length} POST routes`);
});

test('each field limit is a named constant: at the limit accepted, one past it refused with a message', async (t) => {
  const { app } = await build(t);
  await createUser(app, 'writer', 'correct horse battery');
  const writer = new Client(app);
  await writer.logIn('writer', 'correct horse battery');
  const discussionId = await writer.startDiscussion('A thread');
  const count = (table: string) => app.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

  const cases: {
    url: string;
    field: string;
    max: number;
    label: string;
    base: Record<string, string>;
    value?: (n: number) => string;
  }[] = [
    { url: '/submit', field: 'title', max: MAX_TITLE_LENGTH, label: 'Title', base: { text: 'x', url: '' } },
    { url: '/submit', field: 'text', max: MAX_TEXT_LENGTH, label: 'Text', base: { title: 'Title', url: '' } },
    {
      url: '/submit',
      field: 'url',
      max: MAX_URL_LENGTH,
      label: 'Link',
      base: { title: 'Title', text: '' },
      value: (n: number) => `https://example.com/${'p'.repeat(n - 'https://example.com/'.length)}`,
    },
    {
      url: `/discuss/${discussionId}/comments`,
      field: 'body',
      max: MAX_COMMENT_LENGTH,
      label: 'Comment',
      base: {},
    },
  ];
  for (const c of cases) {
    const table = c.url === '/submit' ? 'posts' : 'comments';
    const make = c.value ?? ((n: number) => HINDI.repeat(n));
    const rows = count(table);
    const tooLong = await writer.post(c.url, { ...c.base, [c.field]: make(c.max + 1) });
    assert.equal(tooLong.statusCode, 400, `${c.field} at ${c.max + 1}`);
    assert.match(tooLong.body, new RegExp(`${c.label} must be at most ${c.max} characters`));
    assert.equal(count(table), rows, `${c.field} past its limit was stored`);
    const atLimit = await writer.post(c.url, { ...c.base, [c.field]: make(c.max) });
    assert.equal(atLimit.statusCode, 303, `${c.field} at exactly ${c.max}: ${atLimit.body.slice(0, 300)}`);
    assert.equal(count(table), rows + 1);
  }

  for (const [field, max] of [
    ['username', MAX_USERNAME_LENGTH],
    ['password', MAX_PASSWORD_LENGTH],
  ] as const) {
    const fields = { username: 'newcomer', password: 'correct horse battery', [field]: 'u'.repeat(max + 1) };
    const response = await new Client(app).post('/signup', fields);
    assert.equal(response.statusCode, 400, field);
    assert.match(response.body, new RegExp(`must be at most ${max} characters`));
  }
});

test('the largest discussion the field limits allow fits in MAX_BODY_BYTES even in a non-Latin script', async (t) => {
  const { app } = await build(t);
  await createUser(app, 'writer', 'correct horse battery');
  const writer = new Client(app);
  await writer.logIn('writer', 'correct horse battery');
  const fields = {
    title: HINDI.repeat(MAX_TITLE_LENGTH),
    url: `https://example.com/${HINDI.repeat(MAX_URL_LENGTH - 20)}`,
    text: HINDI.repeat(MAX_TEXT_LENGTH),
  };
  const response = await writer.post('/submit', fields);
  assert.equal(response.statusCode, 303, response.body.match(/class="error-message">([^<]*)/)?.[1]);
  const discussionId = Number(String(response.headers.location).split('/').pop());
  const comment = await writer.post(`/discuss/${discussionId}/comments`, {
    body: HINDI.repeat(MAX_COMMENT_LENGTH),
  });
  assert.equal(comment.statusCode, 303);
});
