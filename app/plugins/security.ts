import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { securityHeaders } from './security-headers.ts';

export interface SecurityOptions {
  secret: string;
  secureCookies: boolean;
  rateLimits: boolean;
}

/** A CSRF secret outlives the session on purpose: a comment queued offline must still be accepted days later. */
const CSRF_COOKIE_MAX_AGE_S = 365 * 24 * 3600;
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Per client address. Generous for people, tight for scripts. */
const RATE_LIMITS = {
  /** Guessing passwords: 10 tries a minute makes a dictionary attack take years. */
  login: { max: 10, timeWindow: '1 minute' },
  signup: { max: 5, timeWindow: '1 hour' },
} as const;
/** Posting, commenting, voting, editing and deleting, counted together: a fast human stays far below this. */
const WRITE_LIMIT = { max: 60, timeWindow: '1 minute' } as const;
type RateLimitPolicy = keyof typeof RATE_LIMITS;
type RateLimits = Record<RateLimitPolicy, { max: number; timeWindow: string } | false>;
const RATE_LIMITS_OFF: RateLimits = { login: false, signup: false };

export class RateLimitError extends Error {
  readonly statusCode = 429;
}

/** Remembering one token per CSRF secret keeps a person's pages byte-identical, so ETags can answer 304. */
const TOKEN_MEMO_LIMIT = 10_000;

declare module 'fastify' {
  interface FastifyInstance {
    rateLimits: RateLimits;
    /**
     * An onRequest hook for every route that writes. Per-route limits keep a
     * count per route; this one budget is shared by all of them.
     */
    writeLimit: onRequestHookHandler;
  }
  interface FastifyReply {
    /** The CSRF token for this browser's secret, creating the secret cookie on first use. */
    csrfToken(): string;
  }
}

export class ForeignOriginError extends Error {
  readonly statusCode = 403;
  readonly code = 'CHARCHA_FOREIGN_ORIGIN';
}

/**
 * Browsers send Origin on every cross-site POST; when it names another site the
 * request is refused before the token is even looked at (defence in depth).
 */
function isForeignOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  if (origin === 'null') return true;
  try {
    return new URL(origin).host !== request.host;
  } catch {
    return true;
  }
}

export default fp<SecurityOptions>(
  async (app, options) => {
    await app.register(fastifyCookie, { secret: options.secret });
    await app.register(fastifyFormbody);
    const headers = await securityHeaders();
    app.addHook('onSend', (_request, reply, payload, done) => {
      // A 304 makes the browser reuse its stored response, whose security headers stay in force
      // (RFC 9111 §4.3.4); repeating them would be 600 bytes and most of the header work of
      // every revalidation.
      if (reply.statusCode !== 304) {
        const isDocument = String(reply.getHeader('content-type')).startsWith('text/html');
        reply.headers(isDocument ? headers.document : headers.resource);
      }
      done(null, payload);
    });
    await app.register(fastifyRateLimit, { global: false });
    // RATE_LIMITS=off exists for load tests and e2e suites that are not about rate limiting.
    app.decorate('rateLimits', options.rateLimits ? (RATE_LIMITS as RateLimits) : RATE_LIMITS_OFF);
    const sharedWriteLimit = app.createRateLimit(WRITE_LIMIT);
    app.decorate('writeLimit', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!options.rateLimits) return;
      const limit = await sharedWriteLimit(request);
      if (limit.isAllowed || !limit.isExceeded) return;
      reply.header('retry-after', limit.ttlInSeconds);
      throw new RateLimitError(`Rate limit exceeded, retry in ${limit.ttlInSeconds} seconds`);
    });
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

    const tokens = new Map<string, string>();
    app.decorateReply('csrfToken', function (this: FastifyReply) {
      const secretCookie = this.request.cookies._csrf;
      const known = secretCookie ? tokens.get(secretCookie) : undefined;
      if (known) return known;
      const token = this.generateCsrf();
      if (secretCookie) {
        if (tokens.size >= TOKEN_MEMO_LIMIT) tokens.clear();
        tokens.set(secretCookie, token);
      }
      return token;
    });

    app.addHook('preValidation', (request: FastifyRequest, reply: FastifyReply, done) => {
      if (!STATE_CHANGING.has(request.method)) return done();
      if (isForeignOrigin(request)) return done(new ForeignOriginError('Cross-site request refused'));
      app.csrfProtection(request, reply, done);
    });
  },
  { name: 'security' },
);
