import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';

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

declare module 'fastify' {
  interface FastifyInstance {
    rateLimits: RateLimits;
    /**
     * An onRequest hook for every route that writes. Per-route limits keep a
     * count per route; this one budget is shared by all of them.
     */
    writeLimit: onRequestHookHandler;
  }
}

/** The forum's rate limits, counted by @fastify/rate-limit (registered by the security plugin). */
export default fp<{ enabled: boolean }>(
  async (app, { enabled }) => {
    // RATE_LIMITS=off exists for load tests and e2e suites that are not about rate limiting.
    app.decorate('rateLimits', enabled ? (RATE_LIMITS as RateLimits) : RATE_LIMITS_OFF);
    const sharedWriteLimit = app.createRateLimit(WRITE_LIMIT);
    app.decorate('writeLimit', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!enabled) return;
      const limit = await sharedWriteLimit(request);
      if (limit.isAllowed || !limit.isExceeded) return;
      reply.header('retry-after', limit.ttlInSeconds);
      throw new RateLimitError(`Rate limit exceeded, retry in ${limit.ttlInSeconds} seconds`);
    });
  },
  { name: 'rate-limits', dependencies: ['security'] },
);
