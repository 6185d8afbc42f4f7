import fp from 'fastify-plugin';
import { wantsJson } from '../http.ts';

/** How long a client is asked to wait: a restart takes seconds. */
const RETRY_AFTER_S = 5;
const MESSAGE = 'Charcha is restarting. Please try again in a few seconds.';

/**
 * While the server closes, a request that still arrives on an open connection is answered 503 and
 * its connection closed, as Fastify's return503OnClosing does. Fastify writes that answer itself,
 * past every hook, so it carried none of our security headers; answered here, it goes through
 * onSend like any other. The answer is a sentence (or JSON for scripts), not a page: the page
 * layout reads the database, which is about to close.
 */
export default fp(
  async (app) => {
    let closing = false;
    app.addHook('preClose', (done) => {
      closing = true;
      done();
    });
    app.addHook('onRequest', (request, reply, done) => {
      if (!closing) return done();
      reply.raw.shouldKeepAlive = false;
      reply.code(503).header('retry-after', String(RETRY_AFTER_S));
      if (wantsJson(request)) return reply.send({ error: MESSAGE });
      return reply.type('text/plain; charset=utf-8').send(MESSAGE);
    });
    // Said in onSend, after lingering-close's hook has removed the Connection header Fastify sets for
    // a body left unread: the client must know this connection ends with the answer.
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (closing && reply.statusCode === 503) reply.header('connection', 'close');
      done(null, payload);
    });
  },
  { name: 'closing', dependencies: ['security'] },
);
