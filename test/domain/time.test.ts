import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitPhrase } from '../../app/domain/time.ts';

test('the wait a rate limit asks for is rounded up to what a person would say', () => {
  assert.equal(waitPhrase(1), '1 minute');
  assert.equal(waitPhrase(60), '1 minute');
  assert.equal(waitPhrase(61), '2 minutes');
  assert.equal(waitPhrase(3540), '59 minutes');
  // A limit checked a moment after it started: the hour is still an hour, not "60 minutes".
  assert.equal(waitPhrase(3599), '1 hour');
  assert.equal(waitPhrase(3600), '1 hour');
  assert.equal(waitPhrase(3660), '2 hours');
  assert.equal(waitPhrase(Number.NaN), '1 minute');
});
