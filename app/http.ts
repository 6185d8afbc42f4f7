import type { FastifyReply, FastifyRequest } from 'fastify';

/** JSON for scripts (the outbox, API clients), HTML pages for people: decided by the Accept header. */
export function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** Where to send the person after a form post: back to a same-site path they came from, or a default. */
export function safeRedirectTarget(candidate: unknown, fallback: string): string {
  if (typeof candidate !== 'string' || !candidate.startsWith('/') || candidate.startsWith('//'))
    return fallback;
  if (candidate.includes('\\')) return fallback;
  return candidate;
}

/**
 * Answers a successful write: JSON clients get the result (marked when it is a
 * replay of an earlier delivery), people are redirected to what they wrote.
 */
export function sendWritten(
  request: FastifyRequest,
  reply: FastifyReply,
  written: { status: number; body: { url: string }; replayed: boolean },
) {
  if (written.replayed) reply.header('idempotent-replayed', 'true');
  if (wantsJson(request)) return reply.code(written.status).send(written.body);
  return reply.redirect(written.body.url, 303);
}
