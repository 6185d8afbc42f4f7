import { MAX_COMMENT_DEPTH } from './limits.ts';

/** What the tree needs of a comment; the rows carry more, and keep it. */
export interface TreeRow {
  id: number;
  parentId: number | null;
  deletedAt: number | null;
}

export type CommentNode<Row extends TreeRow = TreeRow> = Row & { replies: CommentNode<Row>[] };

/**
 * Builds the nested tree from the flat, id-ordered list in one pass (a parent's
 * id is always lower than its replies'). Deleted comments stay only as
 * placeholders for replies; a deleted leaf disappears. The rows become the
 * nodes, extended in place rather than copied: a 5,000-comment thread
 * allocates enough already to push the garbage collector.
 */
export function buildCommentTree<Row extends TreeRow>(rows: Row[]): CommentNode<Row>[] {
  const byId = new Map<number, CommentNode<Row>>();
  const roots: CommentNode<Row>[] = [];
  for (const row of rows) {
    const node = row as CommentNode<Row>;
    node.replies = [];
    byId.set(row.id, node);
    const parent = row.parentId === null ? undefined : byId.get(row.parentId);
    (parent ? parent.replies : roots).push(node);
  }
  return prune(roots);
}

function prune<Row extends TreeRow>(nodes: CommentNode<Row>[]): CommentNode<Row>[] {
  const kept: CommentNode<Row>[] = [];
  for (const node of nodes) {
    node.replies = prune(node.replies);
    if (node.deletedAt === null || node.replies.length > 0) kept.push(node);
  }
  return kept;
}

/** Where a reply to `parent` attaches: to it, or past MAX_COMMENT_DEPTH beside it, under its own parent. */
export function replyPlacement(parent: { id: number; parentId: number | null; depth: number }): {
  parentId: number | null;
  depth: number;
} {
  if (parent.depth < MAX_COMMENT_DEPTH) return { parentId: parent.id, depth: parent.depth + 1 };
  return { parentId: parent.parentId, depth: parent.depth };
}
