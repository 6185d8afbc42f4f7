import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_COMMENT_DEPTH } from '../../app/domain/limits.ts';
import { buildCommentTree, type CommentNode, replyPlacement } from '../../app/domain/tree.ts';
import type { CommentRow } from '../../db/repositories/comments.ts';

function row(id: number, parentId: number | null, depth: number, deleted = false): CommentRow {
  return {
    id,
    discussionId: 1,
    parentId,
    authorId: 1,
    author: 'asha',
    depth,
    bodyMd: deleted ? '' : `comment ${id}`,
    bodyHtml: deleted ? '' : `<p>comment ${id}</p>`,
    score: 0,
    createdAt: id,
    editedAt: null,
    deletedAt: deleted ? 1000 : null,
  };
}

/** The tree as nested ids, e.g. [1, [2, [3]]] reads "1 with reply 2, which has reply 3". */
function shape(nodes: CommentNode[]): unknown[] {
  return nodes.map((node) => (node.replies.length === 0 ? node.id : [node.id, shape(node.replies)]));
}

test('the flat, id-ordered list becomes a nested tree in order', () => {
  const tree = buildCommentTree([row(1, null, 0), row(2, 1, 1), row(3, null, 0), row(4, 2, 2), row(5, 1, 1)]);
  assert.deepEqual(shape(tree), [[1, [[2, [4]], 5]], 3]);
  assert.equal(tree[0]?.replies[0]?.replies[0]?.bodyHtml, '<p>comment 4</p>');
});

test('a deleted comment with replies stays as a placeholder; a deleted leaf disappears', () => {
  const tree = buildCommentTree([
    row(1, null, 0, true),
    row(2, 1, 1),
    row(3, null, 0, true),
    row(4, 2, 2, true),
  ]);
  assert.deepEqual(shape(tree), [[1, [2]]]);
  assert.notEqual(tree[0]?.deletedAt, null);
});

test('a chain of deleted comments survives when a live reply sits at its end', () => {
  const tree = buildCommentTree([row(1, null, 0, true), row(2, 1, 1, true), row(3, 2, 2)]);
  assert.deepEqual(shape(tree), [[1, [[2, [3]]]]]);
  assert.deepEqual(shape(buildCommentTree([row(1, null, 0, true), row(2, 1, 1, true)])), []);
});

test('an empty thread is an empty tree', () => {
  assert.deepEqual(buildCommentTree([]), []);
});

test(`replies nest until depth ${MAX_COMMENT_DEPTH}, then attach beside the deepest allowed comment`, () => {
  assert.deepEqual(replyPlacement({ id: 7, parentId: null, depth: 0 }), { parentId: 7, depth: 1 });
  assert.deepEqual(replyPlacement({ id: 9, parentId: 8, depth: MAX_COMMENT_DEPTH - 1 }), {
    parentId: 9,
    depth: MAX_COMMENT_DEPTH,
  });
  assert.deepEqual(replyPlacement({ id: 10, parentId: 9, depth: MAX_COMMENT_DEPTH }), {
    parentId: 9,
    depth: MAX_COMMENT_DEPTH,
  });
  assert.equal(MAX_COMMENT_DEPTH, 8);
});
