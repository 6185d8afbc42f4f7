import { Type } from '@sinclair/typebox';
import type { DiscussionComment } from '../../db/repositories/comments.ts';
import {
  CommentOutline,
  type CommentPlace,
  type OutlineRow,
  type PageSelection,
} from '../domain/comment-pages.ts';
import { IdParams } from './schemas.ts';

/**
 * The comments one page of a discussion shows (see app/domain/comment-pages.ts), loaded as two
 * queries however large the discussion: the outline of all its comments, then the shown ones in full.
 */

/** `?page=N` of a discussion or a thread; a page past the last is a 404, so no bound is needed here. */
export const PageQuery = Type.Object({
  page: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, default: 1 }),
});

/** A thread page's address: the discussion, and the comment whose replies it lists. */
export const ThreadParams = Type.Object({
  id: IdParams.properties.id,
  commentId: IdParams.properties.id,
});

/** A shown comment, with the replies shown under it and how many more continue on its own page. */
export type ShownComment = DiscussionComment & { replies: ShownComment[]; more: number };

/** What the routes need of the comments repository. */
interface CommentSource {
  outline(discussionId: number): ConstructorParameters<typeof CommentOutline>[0];
  listByIds(discussionId: number, ids: readonly number[]): DiscussionComment[];
}

export interface CommentPage {
  /** The listing's threads (or, on a thread page, its one comment), each with the replies shown. */
  comments: ShownComment[];
  page: number;
  pageCount: number;
}

/** The address of a page of the discussion (`of` null) or of one comment's thread. */
export function listingUrl(discussionId: number, of: number | null, page = 1): string {
  const path = of === null ? `/discuss/${discussionId}` : `/discuss/${discussionId}/comments/${of}`;
  return page === 1 ? path : `${path}?page=${page}`;
}

function placeUrl(discussionId: number, place: CommentPlace): string {
  return listingUrl(discussionId, place.kind === 'discussion' ? null : place.of, place.page);
}

/** The outline of a discussion's comments as they are now, to find pages and places in. */
export function outlineOf(source: CommentSource, discussionId: number): CommentOutline {
  return new CommentOutline(source.outline(discussionId));
}

/**
 * Outlines of the discussions read most recently, each for the revision it was loaded at. Every
 * view of a page must know whether that page exists before the page cache can answer it, and
 * loading the outline of a huge discussion for every view would cost more than the page cache
 * saves. A few are enough: they are for the discussions being read right now.
 */
const OUTLINES_KEPT = 8;
const keptOutlines = new WeakMap<CommentSource, Map<number, { revision: number; outline: CommentOutline }>>();

/** The outline of the discussion at `revision` (its current one), loaded once per revision. */
export function outlineAt(source: CommentSource, discussionId: number, revision: number): CommentOutline {
  const found = keptOutlines.get(source)?.get(discussionId);
  const outline = found?.revision === revision ? found.outline : outlineOf(source, discussionId);
  // Kept again on every use: the Map's first key is then the one read least recently.
  keepOutline(source, discussionId, revision, outline);
  return outline;
}

/**
 * The outline just after a comment was written, at the discussion's new `revision`, inside the
 * write: the kept outline of the revision before with that comment added, when there is one
 * (writing into a huge discussion then costs the comment's depth, not reading every comment
 * again). It is kept at `revision` at once, so that the next comment of the same group commit
 * (db/write-batch.ts) extends it in turn; a write that then fails to commit must
 * forgetOutline(), or a later look could trust an outline with a comment that does not exist.
 */
export function outlineWithNewComment(
  source: CommentSource,
  discussionId: number,
  revision: number,
  comment: OutlineRow,
): CommentOutline {
  const kept = keptOutlines.get(source)?.get(discussionId);
  const outline =
    kept?.revision === revision - 1 ? kept.outline.addNewest(comment) : outlineOf(source, discussionId);
  keepOutline(source, discussionId, revision, outline);
  return outline;
}

