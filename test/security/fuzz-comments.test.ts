import { test } from 'node:test';
import { COMMENT_ROUTES, runFuzz } from './support/run-fuzz.ts';

test('commenting, replying, editing, deleting and voting on comments survive 3,000 hostile requests', async (t) => {
  await runFuzz(t, { routes: () => COMMENT_ROUTES, requests: 3000, postWeight: 30 });
});
