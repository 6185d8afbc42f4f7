import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { App } from '../../app/app.ts';
import { COMMENTS_PER_PAGE } from '../../app/domain/comment-pages.ts';
import { renderMarkdown } from '../../app/domain/markdown.ts';
import { replyPlacement } from '../../app/domain/tree.ts';
import { build, Client, logInAs } from '../helpers/app.ts';
import { recordStatements } from '../helpers/statements.ts';

/** A discussion with `size` comments, each replying to an earlier one, written through the repositories. */
function threadOf(app: App, authorId: number, size: number): number {
  const discussionId = app.repositories.discussions.create(
    { authorId, title: `${size} comments`, url: null, bodyMd: 'text', bodyHtml: '<p>text</p>' },
    Date.now(),
  );
  const placed: { id: number; parentId: number | null; depth: number }[] = [];
  for (let i = 0; i < size; i++) {
    const parent = i % 4 === 0 ? undefined : placed[Math.floor(i / 2)];
    const placement = parent ? replyPlacement(parent) : { parentId: null, depth: 0 };
    const body = `comment number ${i}`;
    const id = app.repositories.comments.create(
      { discussionId, authorId, ...placement, bodyMd: body, bodyHtml: renderMarkdown(body) },
      Date.now(),
    );
    placed.push({ id, ...placement });
  }
  return discussionId;
}

/** The database-version probes (db/version.ts) are sampled over time, not per page: not part of a page's cost. */
const VERSION_PROBE = /^(SELECT total_changes\(\)|PRAGMA data_version)$/;

async function statementsFor(client: Client, app: App, url: string) {
  let status = 0;
  let body = '';
  const sql = await recordStatements(app.db, async () => {
    const response = await client.get(url);
    status = response.statusCode;
    body = response.body;
  });
  assert.equal(status, 200, url);
  return { sql: sql.filter((statement) => !VERSION_PROBE.test(statement)), body };
}

test('a thread page costs the same few queries with 3 or 300 comments, not one per comment', async (t) => {
  const { app } = await build(t);
  const reader = await logInAs(app, 'reader');
  const { id: authorId } = await logInAs(app, 'writer');
  const small = threadOf(app, authorId, 3);
  const large = threadOf(app, authorId, 300);
  const someComment = Number(app.db.prepare('SELECT max(id) FROM comments').pluck().get());
  await reader.post(`/comments/${someComment}/vote`, { direction: 'up' });

  for (const client of [new Client(app), reader]) {
    await client.csrfToken();
    const few = await statementsFor(client, app, `/discuss/${small}`);
    const many = await statementsFor(client, app, `/discuss/${large}`);
    const shown = (many.body.match(/<li class="comment"/g) ?? []).length;
    assert.equal(shown, COMMENTS_PER_PAGE, 'a full page of them is shown, the rest continues on');
    assert.ok(many.body.includes('data-depth="2"'), 'nested');
    assert.deepEqual(many.sql, few.sql, 'the same statements, whatever the number of comments');
    // The outline of every comment (which page shows what; loaded once per revision), then the
    // shown comments in full.
    const fromComments = many.sql.filter((s) => /\bFROM comments\b/i.test(s));
    assert.ok(fromComments.length <= 2, many.sql.join('\n'));
    assert.ok(many.sql.length <= 6, `at most a handful of statements:\n${many.sql.join('\n')}`);
  }
});
