import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Remembering one token per CSRF secret keeps a person's pages byte-identical, so ETags can answer 304. */
const TOKEN_MEMO_LIMIT = 10_000;

declare module 'fastify' {
  interface FastifyReply {
    /** The CSRF token for this browser's secret, creating the secret cookie on first use. */
    csrfToken(): string;
    /**
     * Gives the browser a new CSRF secret: at login and logout, so that a secret someone else
     * knew (planted before the login, or read on a shared computer) does not carry over.
     */
    renewCsrfSecret(): void;
  }
}

export class ForeignOriginError extends Error {
  readonly statusCode = 403;
  readonly code = 'CHARCHA_FOREIGN_ORIGIN';
}

/**
 * Browsers send Origin on every cross-site POST; when it names another site the
 * request is refused before the token is even looked at (defence in depth).
 * In production the site is PUBLIC_ORIGIN (required there): behind some proxies the Host a
 * request arrives with is whatever the client claimed, so it cannot say which site is ours.
 * Elsewhere PUBLIC_ORIGIN defaults to the listening address, and a developer may reach the
 * same server by another name (localhost for 127.0.0.1), so the request's Host also counts.
 */
function isForeignOrigin(request: FastifyRequest, publicOrigin: string, production: boolean): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  if (origin === 'null') return true;
  try {
    const url = new URL(origin);
    if (url.origin === publicOrigin) return false;
    return production || url.host !== request.host;
  } catch {
    return true;
  }
}

/**
 * Our defences against cross-site request forgery: every request that changes state must come
 * from this site's Origin (when the browser names one) and carry the CSRF token of its secret
 * cookie. @fastify/csrf-protection (set up by the security plugin) makes and checks the tokens.
 */
export default fp(
  async (app) => {
    // Keyed by a digest of the cookie: whatever length a client sends, an entry stays small.
    const tokens = new Map<string, string>();
    app.decorateReply('csrfToken', function (this: FastifyReply) {
      const secretCookie = this.request.cookies._csrf;
      const memoKey = secretCookie
        ? createHash('sha256').update(secretCookie).digest('base64url')
        : undefined;
      const known = memoKey ? tokens.get(memoKey) : undefined;
      if (known) return known;
      const token = this.generateCsrf();
      if (memoKey) {
        if (tokens.size >= TOKEN_MEMO_LIMIT) tokens.clear();
        tokens.set(memoKey, token);
      }
      return token;
    });

    app.decorateReply('renewCsrfSecret', function (this: FastifyReply) {
      // generateCsrf makes a secret, and sets its cookie, only for a request that brought none.
      delete this.request.cookies._csrf;
      this.generateCsrf();
    });

    app.addHook('preValidation', (request: FastifyRequest, reply: FastifyReply, done) => {
      if (!STATE_CHANGING.has(request.method)) return done();
      if (isForeignOrigin(request, app.config.publicOrigin, app.config.production))
        return done(new ForeignOriginError('Cross-site request refused'));
      app.csrfProtection(request, reply, done);
    });
  },
  { name: 'cross-site', dependencies: ['security'] },
);
