import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EDIT_WINDOW_MS } from '../../app/domain/limits.ts';
import { canDelete, canEdit, canVote } from '../../app/domain/permissions.ts';

const NOW = Date.UTC(2025, 0, 1);
const AUTHOR = 7;
const OTHER = 8;
const item = (ageMs: number, deleted = false) => ({
  authorId: AUTHOR,
  createdAt: NOW - ageMs,
  deletedAt: deleted ? NOW : null,
});

test('the edit window is sixty minutes', () => {
  assert.equal(EDIT_WINDOW_MS, 60 * 60 * 1000);
});

test('only the author edits, and only within the window', () => {
  assert.equal(canEdit(item(0), AUTHOR, NOW), true);
  assert.equal(canEdit(item(EDIT_WINDOW_MS), AUTHOR, NOW), true, 'the last moment of the window');
  assert.equal(canEdit(item(EDIT_WINDOW_MS + 1), AUTHOR, NOW), false, 'just past the window');
  assert.equal(canEdit(item(0), OTHER, NOW), false, 'someone else');
  assert.equal(canEdit(item(0), undefined, NOW), false, 'a visitor who is not logged in');
  assert.equal(canEdit(item(0, true), AUTHOR, NOW), false, 'a deleted item');
});

test('only the author deletes, at any age, and only once', () => {
  assert.equal(canDelete(item(30 * 24 * 3600_000), AUTHOR), true);
  assert.equal(canDelete(item(0), OTHER), false);
  assert.equal(canDelete(item(0), undefined), false);
  assert.equal(canDelete(item(0, true), AUTHOR), false);
});

test('anyone logged in votes, except on their own or deleted items', () => {
  assert.equal(canVote(item(0), OTHER), true);
  assert.equal(canVote(item(0), AUTHOR), false);
  assert.equal(canVote(item(0), undefined), false);
  assert.equal(canVote(item(0, true), OTHER), false);
});
