import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { MIGRATIONS_DIR } from '../../../db/migrate.ts';
import type { Ack } from './writers.ts';

/**
 * Opens the server's database file beside it (WAL lets a reader in while it runs) and
 * checks what the stress tests promise: the file is sound, every migration is recorded
 * exactly once, and every acknowledged write is there with the text that was sent.
 */
export function checkDatabase(path: string, acks: readonly Ack[]): { comments: number; posts: number } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', 'integrity_check');
    assert.deepEqual(db.pragma('foreign_key_check'), [], 'foreign_key_check');
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((name) => /^\d+_[\w-]+\.sql$/.test(name))
      .sort();
    const recorded = db.prepare('SELECT name FROM schema_migrations ORDER BY version').pluck().all();
    assert.deepEqual(recorded, files, 'schema_migrations must list every migration once');
    const comment = db.prepare('SELECT body_md FROM comments WHERE id = ?').pluck();
    const post = db.prepare('SELECT title FROM posts WHERE id = ?').pluck();
    const missing = acks.filter((ack) => (ack.kind === 'comment' ? comment : post).get(ack.id) !== ack.text);
    assert.deepEqual(
      missing.slice(0, 5),
      [],
      `${missing.length} of ${acks.length} acknowledged writes are missing`,
    );
    return {
      comments: db.prepare('SELECT count(*) FROM comments').pluck().get() as number,
      posts: db.prepare('SELECT count(*) FROM posts').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}
