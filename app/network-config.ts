import { isIP } from 'node:net';
import { ConfigError } from './config-error.ts';

/**
 * The settings of how the server meets the network: the address people reach it at, which
 * proxies it believes about a client's address, and how long and how many clients it serves.
 */

/** Which proxies' X-Forwarded-For is believed, in the forms Fastify's trustProxy takes; false believes none. */
export type TrustProxy = boolean | string[];

export interface ConnectionLimits {
  /** A request's headers must have arrived this long after its first byte (HTTP_HEADERS_TIMEOUT_MS). */
  headersTimeoutMs: number;
  /** The whole request, body included (HTTP_REQUEST_TIMEOUT_MS); also how long nothing may move on a connection. */
  requestTimeoutMs: number;
  /** A kept-alive connection with no request is closed after this (HTTP_KEEP_ALIVE_TIMEOUT_MS). */
  keepAliveTimeoutMs: number;
  /** Connections open at once (HTTP_MAX_CONNECTIONS); one more is closed as it arrives. */
  maxConnections: number;
}

/**
 * A forum's requests are small (a comment, a vote, at most 128 KB of form): their headers arrive in a
 * moment and their bodies within seconds even on a slow mobile link, so a client that takes longer is
 * stalled or hostile. A write cut off this way is safe to resend: the outbox retries it with its
 * Idempotency-Key. Kept-alive connections outlive the 60 s idle timeout usual in proxies, so a proxy
 * never sends a request onto a connection the server has just closed. The cap stays far below the
 * process's open-files limit, so a flood of connections cannot take the descriptors SQLite needs.
 */
export const CONNECTION_DEFAULTS: Readonly<ConnectionLimits> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 72_000,
  maxConnections: 1_000,
};

function positiveInteger(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function parseConnectionLimits(env: NodeJS.ProcessEnv): ConnectionLimits {
  const limits = {
    headersTimeoutMs: positiveInteger(
      'HTTP_HEADERS_TIMEOUT_MS',
      env.HTTP_HEADERS_TIMEOUT_MS,
      CONNECTION_DEFAULTS.headersTimeoutMs,
    ),
    requestTimeoutMs: positiveInteger(
      'HTTP_REQUEST_TIMEOUT_MS',
      env.HTTP_REQUEST_TIMEOUT_MS,
      CONNECTION_DEFAULTS.requestTimeoutMs,
    ),
    keepAliveTimeoutMs: positiveInteger(
      'HTTP_KEEP_ALIVE_TIMEOUT_MS',
      env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      CONNECTION_DEFAULTS.keepAliveTimeoutMs,
    ),
    maxConnections: positiveInteger(
      'HTTP_MAX_CONNECTIONS',
      env.HTTP_MAX_CONNECTIONS,
      CONNECTION_DEFAULTS.maxConnections,
    ),
  };
  // The headers are part of the request: Node refuses a headers timeout longer than the request's.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new ConfigError(
      `HTTP_HEADERS_TIMEOUT_MS (${limits.headersTimeoutMs}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs})`,
    );
  }
  return limits;
}

/** The names proxy-addr (behind Fastify's trustProxy) gives to the private and loopback ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: unset (or "false") believes no X-Forwarded-For, so every client is the address that
 * connected; a comma-separated list believes the proxies at those addresses or CIDR ranges, which
 * name the client in X-Forwarded-For; "true" believes the header's first address, which only a proxy
 * that overwrites the header makes trustworthy. A hop count is refused: Fastify ignores it (it cannot
 * tell a proxy from a client that reached the server directly), so it would silently mean "false".
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) {
    throw new ConfigError(
      `TRUST_PROXY must name the proxies' addresses (e.g. 127.0.0.1 or 10.0.0.0/8), not a number of them, got "${raw}": Fastify does not trust a hop count, since a client reaching the server directly could claim any address`,
    );
  }
  const entries = raw.split(',').map((entry) => entry.trim());
  if (entries.every(isAddressOrRange)) return entries;
  throw new ConfigError(
    `TRUST_PROXY must be "true", "false" or a comma-separated list of proxy addresses or CIDR ranges, got "${raw}"`,
  );
}

/** The origin of the address the server listens on, which is where people reach it in development. */
export function listeningOrigin(host: string, port: number): string {
  return new URL(`http://${host.includes(':') ? `[${host}]` : host}:${port}`).origin;
}

/** Scheme and authority only (a trailing "/" is allowed), with no credentials and no port 0. */
function isOrigin(raw: string): boolean {
  if (!/^https?:\/\/[^/?#\\\s\p{Cc}]+\/?$/iu.test(raw) || !URL.canParse(raw)) return false;
  const url = new URL(raw);
  return url.username === '' && url.password === '' && url.port !== '0';
}

/**
 * PUBLIC_ORIGIN is where people reach the forum (https://charcha.example): feeds and other absolute
 * URLs are written with it, never with the Host header a request claims. Production must name it;
 * elsewhere the listening address stands in.
 */
export function parsePublicOrigin(
  raw: string | undefined,
  { production, host, port }: { production: boolean; host: string; port: number },
): string {
  if (raw === undefined || raw === '') {
    if (production) {
      throw new ConfigError(
        'PUBLIC_ORIGIN must be set when NODE_ENV=production: the address people reach the forum at, e.g. https://charcha.example',
      );
    }
    return listeningOrigin(host, port);
  }
  if (!isOrigin(raw)) {
    throw new ConfigError(
      `PUBLIC_ORIGIN must be an http:// or https:// origin with no path, e.g. https://charcha.example, got "${raw}"`,
    );
  }
  return new URL(raw).origin;
}
