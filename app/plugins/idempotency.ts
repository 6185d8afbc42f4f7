import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { everyHour } from './housekeeping.ts';

/** Keys are client-generated UUIDs or similar; anything else is a client bug worth reporting. */
const KEY_FORMAT = /^[A-Za-z0-9_-]{8,100}$/;
/** An outbox item older than this has long been delivered or abandoned. */
const KEY_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

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
     * header the write simply runs.
     */
    writeOnce(
      request: FastifyRequest,
      userId: number,
      write: () => WriteResult,
    ): WriteResult & { replayed: boolean };
  }
}

export default fp(
  async (app) => {
    app.decorate('writeOnce', (request: FastifyRequest, userId: number, write: () => WriteResult) => {
      const header = request.headers['idempotency-key'];
      if (header === undefined) return { ...write(), replayed: false };
      if (typeof header !== 'string' || !KEY_FORMAT.test(header)) {
        throw new IdempotencyKeyError('Idempotency-Key must be 8 to 100 letters, digits, "-" or "_".', 400);
      }
      const requestLine = `${request.method} ${request.url.split('?')[0]}`;
      const outcome = app.repositories.idempotency.once(userId, header, requestLine, Date.now(), write);
      if (!outcome.replayed) return { ...(outcome.result as WriteResult), replayed: false };
      if (outcome.stored.request !== requestLine) {
        throw new IdempotencyKeyError('This Idempotency-Key was already used for a different request.', 422);
      }
      return { status: outcome.stored.status, body: JSON.parse(outcome.stored.response), replayed: true };
    });

    everyHour(app, 'purge old idempotency keys', () =>
      app.repositories.idempotency.deleteOlderThan(Date.now() - KEY_RETENTION_MS),
    );
  },
  { name: 'idempotency', dependencies: ['db'] },
);
