import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from '../helpers/app.ts';
import { recordStatements } from '../helpers/statements.ts';

test('front-page candidates come from an index alone, and listings need no sort', async (t) => {
  const { app } = await build(t);
  const sql = await recordStatements(app.db, async () => {
    app.repositories.discussions.rankingCandidates(500);
    app.repositories.discussions.listNewest(31, 30);
  });
  const plans = sql
    .filter((statement) => /\bFROM posts\b/.test(statement))
    .map((statement) => ({
      statement,
      plan: (
        app.db
          .prepare(`EXPLAIN QUERY PLAN ${statement}`)
          .all(...Array((statement.match(/\?/g) ?? []).length).fill(1)) as { detail: string }[]
      )
        .map((step) => step.detail)
        .join('; '),
    }));
  assert.equal(plans.length, 2, sql.join('\n'));
  assert.match(plans[0]?.plan ?? '', /SCAN posts USING COVERING INDEX posts_by_recency/);
  for (const { statement, plan } of plans) assert.doesNotMatch(plan, /TEMP B-TREE/, statement);
});

test('summaries come back in the order asked for, without the ids that do not exist', async (t) => {
  const { app } = await build(t);
  const authorId = app.repositories.users.create('author', 'not-a-real-hash', Date.now()) ?? 0;
  const create = (title: string) =>
    app.repositories.discussions.create({ authorId, title, url: null, bodyMd: '', bodyHtml: '' }, Date.now());
  const first = create('First');
  const second = create('Second');
  const titles = app.repositories.discussions.summaries([second, 999_999, first]).map((post) => post.title);
  assert.deepEqual(titles, ['Second', 'First']);
});
