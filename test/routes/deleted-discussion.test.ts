import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client, logInAs } from '../helpers/app.ts';
import { snapshot } from '../helpers/data.ts';
import { ashaAndBilal } from '../helpers/forum.ts';
import { routePaths } from '../helpers/routes.ts';

/** Every field any of these forms takes; each route keeps the ones it declares. */
const FIELDS = { direction: 'up', body: 'Still here?', title: 'Edited', url: '', text: 'Edited text' };

/** The routes on a discussion or on one comment, read from the app itself so new ones are covered too. */
function itemRoutes(app: Parameters<typeof routePaths>[0], method: string): string[] {
  return routePaths(app, method).filter((path) => /^\/(discuss|comments)\/:id\b/.test(path));
}

test('inside a deleted discussion every action is a 404 and changes nothing, for every person', async (t) => {
  const { app, asha, bilal } = await ashaAndBilal(t);
  const chen = await logInAs(app, 'chen');
  const discussionId = await asha.startDiscussion('Soon deleted', 'text');
  const commentId = await bilal.comment(discussionId, 'A comment in it');
  await chen.comment(discussionId, 'A reply to it', commentId);
  assert.equal((await asha.post(`/discuss/${discussionId}/delete`, {})).statusCode, 303);
  const before = snapshot(app);

  const address = (path: string) =>
    path
      .replace(/^\/discuss\/:id/, `/discuss/${discussionId}`)
      .replace(/^\/comments\/:id/, `/comments/${commentId}`)
      .replace(':commentId', String(commentId));
  const posts = itemRoutes(app, 'POST');
  const gets = itemRoutes(app, 'GET');
  for (const expected of ['/comments/:id/vote', '/comments/:id/edit', '/comments/:id/delete']) {
    assert.ok(posts.includes(expected), `${expected} is among ${posts.join(', ')}`);
  }
  for (const person of [asha, bilal, chen]) {
    for (const path of posts) {
      const fields = path.endsWith('/comments') ? { ...FIELDS, parentId: String(commentId) } : FIELDS;
      const form = await person.post(address(path), fields);
      assert.equal(form.statusCode, 404, `POST ${address(path)}: ${form.statusCode}`);
      const json = await person.postJson(address(path), { ...FIELDS, parentId: commentId });
      assert.equal(json.statusCode, 404, `POST ${address(path)} as JSON: ${json.statusCode}`);
      assert.match(json.json().error, /does not exist, or it was deleted/);
    }
    for (const path of gets) {
      const page = await person.get(address(path));
      assert.equal(page.statusCode, 404, `GET ${address(path)}: ${page.statusCode}`);
    }
  }
  assert.equal(snapshot(app), before, 'no vote, comment, edit or deletion was written');
  const anonymous = await new Client(app).get(`/comments/${commentId}`);
  assert.equal(anonymous.statusCode, 404, 'the permalink leads nowhere either');
});
