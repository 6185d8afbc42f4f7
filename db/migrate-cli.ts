/** `npm run migrate`: applies pending migrations to DATABASE_PATH (default data/charcha.db) and says which. */
import { openDatabase } from './connection.ts';
import { MigrationError, migrate } from './migrate.ts';

const path = process.env.DATABASE_PATH || 'data/charcha.db';
const db = openDatabase(path);
try {
  const applied = migrate(db);
  console.log(applied.length === 0 ? `${path} is up to date.` : `Applied to ${path}: ${applied.join(', ')}`);
} catch (error) {
  console.error(
    error instanceof MigrationError ? error.message : `Migration failed: ${(error as Error).message}`,
  );
  process.exitCode = 1;
} finally {
  db.close();
}
