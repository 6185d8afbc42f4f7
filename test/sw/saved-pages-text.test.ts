/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes } from '../../sw/page/byte-sizes.ts';
import { describeReadAhead } from '../../sw/page/read-ahead-switch.ts';
import type { ReadAheadStatus } from '../../sw/shared/device-settings.ts';

const NOW = Date.UTC(2026, 11, 2);
const status = (outcome: ReadAheadStatus['outcome'], saved = 2): ReadAheadStatus => ({
  at: NOW - 5 * 60_000,
  listing: 'top',
  outcome,
  listed: 30,
  saved,
});

test('formatBytes: kilobytes, never zero, then megabytes and gigabytes with one decimal', () => {
  assert.equal(formatBytes(10), '1 KB');
  assert.equal(formatBytes(84 * 1024 + 300), '84 KB');
  assert.equal(formatBytes(25 * 1024 * 1024), '25.0 MB');
  assert.equal(formatBytes(1.25 * 1024 ** 3), '1.3 GB');
});

test('describeReadAhead says what the last run fetched, or why it did not run', () => {
  assert.match(describeReadAhead(null, NOW), /^Nothing has been read ahead on this device yet/);
  assert.equal(
    describeReadAhead(status('done'), NOW),
    'Last read ahead 5 minutes ago: 2 of the 30 discussions on the front page were fetched; the others were saved already and had not changed.',
  );
  assert.match(describeReadAhead(status('budget-full'), NOW), /fill the space they may use\.$/);
  assert.match(describeReadAhead(status('storage-full'), NOW), /storage for this site is full\.$/);
  assert.match(describeReadAhead(status('unreachable'), NOW), /the connection was lost\.$/);
  assert.match(describeReadAhead(status('save-data', 0), NOW), /^Not read ahead 5 minutes ago: .*Save-Data/);
  assert.match(describeReadAhead(status('slow-connection', 0), NOW), /too slow \(2G\)\.$/);
  assert.match(describeReadAhead(status('switched-off', 0), NOW), /switched off on this device\.$/);
});
