import { Socket } from 'node:net';
import fp from 'fastify-plugin';

/**
 * A refused request's body is read and thrown away for at most this long and this many bytes:
 * enough for a person's oversized paste to finish sending, too little to be worth an attacker's upload.
 */
export const LINGER_LIMITS = { maxBytes: 8 * 1024 * 1024, maxMs: 5_000 } as const;

/**
 * Lingering close, as nginx does it. An answer sent before the request body was read (a 413 for an
 * oversized form, a 415, a 429 from a limiter) used to close the connection at once; the client was
 * still sending, so its next write met a reset and a Node fetch reported EPIPE instead of the answer.
 * Now the rest of the body is read and discarded, within LINGER_LIMITS, and the connection closes only
 * when the client goes over them; one that finishes sending keeps its connection.
 */
export default fp(
  async (app) => {
    app.addHook('onSend', async (request, reply, payload) => {
      const incoming = request.raw;
      const socket = incoming.socket;
      // inject() has no connection to keep open or close.
      if (incoming.complete || !(socket instanceof Socket)) return payload;
      // Fastify asks for "Connection: close" after a refused body; closing is ours to do, below.
      reply.removeHeader('connection');
      const close = () => socket.destroy();
      const deadline = setTimeout(close, LINGER_LIMITS.maxMs);
      deadline.unref();
      let discarded = 0;
      incoming.on('data', (chunk: Buffer) => {
        discarded += chunk.length;
        if (discarded > LINGER_LIMITS.maxBytes) close();
      });
      incoming.once('end', () => clearTimeout(deadline));
      socket.once('close', () => clearTimeout(deadline));
      return payload;
    });
  },
  { name: 'lingering-close' },
);
