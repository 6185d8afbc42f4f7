import type { FastifyInstance } from 'fastify';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Runs `task` once an hour for as long as the app is open. Housekeeping must not take the
 * server down (a full disk makes a DELETE fail too): a failure is logged as "could not <what>"
 * and the next hour tries again. The timer does not keep the process alive on its own.
 */
export function everyHour(app: FastifyInstance, what: string, task: () => void): void {
  const timer = setInterval(() => {
    try {
      task();
    } catch (err) {
      app.log.warn({ err }, `could not ${what}`);
    }
  }, HOUR_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
