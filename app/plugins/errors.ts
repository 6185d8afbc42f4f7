import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { waitPhrase } from '../domain/time.ts';
import { describeValidation } from '../domain/validation.ts';
import { sendError, wantsJson } from '../http.ts';

const NOT_FOUND = 'There is nothing here. It may have been deleted, or the link is mistyped.';

/** What a person is told for each failure the server can explain; the text never includes internals. */
function explain(error: FastifyError, statusCode: number, retryAfterS: number): string {
  switch (error.code) {
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return 'This form has expired or did not come from Charcha. Go back, reload the page and try again.';
    case 'CHARCHA_FOREIGN_ORIGIN':
      return 'Requests from other sites are not accepted.';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'That is more text than Charcha accepts in one go. Shorten it and try again.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Charcha accepts forms and JSON only.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'The request body is not valid JSON.';
  }
  if (statusCode === 429) return `Too many requests. Please wait ${waitPhrase(retryAfterS)} and try again.`;
  if (error.validation && statusCode === 404) return NOT_FOUND;
  if (error.validation) return describeValidation(error.validation);
  if (statusCode >= 500)
    return 'Something went wrong on our side. Your request was not saved; please try again.';
  // Plugins may report bare reason phrases ("Forbidden"): say what happened in a sentence instead.
  if (error.message === STATUS_CODES[statusCode])
    return `That request was refused (${statusCode} ${error.message}). Check the address and try again.`;
  return error.message;
}

/**
 * Fastify refuses a broken %-escape or an overlong path segment before any plugin runs, so the page
 * layout is not available here: the answer is one plain sentence, or JSON for scripts. No hook runs
 * either, so the security headers that onSend adds to every other answer are set here.
 */
export function refuseMalformedUrl(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const statusCode = error.statusCode ?? 400;
  reply.headers(request.server.securityHeaders.resource);
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'That address is too long. Check the link and try again.'
      : 'That address is not valid (it has a broken %-escape). Check the link and try again.';
  if (wantsJson(request)) return reply.code(statusCode).send({ error: message });
  return reply.code(statusCode).type('text/plain; charset=utf-8').send(message);
}

function isDatabaseUnavailable(error: Error): boolean {
  const code = (error as { code?: string }).code ?? '';
  return ['SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_BUSY'].some((c) =>
    code.startsWith(c),
  );
}

export default fp(
  async (app) => {
    app.setErrorHandler(async (error: FastifyError, request, reply) => {
      let statusCode = error.statusCode ?? 500;
      if (isDatabaseUnavailable(error)) statusCode = 503;
      // A malformed id in the path (/discuss/abc) names nothing, exactly like an unknown id.
      if (error.validation && error.validationContext === 'params') statusCode = 404;
      if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
      const message =
        statusCode === 503
          ? 'Charcha cannot save anything right now (storage unavailable). Nothing was changed; please try again shortly.'
          : explain(error, statusCode, Number(reply.getHeader('retry-after')) || 60);
      return sendError(request, reply, statusCode, message);
    });

    app.setNotFoundHandler(async (request, reply) => sendError(request, reply, 404, NOT_FOUND));
  },
  { name: 'errors', dependencies: ['views'] },
);
