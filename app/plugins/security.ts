import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { type SecurityHeaders, securityHeaders } from './security-headers.ts';

export interface SecurityOptions {
  secret: string;
  secureCookies: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The headers every response carries, for the answers that bypass the onSend hook below. */
    securityHeaders: SecurityHeaders;
  }
}

/**
 * A CSRF secret outlives the session on purpose: a comment queued offline must still be accepted days
 * later. It changes when someone logs in or out (session.ts), so it never carries over to another person.
 */
const CSRF_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

/**
 * The third-party security machinery, set up once: signed cookies, form bodies, helmet's headers,
 * @fastify/rate-limit and @fastify/csrf-protection. What the forum decides with them (which
 * requests are checked, which limits apply) is in cross-site.ts and rate-limits.ts.
 */
export default fp<SecurityOptions>(
  async (app, options) => {
    await app.register(fastifyCookie, { secret: options.secret });
    await app.register(fastifyFormbody);
    const headers = await securityHeaders();
    app.decorate('securityHeaders', headers);
    app.addHook('onSend', (_request, reply, payload, done) => {
      // A 304 makes the browser reuse its stored response, whose security headers stay in force
      // (RFC 9111 §4.3.4); repeating them would add bytes and header work to every revalidation.
      if (reply.statusCode !== 304) {
        const isDocument = String(reply.getHeader('content-type')).startsWith('text/html');
        reply.headers(isDocument ? headers.document : headers.resource);
      }
      done(null, payload);
    });
    // Not global: only the routes that name a limit, and the shared write limit, count requests.
    // Counted per client address: request.ip, which behind a proxy is the client only when
    // TRUST_PROXY names that proxy (otherwise every client shares the proxy's address).
    await app.register(fastifyRateLimit, { global: false, keyGenerator: (request) => request.ip });
    await app.register(fastifyCsrf, {
      sessionPlugin: '@fastify/cookie',
      cookieOpts: {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        signed: true,
        secure: options.secureCookies,
        maxAge: CSRF_COOKIE_MAX_AGE_S,
      },
    });
  },
  { name: 'security' },
);
