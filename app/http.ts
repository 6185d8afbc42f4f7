import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deleted, ErrorBody } from './domain/json-shapes.ts';

/**
 * How the server answers, in one place: JSON for scripts (the outbox, API clients), pages and
 * redirects for people. Routes, their guards and the error handler all answer through these, so a
 * refusal reads the same wherever it happens. Each returns the reply (or a promise of it): a
 * preHandler that awaits one has sent its answer before the route's handler could run.
 */

/** JSON for scripts, HTML pages for people: decided by the Accept header. */
export function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** Any origin that cannot be real: `next` is resolved against it and must not leave it. */
const PROBE_ORIGIN = 'http://redirect-target.invalid';
/** Longer than any address the forum links to; a longer `next` is ignored rather than refused. */
const MAX_REDIRECT_TARGET_LENGTH = 2000;
/**
 * What browsers drop or rewrite while parsing a URL (tab, CR, LF, other controls, backslash):
 * "/\t/evil.example" reaches the browser as "//evil.example", another site.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const REWRITTEN_BY_BROWSERS = /[\u0000-\u001f\u007f\\]/;

/**
 * Where to send the person after a form post: back to a same-site path they came from, or
 * `fallback`. The candidate is parsed as a browser parses a Location (WHATWG URL) and kept only
 * when it stays on this origin, also once its path's escapes are decoded. What is kept is the URL's
 * own serialization: percent-encoded ASCII, so "/discuss/1?q=हिंदी" is a valid header value.
 */
export function safeRedirectTarget(candidate: unknown, fallback: string): string {
  if (typeof candidate !== 'string' || candidate.length > MAX_REDIRECT_TARGET_LENGTH) return fallback;
  if (!candidate.startsWith('/') || REWRITTEN_BY_BROWSERS.test(candidate)) return fallback;
  if (!URL.canParse(candidate, PROBE_ORIGIN)) return fallback;
  const url = new URL(candidate, PROBE_ORIGIN);
  if (url.origin !== PROBE_ORIGIN) return fallback;
  // "/.//evil.example" serializes as "//evil.example": a path must not begin like an authority.
  if (!isPlainPath(url.pathname)) return fallback;
  return url.pathname + url.search + url.hash;
}

/** A path that still names this site once its escapes are decoded, as some proxies and routers do. */
function isPlainPath(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  return !decoded.startsWith('//') && !REWRITTEN_BY_BROWSERS.test(decoded);
}

/** A failure, as `{error}` for scripts or as the error page for people. */
export async function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  statusCode: number,
  message: string,
) {
  if (wantsJson(request) || reply.sent)
    return reply.code(statusCode).send({ error: message } satisfies ErrorBody);
  return reply.page('error', { title: `Error ${statusCode}`, statusCode, message }, statusCode);
}

export function forbid(request: FastifyRequest, reply: FastifyReply, message: string) {
  return sendError(request, reply, 403, message);
}

export function notFound(request: FastifyRequest, reply: FastifyReply, what = 'discussion') {
  return sendError(request, reply, 404, `That ${what} does not exist, or it was deleted.`);
}

/**
 * A form the server would not take: scripts get `{error}`, people get the form again with the
 * message and what they typed (`page.values`), and nothing is written.
 */
export function refuseForm(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: string,
  form: { template: string; page: Record<string, unknown>; statusCode?: number },
) {
  const { template, page, statusCode = 400 } = form;
  if (wantsJson(request)) return reply.code(statusCode).send({ error: problem } satisfies ErrorBody);
  return reply.page(template, { ...page, error: problem }, statusCode);
}

/**
 * Answers a successful write: JSON clients get the result (marked when it is a
 * replay of an earlier delivery), people are redirected to what they wrote.
 */
export function sendWritten<Body extends { url: string }>(
  request: FastifyRequest,
  reply: FastifyReply,
  written: { status: number; body: Body; replayed?: boolean },
) {
  if (written.replayed) reply.header('idempotent-replayed', 'true');
  if (wantsJson(request)) return reply.code(written.status).send(written.body);
  return reply.redirect(written.body.url, 303);
}

/** Answers a deletion: JSON clients hear it is done, people go on to `then`. */
export function sendDeleted(request: FastifyRequest, reply: FastifyReply, then: string) {
  if (wantsJson(request)) return reply.send({ deleted: true } satisfies Deleted);
  return reply.redirect(then, 303);
}
