import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, Client, logInAs } from '../helpers/app.ts';

/**
 * Logged-in pages are kept by the render cache per browser secret (hashed in the key): a page kept
 * for one browser must never hand its CSRF token to another, even of the same person.
 */
test('a cached page carries the token of the browser asking, never one kept for another browser', async (t) => {
  const { app } = await build(t);
  const laptop = await logInAs(app, 'asha');
  const mallory = await logInAs(app, 'mallory');
  // The same person on a second device: a login of its own, so a browser secret of its own.
  const phone = new Client(app);
  await phone.logIn('asha');
  const discussionId = await laptop.startDiscussion('One page, many browsers');
  const page = `/discuss/${discussionId}`;

  const laptopToken = await laptop.csrfToken(page);
  // Read twice each: the second view of every browser comes from the cache.
  const tokens = new Map<string, string>();
  for (const [name, client] of Object.entries({ laptop, phone, mallory })) {
    const first = await client.csrfToken(page);
    assert.equal(await client.csrfToken(page), first, `${name}: the cached copy keeps its own token`);
    tokens.set(name, first);
  }
  assert.equal(tokens.get('laptop'), laptopToken);
  assert.equal(new Set(tokens.values()).size, 3, 'each browser has a token of its own');

  // A token works only with its own browser's secret: the phone cannot post with the laptop's.
  const withLaptopToken = await phone.postJson(
    `/discuss/${discussionId}/comments`,
    { body: 'x' },
    {
      'x-csrf-token': laptopToken,
    },
  );
  assert.equal(withLaptopToken.statusCode, 403);
  const withOwnToken = await phone.postJson(`/discuss/${discussionId}/comments`, { body: 'from the phone' });
  assert.equal(withOwnToken.statusCode, 201);
});
