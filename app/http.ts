import type { FastifyRequest } from 'fastify';

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
