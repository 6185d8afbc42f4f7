import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { build, Client, createUser } from '../helpers/app.ts';
import { checkDatabase } from './support/database-check.ts';
import { HttpClient } from './support/http-client.ts';
import { ServerProcess } from './support/server-process.ts';

const UNAVAILABLE = /Charcha cannot save anything right now \(storage unavailable\)\. Nothing was changed/;
const isRoot = process.getuid?.() === 0;

/** Runs mount(8); the tests need root for it, and say so instead of passing vacuously without it. */
function mount(...args: string[]) {
  execFileSync('mount', args, { stdio: 'pipe' });
}

/** A directory on its own tiny tmpfs, so that filling it fills only it. */
function tinyDisk(t: TestContext, size: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'charcha-disk-'));
  mount('-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir);
  t.after(() => {
    execFileSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** Writes zeros until the file system says ENOSPC. */
function fillUp(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(16 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

async function comment(client: HttpClient, discussionId: number, body: string, json: boolean) {
  const response = await client.post(
    `/discuss/${discussionId}/comments`,
    { body },
    json ? { accept: 'application/json' } : {},
  );
  return { status: response.status, text: await response.text() };
}

test('a full disk gets a clear 503 for every write, reads keep working, and writes resume when space returns', async (t) => {
  if (!isRoot) return fullDatabaseInProcess(t);
  const dir = tinyDisk(t, '2m');
  const server = await ServerProcess.start({ dataDir: dir });
  t.after(() => server.stop());
  const writer = new HttpClient(server.url);
  await writer.signUp('writer');
  const discussionId = await writer.startDiscussion('Before the disk filled up');

  fillUp(join(dir, 'filler'));
  const refusals: number[] = [];
  // Enough text to need new pages in the WAL, many times over, as forms and as JSON.
  for (let i = 0; i < 20; i++) {
    const { status, text } = await comment(writer, discussionId, `${'x'.repeat(6000)} ${i}`, i % 2 === 0);
    refusals.push(status);
    if (status !== 201 && status !== 303) assert.match(text, UNAVAILABLE, `write ${i}: ${status}`);
  }
  assert.ok(refusals.filter((s) => s === 503).length >= 15, `writes on a full disk: ${refusals}`);
  assert.ok(server.running, 'the server must stay up');
  assert.equal((await writer.get(`/discuss/${discussionId}`)).status, 200, 'reading still works');
  assert.equal((await fetch(`${server.url}/healthz`)).status, 200);

  unlinkSync(join(dir, 'filler'));
  const resumed = await comment(writer, discussionId, 'Space is back.', true);
  assert.equal(resumed.status, 201, resumed.text);
  assert.ok(server.running);
  assert.equal((await server.stop()).code, 0);
  checkDatabase(server.databasePath, [
    { kind: 'comment', id: JSON.parse(resumed.text).id, text: 'Space is back.' },
  ]);
  t.diagnostic(`statuses while full: ${JSON.stringify(refusals)}`);
});

test('a read-only database file: the server starts, pages are read, every write gets a clear 503', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'charcha-readonly-'));
  // Undone last-first: stop the server, unmount the file, then delete the directory.
  const cleanups: (() => unknown)[] = [() => rmSync(dir, { recursive: true, force: true })];
  t.after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  const first = await ServerProcess.start({ dataDir: dir });
  const author = new HttpClient(first.url);
  await author.signUp('author');
  const discussionId = await author.startDiscussion('Written before the file became read-only');
  assert.equal((await first.stop()).code, 0);

  // Root ignores file modes, so as root the file itself is bind-mounted read-only (its directory stays writable).
  const file = join(dir, 'charcha.db');
  if (isRoot) {
    mount('--bind', file, file);
    cleanups.push(() => execFileSync('umount', ['-l', file]));
    mount('-o', 'remount,ro,bind', file);
  } else {
    chmodSync(file, 0o444);
  }

  const server = await ServerProcess.start({ dataDir: dir });
  cleanups.push(() => server.stop());
  author.baseUrl = server.url;
  assert.equal((await author.get(`/discuss/${discussionId}`)).status, 200, 'reading works');
  const attempts = [
    await comment(author, discussionId, 'Cannot be saved', false),
    await comment(author, discussionId, 'Cannot be saved', true),
    await (async () => {
      const r = await new HttpClient(server.url).post('/signup', {
        username: 'newcomer',
        password: 'long enough pw',
      });
      return { status: r.status, text: await r.text() };
    })(),
  ];
  for (const attempt of attempts) {
    assert.equal(attempt.status, 503, attempt.text.slice(0, 200));
    assert.match(attempt.text, UNAVAILABLE);
  }
  assert.ok(server.running, 'the server stays up instead of crashing (and being restarted in a loop)');
  assert.equal((await server.stop()).code, 0);
});

/**
 * Without root there is no small file system to fill, so SQLite is told the file may not grow
 * (max_page_count): it then fails writes with SQLITE_FULL exactly as on a full disk.
 */
async function fullDatabaseInProcess(t: TestContext) {
  const { app } = await build(t);
  await createUser(app, 'writer', 'correct horse battery');
  const writer = new Client(app);
  await writer.logIn('writer', 'correct horse battery');
  const discussionId = await writer.startDiscussion('Before the disk filled up');
  const pages = app.db.pragma('page_count', { simple: true }) as number;
  app.db.pragma(`max_page_count = ${pages}`);
  for (let i = 0; i < 10; i++) {
    const response = await writer.post(`/discuss/${discussionId}/comments`, {
      body: `${'x'.repeat(6000)} ${i}`,
    });
    assert.equal(response.statusCode, 503);
    assert.match(response.body, UNAVAILABLE);
  }
  app.db.pragma(`max_page_count = ${pages * 100}`);
  assert.equal(
    (await writer.post(`/discuss/${discussionId}/comments`, { body: 'Space is back.' })).statusCode,
    303,
  );
}
