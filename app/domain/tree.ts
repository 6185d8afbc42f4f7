import type { CommentRow, ThreadComment } from '../../db/queries/comments.ts';
import { MAX_COMMENT_DEPTH } from './limits.ts';

export interface CommentNode extends ThreadComment {
  replies: CommentNode[];
}

/**
 * Builds the nested tree from the flat, id-ordered list in one pass (a parent's
 * id is always lower than its replies'). Deleted comments stay only as
 * placeholders for replies; a deleted leaf disappears. The rows become the
 * nodes, extended in place rather than copied: a 5,000-comment thread
 * allocates enough already to push the garbage collector.
 */
export function buildCommentTree(rows: ThreadComment[]): CommentNode[] {
  const byId = new Map<number, CommentNode>();
  const roots: CommentNode[] = [];
  for (const row of rows) {
    const node = row as CommentNode;
    node.replies = [];
    byId.set(row.id, node);
    const parent = row.parentId === null ? undefined : byId.get(row.parentId);
    (parent ? parent.replies : roots).push(node);
  }
  return prune(roots);
}

function prune(nodes: CommentNode[]): CommentNode[] {
  const kept: CommentNode[] = [];
  for (const node of nodes) {
    node.replies = prune(node.replies);
    if (node.deletedAt === null || node.replies.length > 0) kept.push(node);
  }
  return kept;
}

/** Where a reply to `parent` attaches: to it, or past MAX_COMMENT_DEPTH beside it, under its own parent. */
export function replyPlacement(parent: Pick<CommentRow, 'id' | 'parentId' | 'depth'>): {
  parentId: number | null;
  depth: number;
} {
  if (parent.depth < MAX_COMMENT_DEPTH) return { parentId: parent.id, depth: parent.depth + 1 };
  return { parentId: parent.parentId, depth: parent.depth };
}
