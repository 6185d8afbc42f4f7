import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { writeBatch } from '../../db/write-batch.ts';
import { everyHour } from './housekeeping.ts';

/** Keys are client-generated UUIDs or similar; anything else is a client bug worth reporting. */
const KEY_FORMAT = /^[A-Za-z0-9_-]{8,100}$/;
/** An outbox item older than this has long been delivered or abandoned. */
const KEY_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** The CSRF token is the browser's proof of origin, not part of the write; a replay may carry a fresh one. */
const NOT_PART_OF_THE_WRITE = new Set(['_csrf']);

/** JSON with every object's keys in order, so a form and a script sending the same fields agree. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([name, field]) => !NOT_PART_OF_THE_WRITE.has(name) && field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, field]) => `${JSON.stringify(name)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What a write asked for: its request line and its body as the route validated it (fields typed,
 * so "3" from a form and 3 from JSON agree), hashed to be stored with the key.
 */
function requestHash(requestLine: string, body: unknown): string {
  return createHash('sha256')
    .update(requestLine)
    .update('\n')
    .update(canonicalJson(body))
    .digest('base64url');
}

export interface WriteResult {
  status: number;
  body: { url: string } & Record<string, unknown>;
}

export class IdempotencyKeyError extends Error {
  readonly statusCode: number;
  constructor(message: string, statusCode: number) {
    super(message);
    this.statusCode = statusCode;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Runs a route's write exactly once per `Idempotency-Key` header: a repeated
     * delivery gets the first delivery's result and writes nothing. Without the
     * header the write simply runs. Resolves once the write is committed, together
     * with the writes that arrived alongside it (db/write-batch.ts).
     */
    writeOnce(
      request: FastifyRequest,
      userId: number,
      write: () => WriteResult,
    ): Promise<WriteResult & { replayed: boolean }>;
  }
}

export default fp(
  async (app) => {
    const batch = writeBatch(app.db, app.repositories.searchChanges.index);
    app.decorate('writeOnce', async (request: FastifyRequest, userId: number, write: () => WriteResult) => {
      const header = request.headers['idempotency-key'];
      if (header === undefined) return batch(() => ({ ...write(), replayed: false }));
      if (typeof header !== 'string' || !KEY_FORMAT.test(header)) {
        throw new IdempotencyKeyError('Idempotency-Key must be 8 to 100 letters, digits, "-" or "_".', 400);
      }
      const requestLine = `${request.method} ${request.url.split('?')[0]}`;
      const hash = requestHash(requestLine, request.body);
      const outcome = await batch(() =>
        app.repositories.idempotency.once(userId, header, requestLine, hash, Date.now(), write),
      );
      if (!outcome.replayed) return { ...(outcome.result as WriteResult), replayed: false };
      const { stored } = outcome;
      if (stored.request !== requestLine) {
        throw new IdempotencyKeyError('This Idempotency-Key was already used for a different request.', 422);
      }
      // Keys stored before their requests were hashed are matched on the request line alone, as they were.
      if (stored.requestHash !== null && stored.requestHash !== hash) {
        throw new IdempotencyKeyError(
          'This Idempotency-Key was already used for a different request (the same address, other content). A new write needs a new key.',
          422,
        );
      }
      return { status: stored.status, body: JSON.parse(stored.response), replayed: true };
    });

    everyHour(app, 'purge old idempotency keys', () =>
      app.repositories.idempotency.deleteOlderThan(Date.now() - KEY_RETENTION_MS),
    );
  },
  { name: 'idempotency', dependencies: ['db'] },
);
