import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { SessionUser } from '../../db/queries/sessions.ts';
import { SESSION_TTL_MS } from '../domain/limits.ts';

export const SESSION_COOKIE = 'sid';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
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
 * so a copied cookie is worthless afterwards.
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

    app.decorateRequest('user', null);
    app.addHook('onRequest', async (request: FastifyRequest) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) request.user = app.repos.sessions.findUser(hashToken(token), Date.now()) ?? null;
    });

    app.decorateReply('startSession', function (this: FastifyReply, userId: number) {
      const previous = this.request.cookies[SESSION_COOKIE];
      if (previous) app.repos.sessions.delete(hashToken(previous));
      const token = randomBytes(32).toString('base64url');
      const now = Date.now();
      app.repos.sessions.create(hashToken(token), userId, now, now + SESSION_TTL_MS);
      this.setCookie(SESSION_COOKIE, token, cookieOptions);
    });

    app.decorateReply('endSession', function (this: FastifyReply) {
      const token = this.request.cookies[SESSION_COOKIE];
      if (token) app.repos.sessions.delete(hashToken(token));
      this.clearCookie(SESSION_COOKIE, { path: '/' });
    });

    // Housekeeping must not take the server down on a full disk; the next hour tries again.
    const purge = setInterval(
      () => {
        try {
          app.repos.sessions.deleteExpired(Date.now());
        } catch (err) {
          app.log.warn({ err }, 'could not purge expired sessions');
        }
      },
      60 * 60 * 1000,
    );
    purge.unref();
    app.addHook('onClose', async () => clearInterval(purge));
  },
  { name: 'session', dependencies: ['db'] },
);
