import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  EXCERPT_LENGTH,
  excerptOf,
  groupByDiscussion,
  groupHeading,
  type InboxItem,
  MAX_UNREAD_SHOWN,
  unreadLabel,
} from '../../app/domain/inbox.ts';

function item(id: number, discussionId: number, unread: boolean): InboxItem {
  return {
    reason: 'following',
    discussionId,
    discussionTitle: `Discussion ${discussionId}`,
    commentId: id * 10,
    actor: 'asha',
    excerpt: '',
    createdAt: id,
    unread,
  };
}

test('notifications group per discussion, the one with the newest first, keeping their order', () => {
  const groups = groupByDiscussion([
    item(5, 2, true),
    item(4, 1, false),
    item(3, 2, false),
    item(2, 1, true),
  ]);
  assert.deepEqual(
    groups.map((group) => [group.discussionId, group.items.map((i) => i.commentId / 10), group.unread]),
    [
      [2, [5, 3], 1],
      [1, [4, 2], 1],
    ],
  );
});

test('a group heading counts the new replies, or all of them once read', () => {
  assert.equal(groupHeading({ items: [item(1, 1, true)], unread: 1 }), '1 new reply in');
  assert.equal(
    groupHeading({ items: [item(1, 1, true), item(2, 1, true), item(3, 1, false)], unread: 2 }),
    '2 new replies in',
  );
  assert.equal(groupHeading({ items: [item(1, 1, false), item(2, 1, false)], unread: 0 }), '2 replies in');
});

test(`the unread count reads ${MAX_UNREAD_SHOWN}+ beyond ${MAX_UNREAD_SHOWN}`, () => {
  assert.equal(unreadLabel(7), '7');
  assert.equal(unreadLabel(MAX_UNREAD_SHOWN), String(MAX_UNREAD_SHOWN));
  assert.equal(unreadLabel(MAX_UNREAD_SHOWN + 1), `${MAX_UNREAD_SHOWN}+`);
});

test('an excerpt is one line, cut at a word, never inside a character', () => {
  assert.equal(excerptOf('  Two\n\nparagraphs  '), 'Two paragraphs');
  const long = `${'word '.repeat(40)}end`;
  const excerpt = excerptOf(long);
  assert.ok(excerpt.endsWith('word…'), excerpt);
  assert.ok(excerpt.length <= EXCERPT_LENGTH + 1);
  // A Devanagari syllable is several code points; a cut between them would leave a dangling sign.
  const hindi = 'नमस्ते दुनिया'.repeat(30).replaceAll(' ', '');
  const characters = (text: string) => [...new Intl.Segmenter().segment(text)].map((s) => s.segment);
  const cut = excerptOf(hindi);
  assert.ok(cut.endsWith('…'));
  assert.deepEqual(characters(cut.slice(0, -1)), characters(hindi).slice(0, EXCERPT_LENGTH));
});
