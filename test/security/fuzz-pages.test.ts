import { test } from 'node:test';
import { AUTH_ROUTES, COMMENT_ROUTES, DISCUSSION_WRITES, runFuzz } from './support/run-fuzz.ts';

const GROUPED = new Set([...DISCUSSION_WRITES, ...COMMENT_ROUTES, ...AUTH_ROUTES]);

test('every page, feed and asset route answers 3,000 hostile requests with no 5xx and no write', async (t) => {
  await runFuzz(t, {
    // Every route no other fuzz file owns, including ones added later, plus paths that match nothing.
    routes: (registered) => [
      ...registered.filter((path) => !GROUPED.has(path)),
      '/no/such/page',
      '/discuss',
      '/u',
    ],
    requests: 3000,
    postWeight: 0,
  });
});
