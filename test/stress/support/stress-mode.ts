/**
 * `npm test` runs the stress suite in a short form that fits its time budget;
 * STRESS=full runs the form the README reports (`STRESS=full npm run test:stress`).
 */
export const FULL = process.env.STRESS === 'full';

/** SIGKILL rounds of the crash test. */
export const CRASH_ROUNDS = FULL ? 20 : 3;
/** Concurrent writers on loopback, each with its own session and CSRF token. */
export const WRITERS = 50;
/** The load test: how long, and how many connections. */
export const LOAD_SECONDS = FULL ? 60 : 10;
export const LOAD_CONNECTIONS = FULL ? 100 : 50;

export const MODE = FULL ? 'full' : 'short';
