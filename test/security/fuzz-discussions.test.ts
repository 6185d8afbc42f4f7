import { test } from 'node:test';
import { DISCUSSION_WRITES, runFuzz } from './support/run-fuzz.ts';

test('starting, editing, deleting and voting on discussions survive 3,000 hostile requests', async (t) => {
  await runFuzz(t, { routes: () => DISCUSSION_WRITES, requests: 3000, postWeight: 30 });
});
