import fp from 'fastify-plugin';
import { type Db, openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { createRepositories, type Repositories } from '../../db/repositories/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    repositories: Repositories;
  }
}

export interface DbPluginOptions {
  databasePath: string;
  seed: 'demo' | 'none';
}

/** Opens the one connection, brings the schema up to date, and fills a brand-new database with the demo forum. */
export default fp<DbPluginOptions>(
  async (app, { databasePath, seed }) => {
    const db = openDatabase(databasePath);
    app.addHook('onClose', async () => {
      db.close();
    });
    const applied = migrate(db);
    if (applied.length > 0) app.log.info({ applied }, 'migrations applied');
    const repositories = createRepositories(db);
    if (
      seed === 'demo' &&
      repositories.discussions.countLive() === 0 &&
      repositories.users.findById(1) === undefined
    ) {
      // Imported only when it is about to run: the demo forum's text is large, and a database
      // that already has data (or SEED=none) never needs it.
      const { seedDemo } = await import('../../db/seed/demo.ts');
      await seedDemo(db);
      app.log.info('empty database filled with the demo forum');
    }
    app.decorate('db', db);
    app.decorate('repositories', repositories);
  },
  { name: 'db' },
);
