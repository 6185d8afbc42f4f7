import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { buildApp } from '../app/app.ts';
import { FRONT_PAGE_SIZE } from '../app/domain/limits.ts';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../db/seed.ts';
import { build, Client } from './helpers/app.ts';
import { count } from './helpers/data.ts';
import { listedPostIds } from './helpers/html.ts';

const ROOT = join(import.meta.dirname, '..');

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'charcha-start-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a new, empty database starts as the demo forum', async (t) => {
  const { app } = await build(t, { seed: 'demo' });
  const visitor = new Client(app);
  const front = await visitor.get('/');
  assert.equal(front.statusCode, 200);
  assert.equal(listedPostIds(front.body).length, FRONT_PAGE_SIZE);
  assert.match(front.body, /rel="next"/, 'at least 30 discussions');
  assert.ok(count(app, 'SELECT count(*) FROM posts') >= 30);

  const biggest = Number(
    app.db
      .prepare('SELECT post_id FROM comments GROUP BY post_id ORDER BY count(*) DESC LIMIT 1')
      .pluck()
      .get(),
  );
  const thread = await visitor.get(`/discuss/${biggest}`);
  assert.equal(thread.statusCode, 200);
  assert.ok((thread.body.match(/<li class="comment"/g) ?? []).length >= 100, 'a thread with 100+ comments');
  assert.match(thread.body, /data-depth="8"/);

  const demo = new Client(app);
  await demo.logIn(DEMO_USERNAMES[0], DEMO_PASSWORD);
  assert.match((await demo.get('/')).body, new RegExp(`data-user="${DEMO_USERNAMES[0]}"`));
});

test('with SEED=none the forum starts empty', async (t) => {
  const { app } = await build(t, { seed: 'none' });
  assert.equal(count(app, 'SELECT count(*) FROM posts') + count(app, 'SELECT count(*) FROM users'), 0);
  assert.match((await new Client(app).get('/')).body, /Nothing here yet/);
});

test('a database that already has data is never seeded again', async (t) => {
  const databasePath = join(tempDir(t), 'charcha.db');
  const config = {
    databasePath,
    sessionSecret: 'x'.repeat(32),
    production: false,
    seed: 'none' as const,
    networkTimeoutMs: 3000,
    rateLimits: false,
  };
  const first = await buildApp(config);
  const user = first.repositories.users.create('solo', 'not-a-hash', Date.now());
  await first.close();

  const { app } = await build(t, { databasePath, seed: 'demo' });
  assert.equal(count(app, 'SELECT count(*) FROM users'), 1);
  assert.equal(
    count(app, 'SELECT count(*) FROM posts'),
    0,
    'a forum whose posts were all deleted stays empty',
  );
  assert.equal(app.repositories.users.findById(user ?? 0)?.username, 'solo');
});

test('the server serves on the configured port, prints its URL, and shuts down cleanly on SIGTERM', async (t) => {
  const dir = tempDir(t);
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'app', 'server.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'charcha.db'),
      SEED: 'none',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/Charcha is running at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
  });
  const health = await fetch(`${url}/healthz`);
  assert.equal(health.status, 200);
  assert.deepEqual(await health.json(), { status: 'ok', database: 'ok' });

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  assert.equal(await exited, 0, output);
});
