import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionUser } from '../../db/repositories/sessions.ts';
import { sendError } from '../plugins/errors.ts';

/**
 * Returns the logged-in user, or answers the request itself (401 with a way to
 * log in) and returns null. Handlers stop when it returns null.
 */
export async function requireUser(request: FastifyRequest, reply: FastifyReply): Promise<SessionUser | null> {
  if (request.user) return request.user;
  if (request.method === 'GET') {
    await reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  } else {
    await sendError(request, reply, 401, 'Your session has ended. Log in again, then resend what you wrote.');
  }
  return null;
}

export function forbid(request: FastifyRequest, reply: FastifyReply, message: string) {
  return sendError(request, reply, 403, message);
}

export function notFound(request: FastifyRequest, reply: FastifyReply, what = 'discussion') {
  return sendError(request, reply, 404, `That ${what} does not exist, or it was deleted.`);
}
