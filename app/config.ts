import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from './config-error.ts';
import {
  type ConnectionLimits,
  parseConnectionLimits,
  parsePublicOrigin,
  parseTrustProxy,
  type TrustProxy,
} from './network-config.ts';
import type { PushTestEndpoints } from './push/endpoint-policy.ts';
import { loadOrCreateVapidKeys, type VapidKeys } from './push/vapid.ts';

export { ConfigError };

export interface Config {
  host: string;
  port: number;
  databasePath: string;
  sessionSecret: string;
  production: boolean;
  seed: 'demo' | 'none';
  /** How long the service worker waits for the network before showing a saved copy. */
  networkTimeoutMs: number;
  /** Rate limits are part of the product; tests of other features raise them. */
  rateLimits: boolean;
  /** Saved pages the service worker keeps on a device (SW_PAGE_CACHE_MAX_ENTRIES); unset means the default. */
  pageCacheMaxEntries?: number;
  /** Seconds a saved page may be shown offline before it is dropped (SW_PAGE_CACHE_MAX_AGE_S). */
  pageCacheMaxAgeS?: number;
  /** Discussions of a front page the worker saves ahead of reading (SW_READ_AHEAD); 0 disables. */
  readAheadDiscussions?: number;
  /** KiB of a device's storage that read-ahead copies may take (SW_READ_AHEAD_BUDGET_KB). */
  readAheadBudgetKb?: number;
  /** Server memory for rendered pages, in MiB (RENDER_CACHE_MB); 0 renders every request. Unset means the default. */
  renderCacheMb?: number;
  /** The least severe log line written (LOG_LEVEL), one of pino's levels. */
  logLevel: LogLevel;
  /** Where people reach the forum (PUBLIC_ORIGIN): every absolute URL the server writes starts with it. */
  publicOrigin: string;
  /** Which proxies' X-Forwarded-For names the client (TRUST_PROXY); rate limits count per client. */
  trustProxy: TrustProxy;
  /** How long a client may take over a request, and how many connections are open at once (HTTP_*). */
  connections: ConnectionLimits;
  /** The server's Web Push identity (VAPID_*), generated and kept beside the database when not given. */
  vapid: VapidKeys;
  /** PUSH_TEST_ENDPOINTS=loopback also accepts http://127.0.0.1:<port>/ push endpoints, for tests. */
  pushTestEndpoints: PushTestEndpoints;
}

/** pino's levels, most severe first; "silent" writes nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A few hundred rendered 100-comment discussions, each kept plain and compressed: the ones being read now. */
export const RENDER_CACHE_DEFAULT_MB = 32;

/** A few hundred pages of reading fit easily in any browser's quota; a month-old copy of a thread misleads more than it helps. */
export const PAGE_CACHE_DEFAULTS = { maxEntries: 200, maxAgeS: 30 * 24 * 3600 } as const;

/**
 * Read-ahead saves the whole first page of a listing by default; past a few pages it would be a
 * crawl of the forum, not reading ahead. The budget holds that many long discussions several times over.
 */
export const READ_AHEAD_DEFAULTS = { discussions: 30, maxDiscussions: 100, budgetKb: 25 * 1024 } as const;

/**
 * Request bodies above this are refused with 413. The largest discussion the field limits allow
 * must fit in any script: browsers percent-encode a Devanagari character into 9 bytes, so
 * MAX_TEXT_LENGTH + MAX_TITLE_LENGTH + MAX_URL_LENGTH characters take about 94 KB. (64 KB
 * refused a long Hindi post with a 413 instead of a message about the field.)
 */
export const MAX_BODY_BYTES = 128 * 1024;

