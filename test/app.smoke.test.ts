import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, Client } from './helpers/app.ts';

test('a person signs up, starts a discussion and replies to a comment', async (t) => {
  const { app } = await build(t);
  const asha = new Client(app);
  await asha.signUp('asha');
  const postId = await asha.startDiscussion('Offline first', 'Why **network-first**?');
  const first = await asha.comment(postId, 'Because pages go stale.');
  const reply = await asha.comment(postId, 'And the cache grows.', first);
  const page = await asha.get(`/discuss/${postId}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<strong>network-first<\/strong>/);
  assert.match(page.body, new RegExp(`id="c${reply}" data-comment-id="${reply}" data-depth="1"`));
});
