import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import Fastify from 'fastify';
import { everyHour } from '../../app/plugins/housekeeping.ts';

const HOUR_MS = 60 * 60 * 1000;

/** An app whose warnings are collected, as JSON lines, instead of written out. */
function appWithLog() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { app: Fastify({ logger: { level: 'warn', stream } }), lines };
}

test('a task runs once an hour, survives its own failure, and stops when the app closes', async (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const { app, lines } = appWithLog();
  let runs = 0;
  everyHour(app, 'purge the test rows', () => {
    runs++;
    if (runs === 2) throw new Error('disk full');
  });
  await app.ready();

  t.mock.timers.tick(HOUR_MS - 1);
  assert.equal(runs, 0, 'not before the hour');
  t.mock.timers.tick(1);
  assert.equal(runs, 1);
  t.mock.timers.tick(HOUR_MS);
  assert.equal(runs, 2);
  assert.deepEqual(
    lines.map((line) => line.msg),
    ['could not purge the test rows'],
    'the failure is logged as a warning, not thrown',
  );
  t.mock.timers.tick(HOUR_MS);
  assert.equal(runs, 3, 'the next hour tries again');

  await app.close();
  t.mock.timers.tick(3 * HOUR_MS);
  assert.equal(runs, 3, 'nothing runs after close');
});
