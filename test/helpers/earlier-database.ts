import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { openDatabase } from '../../db/connection.ts';
import { MIGRATIONS_DIR, migrate } from '../../db/migrate.ts';

/**
 * A database as a forum that ran before migration `firstLeftOut` has it (every migration whose
 * file name sorts before it applied), for tests of what a later migration does to existing data.
 * Removed when the test ends.
 */
export function earlierDatabase(t: TestContext, firstLeftOut: string) {
  const dir = mkdtempSync(join(tmpdir(), 'charcha-migration-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const earlier = join(dir, 'earlier');
  mkdirSync(earlier);
  for (const name of readdirSync(MIGRATIONS_DIR).filter((file) => file < firstLeftOut))
    copyFileSync(join(MIGRATIONS_DIR, name), join(earlier, name));
  const db = openDatabase(join(dir, 'forum.db'));
  t.after(() => db.close());
  migrate(db, earlier);
  return db;
}
