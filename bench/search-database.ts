// The search benchmark's database: the bulk forum (English) plus bilingual discussions, built
// with the migrations before search, so that migration 004 can then be timed as it runs on an
// existing forum.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/connection.ts';
import { MIGRATIONS_DIR, migrate } from '../db/migrate.ts';
import { indexingTransaction } from '../db/search-changes.ts';
import { seedBulk } from '../db/seed.ts';
import { bilingualForum } from '../test/db/search-corpus.ts';
import type { BenchDirectory } from './support/database.ts';
import { formatInt } from './support/table.ts';

const SEARCH_MIGRATION = '004_search.sql';
/** Comments written one transaction each, as the app writes them, to time the triggers' cost. */
const TIMED_WRITES = 2_000;

export interface ForumSize {
  posts: number;
  comments: number;
  /** Bilingual discussions (with a few comments each) added to the bulk forum. */
  bilingual: number;
}

export interface SearchBuild {
  documents: number;
  buildSeconds: number;
  /** Migration 008: the same index made again with prefix indexes (and the small migrations between). */
  prefixSeconds: number;
  /** The index as migration 004 leaves it, without prefix indexes. */
  indexBytesWithoutPrefixes: number;
  indexBytes: number;
  tableBytes: number;
  fileBytesBefore: number;
  fileBytesAfter: number;
  /** Comments per second, one transaction each, without and with the index. */
  writesWithout: number;
  writesWith: number;
}

/** Bytes per table or index (b-tree name), from SQLite's dbstat. */
function bytesByName(db: Db): Map<string, number> {
  const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as {
    name: string;
    bytes: number;
  }[];
  return new Map(rows.map((row) => [row.name, row.bytes]));
}

const indexBytesOf = (bytes: Map<string, number>) =>
  [...bytes]
    .filter(([name]) => name.startsWith('search_index'))
    .reduce((total, [, value]) => total + value, 0);

const fileBytes = (db: Db) =>
  Number(db.pragma('page_count', { simple: true })) * Number(db.pragma('page_size', { simple: true }));

function addBilingual(db: Db, discussions: number): void {
  const authorId = Number(db.prepare('SELECT min(id) FROM users').pluck().get());
  const post = db.prepare(`INSERT INTO posts (author_id, title, body_md, body_html, comment_count, created_at)
    VALUES (?, ?, ?, '', ?, ?)`);
  const comment = db.prepare(`INSERT INTO comments (post_id, author_id, body_md, body_html, created_at)
    VALUES (?, ?, ?, '', ?)`);
  const now = Date.now();
  indexingTransaction(db)(() => {
    for (const [i, document] of bilingualForum(discussions).entries()) {
      const id = Number(
        post.run(authorId, document.title, document.body, document.comments.length, now - i).lastInsertRowid,
      );
      for (const body of document.comments) comment.run(id, authorId, body, now - i);
    }
  })();
}

function commentsPerSecond(db: Db): number {
  const postId = Number(db.prepare('SELECT max(id) FROM posts').pluck().get());
  const authorId = Number(db.prepare('SELECT min(id) FROM users').pluck().get());
  const insert = db.prepare(`INSERT INTO comments (post_id, author_id, body_md, body_html, created_at)
    VALUES (?, ?, ?, '', ?)`);
  // Each indexed in its own transaction, as the app indexes a comment written alone.
  const write = indexingTransaction(db)((body: string) => insert.run(postId, authorId, body, Date.now()));
  const started = performance.now();
  for (let i = 0; i < TIMED_WRITES; i++) write(`Timed comment ${i}: the timeout is the important part.`);
  return TIMED_WRITES / ((performance.now() - started) / 1000);
}

export function buildSearchDatabase(
  db: Db,
  directory: BenchDirectory,
  size: ForumSize,
  log: (line: string) => void,
): SearchBuild {
  // The migrations before search, then those up to search: 004 is timed alone.
  const [before, upToSearch] = ['before-search', 'up-to-search'].map((name) => {
    const dir = join(directory.dir, name);
    mkdirSync(dir);
    return dir;
  }) as [string, string];
  for (const name of readdirSync(MIGRATIONS_DIR).filter((file) => file.endsWith('.sql'))) {
    if (name < SEARCH_MIGRATION) copyFileSync(join(MIGRATIONS_DIR, name), join(before, name));
    if (name <= SEARCH_MIGRATION) copyFileSync(join(MIGRATIONS_DIR, name), join(upToSearch, name));
  }
  migrate(db, before);
  log(`search: seeding ${formatInt(size.posts)} discussions and ${formatInt(size.comments)} comments`);
  seedBulk(db, { posts: size.posts, comments: size.comments });
  addBilingual(db, size.bilingual);
  db.pragma('optimize');
  const writesWithout = commentsPerSecond(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const fileBytesBefore = fileBytes(db);

  log('search: applying migration 004 (building the index)');
  const started = performance.now();
  const applied = migrate(db, upToSearch);
  const buildSeconds = (performance.now() - started) / 1000;
  if (!applied.includes(SEARCH_MIGRATION)) throw new Error(`${SEARCH_MIGRATION} was not applied`);
  const indexBytesWithoutPrefixes = indexBytesOf(bytesByName(db));
  log('search: applying the later migrations (008 makes the index again, with prefix indexes)');
  const prefixStarted = performance.now();
  migrate(db);
  const prefixSeconds = (performance.now() - prefixStarted) / 1000;
  const writesWith = commentsPerSecond(db);
  db.pragma('wal_checkpoint(TRUNCATE)');

  const bytes = bytesByName(db);
  const sum = (names: (name: string) => boolean) =>
    [...bytes].filter(([name]) => names(name)).reduce((total, [, value]) => total + value, 0);
  return {
    documents: Number(db.prepare('SELECT count(*) FROM search_index').pluck().get()),
    buildSeconds,
    prefixSeconds,
    indexBytesWithoutPrefixes,
    indexBytes: indexBytesOf(bytes),
    tableBytes: sum((name) => name === 'posts' || name === 'comments'),
    fileBytesBefore,
    fileBytesAfter: fileBytes(db),
    writesWithout,
    writesWith,
  };
}
