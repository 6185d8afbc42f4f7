import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { SessionUser } from '../../db/repositories/sessions.ts';
import { rememberUntilChanged } from '../../db/version.ts';
import { SESSION_TTL_MS } from '../domain/limits.ts';
import { everyHour } from './housekeeping.ts';

export const SESSION_COOKIE = 'sid';

/** Methods that only read: they may be answered with a session remembered by recentLookUp. */
const SAFE_METHODS = new Set(['GET', 'HEAD']);

declare module 'fastify' {
  interface FastifyRequest {
    user: Readonly<SessionUser> | null;
  }
  interface FastifyReply {
    startSession(userId: number): void;
    endSession(): void;
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * Server-side sessions: the cookie holds a random token, the database its hash.
 * Every login issues a new token (no session fixation); logout deletes the row,
 * so a copied cookie is worthless afterwards. Both give the browser a new CSRF secret too.
 */
export default fp(
  async (app, { secureCookies }: { secureCookies: boolean }) => {
    const cookieOptions = {
      path: '/',
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: secureCookies,
      maxAge: SESSION_TTL_MS / 1000,
    };

    const lookUp = (token: string) => app.repositories.sessions.find(hashToken(token));
    /**
     * Reading a page asks a memo of recent sessions rather than the database: the lookup (a
     * SHA-256, a join and two lock syscalls) was a large share of a logged-in page view's server
     * time. The memo forgets everything when the database version changes, so a logout, a new
     * login or a vote that changes karma through this server is seen by the next request, and a
     * session deleted by another process within OTHER_WRITERS_POLL_MS (db/version.ts). Requests
     * that change something never use it: who may write is always asked of the database.
     */
    const recentLookUp = rememberUntilChanged(app.repositories.version, lookUp);

    app.decorateRequest('user', null);
    app.addHook('onRequest', (request: FastifyRequest, _reply, done) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const session = SAFE_METHODS.has(request.method) ? recentLookUp(token) : lookUp(token);
        request.user = session !== undefined && session.expiresAt > Date.now() ? session.user : null;
      }
      done();
    });

    app.decorateReply('startSession', function (this: FastifyReply, userId: number) {
      const previous = this.request.cookies[SESSION_COOKIE];
      if (previous) app.repositories.sessions.delete(hashToken(previous));
      const token = randomBytes(32).toString('base64url');
      const now = Date.now();
      app.repositories.sessions.create(hashToken(token), userId, now, now + SESSION_TTL_MS);
      this.setCookie(SESSION_COOKIE, token, cookieOptions);
      this.renewCsrfSecret();
    });

    app.decorateReply('endSession', function (this: FastifyReply) {
      const token = this.request.cookies[SESSION_COOKIE];
      if (token) app.repositories.sessions.delete(hashToken(token));
      this.clearCookie(SESSION_COOKIE, { path: '/' });
      this.renewCsrfSecret();
    });

    everyHour(app, 'purge expired sessions', () => app.repositories.sessions.deleteExpired(Date.now()));
  },
  { name: 'session', dependencies: ['db', 'cross-site'] },
);
