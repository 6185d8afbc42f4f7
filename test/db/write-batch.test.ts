import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { openDatabase } from '../../db/connection.ts';
import { writeBatch } from '../../db/write-batch.ts';

function database(t: TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'charcha-batch-'));
  const db = openDatabase(join(dir, 'test.db'));
  t.after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  db.exec(`CREATE TABLE parents (id INTEGER PRIMARY KEY);
    CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parents(id));
    INSERT INTO parents (id) VALUES (1);`);
  const add = db.prepare('INSERT INTO children (id, parent_id) VALUES (?, ?)');
  const children = () => db.prepare('SELECT id FROM children ORDER BY id').pluck().all();
  return { db, add, children };
}

test('writes that arrive together are committed together, each resolved with its own result', async (t) => {
  const { add, children, db } = database(t);
  const batch = writeBatch(db);
  const results = await Promise.all([1, 2, 3].map((id) => batch(() => add.run(id, 1).changes * id)));
  assert.deepEqual(results, [1, 2, 3]);
  assert.deepEqual(children(), [1, 2, 3]);
  assert.equal(db.inTransaction, false);
});

test('a write that fails is rolled back alone; the others of its batch are committed', async (t) => {
  const { add, children, db } = database(t);
  const batch = writeBatch(db);
  const outcomes = await Promise.allSettled([
    batch(() => add.run(1, 1)),
    batch(() => {
      add.run(2, 1);
      throw new Error('refused half-way');
    }),
    batch(() => add.run(3, 1)),
  ]);
  assert.deepEqual(
    outcomes.map((outcome) => outcome.status),
    ['fulfilled', 'rejected', 'fulfilled'],
  );
  assert.deepEqual(children(), [1, 3], 'the failed write left nothing behind');
});

test('when the commit fails, every write of the batch fails and none is kept: they shared it', async (t) => {
  const { add, children, db } = database(t);
  const batch = writeBatch(db);
  // A deferred foreign key is checked at COMMIT: the first write makes the batch's commit fail.
  const outcomes = await Promise.allSettled([
    batch(() => {
      db.pragma('defer_foreign_keys = ON');
      add.run(1, 99);
    }),
    batch(() => add.run(2, 1)),
  ]);
  assert.deepEqual(
    outcomes.map((outcome) => outcome.status),
    ['rejected', 'rejected'],
  );
  assert.deepEqual(children(), []);
  assert.equal(db.inTransaction, false);
  await batch(() => add.run(3, 1));
  assert.deepEqual(children(), [3], 'the next batch commits');
});

test('the work before the commit runs once a batch, after its writes; when it fails, none is kept', async (t) => {
  const { add, children, db } = database(t);
  const seen: unknown[][] = [];
  let failing = false;
  const batch = writeBatch(db, () => {
    seen.push(children());
    if (failing) throw new Error('indexing failed');
  });
  await Promise.all([1, 2, 3].map((id) => batch(() => add.run(id, 1))));
  assert.deepEqual(seen, [[1, 2, 3]], 'once, seeing every write of the batch');

  failing = true;
  const outcomes = await Promise.allSettled([4, 5].map((id) => batch(() => add.run(id, 1))));
  assert.deepEqual(
    outcomes.map((outcome) => outcome.status),
    ['rejected', 'rejected'],
  );
  assert.deepEqual(children(), [1, 2, 3]);
  assert.equal(db.inTransaction, false);
});
