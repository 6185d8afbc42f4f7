import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { type Config, MAX_BODY_BYTES } from './config.ts';
import { capConnections, connectionOptions } from './connections.ts';
import { CONNECTION_DEFAULTS } from './network-config.ts';
import assetsPlugin from './plugins/assets.ts';
import closingPlugin from './plugins/closing.ts';
import crossSitePlugin from './plugins/cross-site.ts';
import dbPlugin from './plugins/db.ts';
import errorsPlugin, { refuseMalformedUrl } from './plugins/errors.ts';
import finiteNumbersPlugin from './plugins/finite-numbers.ts';
import idempotencyPlugin from './plugins/idempotency.ts';
import lingeringClosePlugin from './plugins/lingering-close.ts';
import pageCachePlugin from './plugins/page-cache.ts';
import pushDeliveryPlugin from './plugins/push-delivery.ts';
import rateLimitsPlugin from './plugins/rate-limits.ts';
import revalidationPlugin from './plugins/revalidation.ts';
import securityPlugin from './plugins/security.ts';
import sessionPlugin from './plugins/session.ts';
import viewsPlugin from './plugins/views.ts';
import authRoutes from './routes/auth.ts';
import commentRoutes from './routes/comments.ts';
import discussionRoutes from './routes/discussions.ts';
import feedRoutes from './routes/feeds.ts';
import followRoutes from './routes/follows.ts';
import healthRoutes from './routes/health.ts';
import homeRoutes from './routes/home.ts';
import notificationRoutes from './routes/notifications.ts';
import offlineRoutes from './routes/offline.ts';
import profileRoutes from './routes/profile.ts';
import pushRoutes from './routes/push.ts';
import searchRoutes from './routes/search.ts';
import serviceWorkerRoutes from './routes/serviceworker.ts';
import voteRoutes from './routes/votes.ts';

export type AppConfig = Pick<
  Config,
  | 'databasePath'
  | 'sessionSecret'
  | 'production'
  | 'seed'
  | 'networkTimeoutMs'
  | 'rateLimits'
  | 'pageCacheMaxEntries'
  | 'pageCacheMaxAgeS'
  | 'readAheadDiscussions'
  | 'readAheadBudgetKb'
  | 'renderCacheMb'
> &
  Partial<Pick<Config, 'publicOrigin' | 'trustProxy' | 'connections' | 'vapid' | 'pushTestEndpoints'>>;

/** Where inject() addresses its requests: the public origin of an app built without one, as tests build it. */
const INJECT_ORIGIN = 'http://localhost';

/** Builds the whole application without listening, so tests can drive it with inject(). */
export async function buildApp(config: AppConfig, logger: FastifyServerOptions['logger'] = false) {
  const connections = config.connections ?? CONNECTION_DEFAULTS;
  const app = Fastify({
    logger,
    bodyLimit: MAX_BODY_BYTES,
    frameworkErrors: refuseMalformedUrl,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: true, allErrors: false } },
    trustProxy: config.trustProxy ?? false,
    ...connectionOptions(connections),
  }).withTypeProvider<TypeBoxTypeProvider>();
  capConnections(app.server, connections);

  app.decorate('config', { ...config, publicOrigin: config.publicOrigin ?? INJECT_ORIGIN });
  await app.register(lingeringClosePlugin);
  await app.register(finiteNumbersPlugin);
  await app.register(dbPlugin, { databasePath: config.databasePath, seed: config.seed });
  await app.register(securityPlugin, { secret: config.sessionSecret, secureCookies: config.production });
  await app.register(closingPlugin);
  await app.register(rateLimitsPlugin, { enabled: config.rateLimits });
  await app.register(crossSitePlugin);
  await app.register(sessionPlugin, { secureCookies: config.production });
  await app.register(idempotencyPlugin);
  await app.register(assetsPlugin);
  await app.register(viewsPlugin);
  await app.register(errorsPlugin);
  await app.register(pageCachePlugin);
  await app.register(revalidationPlugin);
  await app.register(pushDeliveryPlugin, { vapid: config.vapid, testEndpoints: config.pushTestEndpoints });

  await app.register(healthRoutes);
  await app.register(homeRoutes);
  await app.register(discussionRoutes);
  await app.register(commentRoutes);
  await app.register(voteRoutes);
  await app.register(followRoutes);
  await app.register(notificationRoutes);
  await app.register(pushRoutes);
  await app.register(authRoutes);
  await app.register(profileRoutes);
  await app.register(searchRoutes);
  await app.register(feedRoutes);
  await app.register(offlineRoutes);
  await app.register(serviceWorkerRoutes);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig & { publicOrigin: string };
  }
}
