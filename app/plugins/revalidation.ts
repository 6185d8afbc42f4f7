import fastifyEtag from '@fastify/etag';
import fp from 'fastify-plugin';

/**
 * Pages are revalidated on every visit (no-cache) and answered with 304 when unchanged: every
 * response gets an ETag, and an HTML page that set no caching policy of its own gets no-cache,
 * varying by Cookie since what it shows depends on who is logged in.
 */
export default fp(
  async (app) => {
    await app.register(fastifyEtag, { weak: true });
    // Callback style: it runs on every response and needs no promise. Added after @fastify/etag's
    // own onSend hook, so it sees the 304 that one decides on.
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (
        !reply.hasHeader('cache-control') &&
        String(reply.getHeader('content-type')).startsWith('text/html')
      ) {
        reply.header('cache-control', 'no-cache');
        if (!reply.hasHeader('vary')) reply.header('vary', 'Cookie');
      }
      // A 304 says "use what you have": it names no type (RFC 9110 §15.4.5), and @fastify/etag's
      // empty payload would earn it "content-length: 0", the length of no representation (§8.6).
      if (reply.statusCode === 304) {
        reply.removeHeader('content-type');
        return done(null, null);
      }
      done(null, payload);
    });
  },
  { name: 'revalidation' },
);
