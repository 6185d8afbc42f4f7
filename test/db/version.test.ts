import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { openDatabase } from '../../db/connection.ts';
import { databaseVersion, OTHER_WRITERS_POLL_MS, rememberUntilChanged } from '../../db/version.ts';

function twoConnections(t: TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'charcha-version-'));
  const path = join(dir, 'version.db');
  const ours = openDatabase(path);
  const theirs = openDatabase(path);
  ours.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
  t.after(() => {
    ours.close();
    theirs.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { ours, theirs };
}

test('the version changes with every write through this connection, and not with reads', (t) => {
  const { ours } = twoConnections(t);
  const version = databaseVersion(ours);
  const before = version();
  ours.prepare('SELECT count(*) FROM notes').get();
  assert.equal(version(), before, 'a read changes nothing');
  ours.prepare('INSERT INTO notes (text) VALUES (?)').run('one');
  const afterInsert = version();
  assert.notEqual(afterInsert, before);
  ours.prepare('UPDATE notes SET text = ?').run('two');
  assert.notEqual(version(), afterInsert);
});

test("another process's commit changes the version once the poll interval has passed", (t) => {
  const { ours, theirs } = twoConnections(t);
  let clock = 1_000_000;
  const version = databaseVersion(ours, () => clock);
  const before = version();
  theirs.prepare('INSERT INTO notes (text) VALUES (?)').run('from a script');
  clock += OTHER_WRITERS_POLL_MS - 1;
  assert.equal(version(), before, 'not looked for yet');
  clock += 1;
  assert.notEqual(version(), before, 'seen at the next poll');
});

test('a remembered read is answered again until the database changes, then read afresh', (t) => {
  const { ours } = twoConnections(t);
  const insert = ours.prepare('INSERT INTO notes (id, text) VALUES (?, ?)');
  insert.run(1, 'first');
  const select = ours.prepare('SELECT text FROM notes WHERE id = ?').pluck();
  let reads = 0;
  const textOf = rememberUntilChanged(databaseVersion(ours), (id: number) => {
    reads++;
    return select.get(id) as string | undefined;
  });
  assert.equal(textOf(1), 'first');
  assert.equal(textOf(1), 'first');
  assert.equal(textOf(2), undefined);
  assert.equal(textOf(2), undefined, 'a missing row is remembered too');
  assert.equal(reads, 2);
  insert.run(2, 'second');
  assert.equal(textOf(2), 'second');
  assert.equal(reads, 3);
});

test('a remembered read keeps at most its limit of answers', (t) => {
  const { ours } = twoConnections(t);
  let reads = 0;
  const double = rememberUntilChanged(
    databaseVersion(ours),
    (n: number) => {
      reads++;
      return n * 2;
    },
    3,
  );
  for (const n of [1, 2, 3]) double(n);
  double(1);
  assert.equal(reads, 3);
  double(4);
  double(1);
  assert.equal(reads, 5, 'the fourth key started the memo afresh');
});
