import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageShowing } from '../../sw/worker/delivered-page.ts';

const ORIGIN = 'https://charcha.example';

test('after a delivery the worker refreshes the saved page that shows the write, ?page included', () => {
  assert.equal(pageShowing('/discuss/7?page=3#c901', ORIGIN), '/discuss/7?page=3');
  assert.equal(pageShowing('/discuss/7/comments/40?page=2#c902', ORIGIN), '/discuss/7/comments/40?page=2');
  assert.equal(pageShowing('/discuss/7#c12', ORIGIN), '/discuss/7');
  assert.equal(pageShowing('/discuss/8', ORIGIN), '/discuss/8');
  assert.equal(pageShowing(`${ORIGIN}/discuss/7?page=2#c5`, ORIGIN), '/discuss/7?page=2');
});
