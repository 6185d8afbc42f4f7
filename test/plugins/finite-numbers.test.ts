import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import finiteNumbersPlugin from '../../app/plugins/finite-numbers.ts';

/** A route taking bounded numbers in its path and query, which Ajv coerces from strings. */
async function appWithBoundedNumbers(withPlugin: boolean) {
  const app = Fastify();
  if (withPlugin) await app.register(finiteNumbersPlugin);
  const bounded = { type: 'number', minimum: 1, maximum: 1000 } as const;
  app.get(
    '/count/:id',
    {
      schema: {
        params: { type: 'object', properties: { id: bounded } },
        querystring: { type: 'object', properties: { page: bounded } },
      },
    },
    async () => ({ ok: true }),
  );
  return app;
}

const URLS = ['/count/1?page=1e400', '/count/1?page=Infinity', '/count/1e400', '/count/-Infinity'];

test('a number that is not finite gets 400, in the path or the query', async (t) => {
  const app = await appWithBoundedNumbers(true);
  t.after(() => app.close());
  for (const url of URLS) {
    const response = await app.inject(url);
    assert.equal(response.statusCode, 400, url);
    assert.match(response.json().message, /A number in the request is too large/, url);
  }
  const fine = await app.inject('/count/2?page=3');
  assert.equal(fine.statusCode, 200, 'finite numbers within the bounds pass');
});

test('without the plugin, Ajv lets such a number past its bounds (why the plugin exists)', async (t) => {
  const app = await appWithBoundedNumbers(false);
  t.after(() => app.close());
  for (const url of URLS) assert.equal((await app.inject(url)).statusCode, 200, url);
});
