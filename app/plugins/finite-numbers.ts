import fp from 'fastify-plugin';

/**
 * Ajv coerces "Infinity" and "1e400" to Infinity and then skips minimum/maximum for it
 * (/new?page=1e400 was a 500): no route of ours wants a number that is not finite, so every
 * request carrying one is refused with 400 before its handler runs.
 */
export default fp(
  async (app) => {
    // Callback style: it runs on every request and needs no promise.
    app.addHook('preHandler', (request, _reply, done) => {
      for (const part of [request.params, request.query, request.body]) {
        if (typeof part !== 'object' || part === null) continue;
        if (Object.values(part).some((v) => typeof v === 'number' && !Number.isFinite(v)))
          return done(Object.assign(new Error('A number in the request is too large.'), { statusCode: 400 }));
      }
      done();
    });
  },
  { name: 'finite-numbers' },
);