/** Drops the discussion's kept outline: the next look loads it again. */
export function forgetOutline(source: CommentSource, discussionId: number): void {
  keptOutlines.get(source)?.delete(discussionId);
}

/** Keeps `outline` as the discussion's at `revision`, for the next page view or write to start from. */
export function keepOutline(
  source: CommentSource,
  discussionId: number,
  revision: number,
  outline: CommentOutline,
): void {
  const kept = keptOutlines.get(source) ?? new Map();
  keptOutlines.set(source, kept);
  kept.delete(discussionId);
  kept.set(discussionId, { revision, outline });
  if (kept.size > OUTLINES_KEPT) kept.delete(kept.keys().next().value as number);
}

/** Whether `of` (null: the discussion itself) is shown and its listing has page `page`. */
export function hasPage(outline: CommentOutline, of: number | null, page: number): boolean {
  return (of === null || outline.isShown(of)) && page <= outline.pageCount(of);
}

/** Page `page` of the listing of `of` (null: the discussion's top-level comments); see hasPage. */
export function loadCommentPage(
  source: CommentSource,
  discussionId: number,
  of: number | null,
  page: number,
  outline: CommentOutline,
): CommentPage {
  const selection = outline.select(of, page);
  const rows = source.listByIds(discussionId, [...selection.shown]);
  return { comments: assemble(rows, selection), page, pageCount: outline.pageCount(of) };
}

/** The shown rows (id order, parents first) as nested comments; those without a shown parent lead. */
function assemble(rows: DiscussionComment[], { more }: PageSelection): ShownComment[] {
  const byId = new Map<number, ShownComment>();
  const leading: ShownComment[] = [];
  for (const row of rows) {
    const node = Object.assign(row, { replies: [], more: more.get(row.id) ?? 0 }) as ShownComment;
    byId.set(row.id, node);
    const parent = row.parentId === null ? undefined : byId.get(row.parentId);
    (parent ? parent.replies : leading).push(node);
  }
  return leading;
}

/**
 * Where a comment is read in its place: `/discuss/:id#c<id>` whenever the discussion's first page
 * shows it (every ordinary discussion), otherwise the page that does.
 */
export function commentUrl(
  source: CommentSource,
  comment: { id: number; discussionId: number },
  outline = outlineOf(source, comment.discussionId),
): string {
  const place = outline.locate(comment.id);
  const page = place ? placeUrl(comment.discussionId, place) : `/discuss/${comment.discussionId}`;
  return `${page}#c${comment.id}`;
}

/** What commentUrls needs of the discussions repository: which are live, at which revision. */
interface RevisionSource {
  revisions(ids: readonly number[]): { id: number; revision: number }[];
}

/**
 * Where each of a listing's comments (search results, a profile) is read in its place, as
 * commentUrl says, keyed by comment id. Each discussion's outline is loaded once for the listing,
 * through outlineAt, so a listing of many comments from one huge discussion costs one outline.
 */
export function commentUrls(
  source: CommentSource,
  discussions: RevisionSource,
  comments: readonly { id: number; discussionId: number }[],
): Map<number, string> {
  const revisions = discussions.revisions([...new Set(comments.map((c) => c.discussionId))]);
  const revisionOf = new Map(revisions.map(({ id, revision }) => [id, revision]));
  const urls = new Map<number, string>();
  for (const comment of comments) {
    const revision = revisionOf.get(comment.discussionId);
    // A deleted discussion has no place to read a comment in: its address answers the 404.
    urls.set(
      comment.id,
      revision === undefined
        ? `/discuss/${comment.discussionId}#c${comment.id}`
        : commentUrl(source, comment, outlineAt(source, comment.discussionId, revision)),
    );
  }
  return urls;
}

/** Where one comment is read in its place, through the kept outline as commentUrls. */
export function keptCommentUrl(
  source: CommentSource,
  discussions: RevisionSource,
  comment: { id: number; discussionId: number },
): string {
  return commentUrls(source, discussions, [comment]).get(comment.id) as string;
}
