import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { test } from 'node:test';
import { CONNECTION_DEFAULTS } from '../../app/network-config.ts';
import { ServerProcess } from './support/server-process.ts';
import { FULL, MODE } from './support/stress-mode.ts';

/** Clients that send a form's headers, announce 1,000 bytes of body and then send one byte at a time. */
const SLOW_BODIES = 200;
/** Clients that never finish their headers: a header line at a time (slowloris). */
const SLOW_HEADERS = 50;
/**
 * The full form runs the attack as it was reported (a byte every 10 s) against the default
 * timeouts; the short form shortens both, keeping the byte interval below the timeout, so a
 * slow client would stay connected for ever but for the timeout.
 */
const TIMEOUTS = FULL
  ? CONNECTION_DEFAULTS
  : { ...CONNECTION_DEFAULTS, headersTimeoutMs: 2_000, requestTimeoutMs: 3_000 };
const BYTE_EVERY_MS = FULL ? 10_000 : 1_000;
/** Node checks for stalled requests on a timer; anything later than this is a failure to cut them off. */
const CUT_OFF_WITHIN_MS = TIMEOUTS.requestTimeoutMs * 2 + 2_000;
const NORMAL_REQUEST_EVERY_MS = 100;

interface SlowClient {
  socket: Socket;
  answer: string;
  /** Milliseconds from the start until the server closed the connection, or undefined while open. */
  closedAfterMs?: number;
}

function slowClient(port: number, opening: string, trickle: string, started: number): SlowClient {
  const socket = connect({ host: '127.0.0.1', port });
  const client: SlowClient = { socket, answer: '' };
  socket.on('data', (chunk: Buffer) => {
    client.answer += chunk.toString('latin1');
  });
  socket.on('error', () => {});
  socket.once('close', () => {
    client.closedAfterMs = performance.now() - started;
    clearInterval(timer);
  });
  socket.write(opening);
  const timer = setInterval(() => {
    if (socket.writable) socket.write(trickle);
  }, BYTE_EVERY_MS);
  return client;
}

/** A visitor reading the front page and /healthz while the slow clients hold their connections. */
function normalTraffic(url: string) {
  const latencies: number[] = [];
  const failures: string[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      for (const path of ['/', '/healthz']) {
        const sent = performance.now();
        try {
          const response = await fetch(`${url}${path}`);
          await response.arrayBuffer();
          if (response.status !== 200) failures.push(`${path}: ${response.status}`);
        } catch (error) {
          failures.push(`${path}: ${(error as Error).message}`);
        }
        latencies.push(performance.now() - sent);
      }
      await new Promise((resolve) => setTimeout(resolve, NORMAL_REQUEST_EVERY_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      const sorted = [...latencies].sort((a, b) => a - b);
      const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? Number.POSITIVE_INFINITY;
      return { served: latencies.length, failures, p95 };
    },
  };
}

test(`${SLOW_BODIES} slow request bodies and ${SLOW_HEADERS} slow headers are cut off while pages keep being served (${MODE})`, async (t) => {
  const server = await ServerProcess.start({
    env: {
      HTTP_HEADERS_TIMEOUT_MS: String(TIMEOUTS.headersTimeoutMs),
      HTTP_REQUEST_TIMEOUT_MS: String(TIMEOUTS.requestTimeoutMs),
    },
  });
  const slowClients: SlowClient[] = [];
  t.after(async () => {
    for (const client of slowClients) client.socket.destroy();
    await server.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  });
  const port = Number(new URL(server.url).port);
  const started = performance.now();
  const form =
    'POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
    'Content-Length: 1000\r\n\r\n';
  for (let i = 0; i < SLOW_BODIES; i++) slowClients.push(slowClient(port, form, 'a', started));
  for (let i = 0; i < SLOW_HEADERS; i++)
    slowClients.push(
      slowClient(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n', `X-Slow-${i}: a\r\n`, started),
    );
  const visitor = normalTraffic(server.url);

  // Bounded: the test waits no longer than the server has to cut every slow client off.
  const deadline = started + CUT_OFF_WITHIN_MS;
  while (performance.now() < deadline && slowClients.some((client) => client.closedAfterMs === undefined))
    await new Promise((resolve) => setTimeout(resolve, 200));
  const traffic = await visitor.stop();

  const open = slowClients.filter((client) => client.closedAfterMs === undefined).length;
  const closedAfter = slowClients.map((client) => client.closedAfterMs ?? Number.POSITIVE_INFINITY);
  const timedOut = slowClients.filter((client) => client.answer.startsWith('HTTP/1.1 408')).length;
  t.diagnostic(
    `timeouts ${JSON.stringify(TIMEOUTS)}, a byte every ${BYTE_EVERY_MS} ms: ${open} of ${slowClients.length} ` +
      `slow clients still open after ${CUT_OFF_WITHIN_MS} ms; the last cut off after ${Math.round(Math.max(...closedAfter))} ms; ` +
      `${timedOut} told 408`,
  );
  t.diagnostic(
    `meanwhile ${traffic.served} normal requests, p95 ${Math.round(traffic.p95)} ms, failures ${JSON.stringify(traffic.failures)}`,
  );
  assert.equal(open, 0, `every slow client is cut off within ${CUT_OFF_WITHIN_MS} ms`);
  assert.ok(
    closedAfter.every((ms) => ms >= Math.min(TIMEOUTS.headersTimeoutMs, TIMEOUTS.requestTimeoutMs)),
    'no slow client was cut off before its timeout',
  );
  assert.deepEqual(traffic.failures, [], 'every normal request was answered 200');
  assert.ok(traffic.served >= 10, `normal requests kept being served (${traffic.served})`);
  assert.ok(traffic.p95 < 2_000, `normal requests stayed quick (p95 ${Math.round(traffic.p95)} ms)`);
  assert.ok(server.running, 'the server is still up');
});
