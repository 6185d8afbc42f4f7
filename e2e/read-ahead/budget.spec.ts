import { expect } from '../support/fixtures.ts';
import {
  listedPaths,
  readAheadBytes,
  readAheadEnded,
  savedCopies,
  readAheadTest as test,
} from './support.ts';

// A few of the front page's discussions fit; its longest are about 100 KB each.
test.use({ serverEnv: { SW_READ_AHEAD_BUDGET_KB: '300' } });

test('under a tiny budget, read-ahead copies stay within it and the run says it stopped there', async ({
  page,
}) => {
  await page.goto('/');
  const listed = await listedPaths(page);
  const ended = await readAheadEnded(page);
  expect(ended.outcome).toBe('budget-full');
  expect(ended.saved).toBeGreaterThan(0);
  expect(ended.saved).toBeLessThan(listed.length);
  const copies = await savedCopies(page);
  expect(readAheadBytes(copies)).toBeLessThanOrEqual(300 * 1024);
  // In the list's order: what was saved is the start of the front page.
  const readAhead = copies.filter((copy) => copy.kind === 'read-ahead').map((copy) => copy.path);
  expect(new Set(readAhead)).toEqual(new Set(listed.slice(0, ended.saved)));
});
