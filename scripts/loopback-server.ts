/**
 * What every server the benchmarks and the stress tests start has in common: loopback only, a
 * free port, its own database, no rate limits (one client plays many people) and quiet logs.
 * Callers add what differs (seed, NODE_ENV, secrets).
 */
export function loopbackServerEnv(databasePath: string): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_PATH: databasePath,
    RATE_LIMITS: 'off',
    LOG_LEVEL: 'warn',
  };
}

/**
 * The line app/server.ts (and the benchmarks' helper servers, bench/support/announce.ts) print
 * once they listen; the first group is the URL.
 */
export const LISTENING_LINE = /running at (http:\/\/[\d.]+:\d+)\//;
