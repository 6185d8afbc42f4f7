import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { seedBulk, seedDemo } from '../../db/seed.ts';

/** The same PRNG seed everywhere, so a 100-comment thread has the same shape in every database. */
const THREAD_SEED = 0x7e57;

export interface BenchDirectory {
  dir: string;
  databasePath: string;
  remove(): void;
}

/** Directories not removed yet, so that Ctrl-C (which skips `finally`) still leaves nothing behind. */
const leftBehind = new Set<string>();
process.on('exit', () => {
  for (const dir of leftBehind) rmSync(dir, { recursive: true, force: true });
});

export function makeBenchDirectory(label: string): BenchDirectory {
  const dir = mkdtempSync(join(tmpdir(), `charcha-bench-${label}-`));
  leftBehind.add(dir);
  return {
    dir,
    databasePath: join(dir, 'charcha.db'),
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
      leftBehind.delete(dir);
    },
  };
}

export function withDatabase<T>(path: string, work: (db: Db) => T): T {
  const db = openDatabase(path);
  try {
    migrate(db);
    return work(db);
  } finally {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
}

export interface SeededThread {
  id: number;
  comments: number;
  maxDepth: number;
}

/** Appends one discussion with exactly `comments` nested comments, built by the bulk seeder. */
export function addThread(db: Db, comments: number): SeededThread {
  seedBulk(db, { posts: 1, comments, users: 3, seed: THREAD_SEED });
  const id = Number(db.prepare('SELECT max(id) FROM posts').pluck().get());
  const stats = db
    .prepare(
      'SELECT count(*) AS comments, coalesce(max(depth), 0) AS maxDepth FROM comments WHERE post_id = ?',
    )
    .get(id) as { comments: number; maxDepth: number };
  if (stats.comments !== comments) {
    throw new Error(`thread ${id} has ${stats.comments} comments, expected ${comments}`);
  }
  return { id, ...stats };
}

export function addEmptyThreads(db: Db, count: number): number[] {
  const before = Number(db.prepare('SELECT coalesce(max(id), 0) FROM posts').pluck().get());
  seedBulk(db, { posts: count, comments: 0, users: 1 });
  return db
    .prepare('SELECT id FROM posts WHERE id > ? ORDER BY id')
    .pluck()
    .all(before)
    .map((id) => Number(id));
}

/** The demo forum (as `SEED=demo` would build it) plus a dedicated thread of 1 post and 100 comments. */
export async function seedDemoWithThread(path: string): Promise<SeededThread> {
  const db = openDatabase(path);
  try {
    migrate(db);
    await seedDemo(db);
    return addThread(db, 100);
  } finally {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
}
