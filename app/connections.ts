import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyHttpOptions, FastifyInstance } from 'fastify';
import type { ConnectionLimits } from './network-config.ts';

/**
 * Node looks for stalled requests on a timer; checking ten times per headers timeout cuts a stalled
 * client within a tenth of its allowance (Node's own default checks every 30 s).
 */
const CHECKS_PER_TIMEOUT = 10;

/**
 * The server options that bound how long a client may hold a connection. Fastify's defaults wait
 * forever for a request's body, so a few hundred clients sending a byte now and then held their
 * connections open for as long as they liked.
 */
export function connectionOptions(limits: ConnectionLimits): Partial<FastifyHttpOptions<Server>> {
  return {
    requestTimeout: limits.requestTimeoutMs,
    // Nothing moving for as long as a whole request may take: a reader that stopped reading is gone too.
    connectionTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      connectionsCheckingInterval: Math.ceil(limits.headersTimeoutMs / CHECKS_PER_TIMEOUT),
    },
    clientErrorHandler: refuseUnreadableRequest,
    // Answered by the closing plugin instead, whose 503 carries our headers.
    return503OnClosing: false,
  };
}

/** What Node's parser reports, and the status Fastify's default handler answers it with. */
function statusFor(error: NodeJS.ErrnoException): number {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  if (error.code === 'HPE_HEADER_OVERFLOW') return 431;
  return 400;
}

/**
 * A request Node could not read (malformed, headers too large, too slow) never becomes a request
 * that hooks see; Fastify's default answer for it had no security headers. This one is the same
 * answer with them: a sentence of JSON, then the connection closes.
 */
function refuseUnreadableRequest(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Duplex) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const status = statusFor(error);
    const body = JSON.stringify({ error: `${STATUS_CODES[status]}: Charcha could not read that request.` });
    const headers = {
      ...this.securityHeaders?.resource,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
    };
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join('')}\r\n${body}`);
  }
  socket.destroy(error);
}

/** Beyond the cap a new connection is closed as it arrives, and those already open are served as before. */
export function capConnections(server: Server, limits: ConnectionLimits): void {
  server.maxConnections = limits.maxConnections;
}
