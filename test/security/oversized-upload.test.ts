import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { LINGER_LIMITS } from '../../app/plugins/lingering-close.ts';
import { ServerProcess } from '../stress/support/server-process.ts';

/** A paste far over the body limit: its client is still sending when the server has answered. */
const UPLOADS = [
  { megabytes: 2, times: 20 },
  { megabytes: 6, times: 10 },
];
const TOO_MUCH = 'That is more text than Charcha accepts in one go. Shorten it and try again.';

/** What a Node fetch client got: the status and error of the answer, or the network error in its place. */
async function postForm(url: string, body: string): Promise<string> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
    });
    return `${response.status} ${((await response.json()) as { error?: string }).error}`;
  } catch (error) {
    const cause = (error as Error).cause as NodeJS.ErrnoException | undefined;
    return `${(error as Error).message}: ${cause?.code ?? cause?.message}`;
  }
}

test('an oversized form post reaches a fetch client as the 413 every time, never as EPIPE', async (t) => {
  // In its own process, as in production: the server then answers and closes while the client
  // is still writing, which is the race this guards against.
  const server = await ServerProcess.start();
  t.after(() => server.stop());
  for (const { megabytes, times } of UPLOADS) {
    const body = `text=${'a'.repeat(megabytes * 1024 * 1024)}`;
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < times; attempt++)
      outcomes.push(await postForm(`${server.url}/submit`, body));
    const others = outcomes.filter((outcome) => outcome !== `413 ${TOO_MUCH}`);
    assert.deepEqual(others, [], `${megabytes} MB, ${times} times: every answer is the 413`);
  }
});

test('a client that never stops sending after its 413 is cut off within the lingering limits', async (t) => {
  const server = await ServerProcess.start();
  t.after(() => server.stop());
  const { port } = new URL(server.url);
  const socket = connect({ host: '127.0.0.1', port: Number(port) });
  t.after(() => socket.destroy());
  let answer = '';
  socket.on('data', (chunk: Buffer) => {
    answer += chunk.toString('latin1');
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  socket.write(
    'POST /submit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
      'Content-Length: 1000000000\r\n\r\ntext=',
  );
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const started = performance.now();
  let sent = 0;
  const sending = setInterval(() => {
    if (socket.writable) sent += socket.write(chunk) ? chunk.length : 0;
  }, 5);
  t.after(() => clearInterval(sending));
  const limitMs = LINGER_LIMITS.maxMs + 5_000;
  const timedOut = new Promise<string>((resolve) => setTimeout(() => resolve('still open'), limitMs).unref());
  const outcome = await Promise.race([closed.then(() => 'closed'), timedOut]);
  clearInterval(sending);
  t.diagnostic(`closed after ${Math.round(performance.now() - started)} ms, ${sent} bytes sent`);
  assert.equal(outcome, 'closed', `the server must close within ${limitMs} ms`);
  assert.match(answer, /^HTTP\/1\.1 413 /, 'the client was told why before the connection closed');
});
