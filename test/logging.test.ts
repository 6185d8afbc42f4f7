import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { type LogFormat, logFormatFor, loggerOptions } from '../app/logging.ts';

test('a terminal gets readable lines; a pipe, a file or production gets JSON', () => {
  assert.equal(logFormatFor({ isTTY: true, production: false }), 'lines');
  assert.equal(logFormatFor({ isTTY: false, production: false }), 'json');
  assert.equal(logFormatFor({ isTTY: undefined, production: false }), 'json');
  assert.equal(logFormatFor({ isTTY: true, production: true }), 'json');
});

/** Serves two requests, one of them failing, through a real Fastify logger in the given format. */
async function logOfTwoRequests(format: LogFormat): Promise<string[]> {
  const written: string[] = [];
  const app = Fastify({ logger: loggerOptions('info', format, { write: (text) => written.push(text) }) });
  app.get('/discuss/:id', async () => 'a page');
  app.get('/broken', async () => {
    throw new Error('the database went away');
  });
  await app.inject('/discuss/3?page=2');
  await app.inject('/broken');
  await app.close();
  return written.join('').split('\n').filter(Boolean);
}

test('on a terminal each request is one line: method, address, status and time', async () => {
  const lines = await logOfTwoRequests('lines');
  const requestLines = lines.filter((line) => / (GET|POST) /.test(line) && !line.includes('ERROR'));
  assert.equal(requestLines.length, 2, lines.join('\n'));
  assert.match(requestLines[0] ?? '', /^\d\d:\d\d:\d\d GET \/discuss\/3\?page=2 200 \d+ ms$/);
  assert.match(requestLines[1] ?? '', /^\d\d:\d\d:\d\d GET \/broken 500 \d+ ms$/);
  // The error is said in words with the request it belongs to, and its stack follows.
  const error = lines.find((line) => line.includes('ERROR'));
  assert.match(error ?? '', /ERROR the database went away \(GET \/broken\)$/);
  assert.ok(
    lines.some((line) => line.includes('at ')),
    'the stack is printed',
  );
  assert.ok(
    lines.every((line) => !line.startsWith('{')),
    'no JSON reaches the terminal',
  );
});

test('without a terminal every line stays pino JSON, two records per request', async () => {
  const lines = await logOfTwoRequests('json');
  const records = lines.map((line) => JSON.parse(line) as { msg: string; req?: { url: string } });
  assert.equal(records.filter((record) => record.msg === 'incoming request').length, 2);
  assert.equal(records.filter((record) => record.msg === 'request completed').length, 2);
  assert.equal(records[0]?.req?.url, '/discuss/3?page=2');
});
