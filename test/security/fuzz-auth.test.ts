import { test } from 'node:test';
import { AUTH_ROUTES, runFuzz } from './support/run-fuzz.ts';

test('log in, sign up and log out survive 1,000 hostile requests', async (t) => {
  await runFuzz(t, { routes: () => AUTH_ROUTES, requests: 1000, postWeight: 30 });
});