const MIN_SECRET_LENGTH = 32;

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer between 0 and 65535, got "${raw}"`);
  }
  return port;
}

function parseInteger(name: string, raw: string | undefined, fallback: number, minimum: 0 | 1): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) {
    const kind = minimum === 0 ? 'a non-negative integer' : 'a positive integer';
    throw new ConfigError(`${name} must be ${kind}, got "${raw}"`);
  }
  return value;
}

const parsePositiveInt = (name: string, raw: string | undefined, fallback: number) =>
  parseInteger(name, raw, fallback, 1);

function parseReadAhead(raw: string | undefined): number {
  const value = parseInteger('SW_READ_AHEAD', raw, READ_AHEAD_DEFAULTS.discussions, 0);
  if (value > READ_AHEAD_DEFAULTS.maxDiscussions) {
    throw new ConfigError(
      `SW_READ_AHEAD must be at most ${READ_AHEAD_DEFAULTS.maxDiscussions}, got "${raw}"`,
    );
  }
  return value;
}

function parseLogLevel(raw: string | undefined): LogLevel {
  if (raw === undefined || raw === '') return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  }
  return raw as LogLevel;
}

/**
 * SESSION_SECRET signs the CSRF cookie. When it is not given we generate one
 * and keep it beside the database, so restarts do not invalidate every open form.
 */
function loadOrCreateSecret(databasePath: string, given: string | undefined): string {
  if (given !== undefined && given !== '') {
    if (given.length < MIN_SECRET_LENGTH) {
      throw new ConfigError(`SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
    }
    return given;
  }
  if (databasePath === ':memory:') return randomBytes(32).toString('hex');
  const secretPath = join(dirname(databasePath), 'session-secret');
  if (existsSync(secretPath)) return readFileSync(secretPath, 'utf8').trim();
  mkdirSync(dirname(secretPath), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(secretPath, secret, { mode: 0o600 });
  return secret;
}

function parsePushTestEndpoints(raw: string | undefined): PushTestEndpoints {
  if (raw === undefined || raw === '' || raw === 'off') return 'off';
  if (raw === 'loopback') return 'loopback';
  throw new ConfigError(`PUSH_TEST_ENDPOINTS must be "loopback" or "off", got "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  const seed = env.SEED ?? 'demo';
  if (seed !== 'demo' && seed !== 'none') {
    throw new ConfigError(`SEED must be "demo" or "none", got "${seed}"`);
  }
  const databasePath = env.DATABASE_PATH || 'data/charcha.db';
  const host = env.HOST || '127.0.0.1';
  const port = parsePort(env.PORT);
  const production = nodeEnv === 'production';
  const publicOrigin = parsePublicOrigin(env.PUBLIC_ORIGIN, { production, host, port });
  return {
    host,
    port,
    databasePath,
    sessionSecret: loadOrCreateSecret(databasePath, env.SESSION_SECRET),
    production,
    seed,
    networkTimeoutMs: parsePositiveInt('SW_NETWORK_TIMEOUT_MS', env.SW_NETWORK_TIMEOUT_MS, 3000),
    rateLimits: env.RATE_LIMITS !== 'off',
    pageCacheMaxEntries: parsePositiveInt(
      'SW_PAGE_CACHE_MAX_ENTRIES',
      env.SW_PAGE_CACHE_MAX_ENTRIES,
      PAGE_CACHE_DEFAULTS.maxEntries,
    ),
    pageCacheMaxAgeS: parsePositiveInt(
      'SW_PAGE_CACHE_MAX_AGE_S',
      env.SW_PAGE_CACHE_MAX_AGE_S,
      PAGE_CACHE_DEFAULTS.maxAgeS,
    ),
    readAheadDiscussions: parseReadAhead(env.SW_READ_AHEAD),
    readAheadBudgetKb: parsePositiveInt(
      'SW_READ_AHEAD_BUDGET_KB',
      env.SW_READ_AHEAD_BUDGET_KB,
      READ_AHEAD_DEFAULTS.budgetKb,
    ),
    renderCacheMb: parseInteger('RENDER_CACHE_MB', env.RENDER_CACHE_MB, RENDER_CACHE_DEFAULT_MB, 0),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    publicOrigin,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    connections: parseConnectionLimits(env),
    vapid: loadOrCreateVapidKeys(databasePath, env, publicOrigin),
    pushTestEndpoints: parsePushTestEndpoints(env.PUSH_TEST_ENDPOINTS),
  };
}
