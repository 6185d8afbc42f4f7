import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, logInAs } from '../helpers/app.ts';
import { countOutlineReads } from '../helpers/outline-reads.ts';

/**
 * A comment's place in a long discussion comes from its outline (app/routes/comment-listing.ts),
 * kept per revision: pages that only link to a comment (the reply page's Cancel, a notification's
 * redirect) read it once, not again for every view.
 */
test('linking to a comment reads the discussion outline once per revision, not per view', async (t) => {
  const { app } = await build(t);
  const starter = await logInAs(app, 'starter');
  const replier = await logInAs(app, 'replier');
  const discussionId = await starter.startDiscussion('Long', 'text');
  const commentId = await replier.comment(discussionId, 'a reply to the starter');

  const outlineReads = countOutlineReads(app, t);
  for (let view = 0; view < 3; view++) {
    const reply = await starter.get(`/comments/${commentId}/reply`);
    assert.equal(reply.statusCode, 200);
    assert.match(reply.body, new RegExp(`href="/discuss/${discussionId}#c${commentId}"`));
    const opened = await starter.get(`/notifications/${commentId}`);
    assert.equal(opened.statusCode, 303);
    assert.equal(opened.headers.location, `/discuss/${discussionId}#c${commentId}`);
  }
  assert.ok(outlineReads.count <= 1, `the whole outline was read ${outlineReads.count} times for 6 views`);
});
