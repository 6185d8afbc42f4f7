import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from '../helpers/app.ts';

test('/healthz answers ok while the database answers', async (t) => {
  const { app } = await build(t);
  const response = await app.inject('/healthz');
  assert.equal(response.statusCode, 200);
  assert.deepEqual(response.json(), { status: 'ok', database: 'ok' });
  assert.equal(response.headers['cache-control'], 'no-store');
});

test('/healthz answers 503 when the database is gone, and pages fail without leaking internals', async (t) => {
  const { app } = await build(t);
  app.db.close();
  const health = await app.inject('/healthz');
  assert.equal(health.statusCode, 503);
  assert.deepEqual(health.json(), { status: 'unavailable', database: 'error' });
  assert.equal(health.headers['cache-control'], 'no-store');

  const page = await app.inject('/');
  assert.ok(page.statusCode >= 500, `status ${page.statusCode}`);
  assert.doesNotMatch(page.body, /connection is not open|better-sqlite3|at .*\.ts:\d+/);
  assert.match(page.body, /(Something went wrong|cannot save anything)/);
});
