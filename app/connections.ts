import type { Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';
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
  };
}

/** Beyond the cap a new connection is closed as it arrives, and those already open are served as before. */
export function capConnections(server: Server, limits: ConnectionLimits): void {
  server.maxConnections = limits.maxConnections;
}
