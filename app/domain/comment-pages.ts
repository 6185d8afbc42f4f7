/**
 * How a discussion of any size is shown in pages of bounded size, as Reddit and HN do for huge
 * threads. A listing is a list of sibling threads: the discussion's top-level comments, or the
 * replies of one comment on that comment's own page. A listing is cut into pages of
 * THREADS_PER_PAGE threads, counted in the order they were written, deleted ones included, so a
 * page keeps the threads it has as the discussion grows (new comments only ever come last).
 * Each page shows its threads and then their replies, level by level, until COMMENTS_PER_PAGE
 * comments are shown; a comment whose replies did not fit links to its own page ("continue this
 * thread"), which lists those replies the same way.
 */

/** Threads on one page: an ordinary discussion (a hundred-odd comments) fits on one. */
export const THREADS_PER_PAGE = 100;
/**
 * Comments one page renders at most, whatever its threads hold: about as many as Reddit shows, and
 * few enough that rendering a page nobody has asked for yet (render work blocks every other
 * request) holds up the rest of the site for only a moment.
 */
export const COMMENTS_PER_PAGE = 200;

/** What the pages need of a comment: where it hangs and whether its text was deleted. */
export interface OutlineRow {
  id: number;
  parentId: number | null;
  deleted: boolean;
}

/** Where a comment is shown: on a page of the discussion, or on a page of one comment's thread. */
export type CommentPlace =
  | { kind: 'discussion'; page: number }
  | { kind: 'thread'; of: number; page: number };

/** A page's comments: the ids shown, and for each shown comment the replies (counted in full) that did not fit. */
export interface PageSelection {
  shown: Set<number>;
  more: Map<number, number>;
}

/**
 * The shape of a discussion's comments without their text: cheap to load for every comment of a
 * huge discussion, so that only the comments a page shows are loaded in full.
 */
export class CommentOutline {
  private readonly children = new Map<number | null, number[]>([[null, []]]);
  private readonly parents = new Map<number, number | null>();
  private readonly deleted = new Set<number>();
  /** Comments shown in a subtree: a deleted comment shows as "[deleted]" only above a shown reply. */
  private readonly sizes = new Map<number, number>();

  /** `rows` in id order: a reply's id is always higher than its parent's. */
  constructor(rows: readonly OutlineRow[]) {
    for (const { id, parentId, deleted } of rows) {
      if (deleted) this.deleted.add(id);
      this.parents.set(id, parentId);
      this.children.set(id, []);
      this.children.get(parentId)?.push(id);
    }
    for (let index = rows.length - 1; index >= 0; index--) {
      const { id, deleted } = rows[index] as OutlineRow;
      let below = 0;
      for (const child of this.children.get(id) ?? []) below += this.sizes.get(child) ?? 0;
      this.sizes.set(id, below + (deleted && below === 0 ? 0 : 1));
    }
  }

  /**
   * Adds the newest comment (its id above every other's), as a comment write does: the cost is the
   * comment's depth, not the discussion's size. The outline changes in place; whoever keeps it must
   * drop it if the write rolls back (see outlineWithNewComment in app/routes/comment-listing.ts).
   */
  addNewest({ id, parentId, deleted }: OutlineRow): this {
    this.parents.set(id, parentId);
    this.children.set(id, []);
    this.children.get(parentId)?.push(id);
    if (deleted) this.deleted.add(id);
    this.sizes.set(id, deleted ? 0 : 1);
    // Each ancestor's size is its shown replies' plus itself, unless it is a deleted comment
    // with nothing shown below it: carry the change up until it stops changing anything.
    let change = deleted ? 0 : 1;
    for (let at = parentId; at !== null && change !== 0; at = this.parentOf(at)) {
      const before = this.sizes.get(at) ?? 0;
      const below = Math.max(0, before - 1) + change;
      const after = below + (this.deleted.has(at) && below === 0 ? 0 : 1);
      this.sizes.set(at, after);
      change = after - before;
    }
    return this;
  }

  has(id: number): boolean {
    return this.parents.has(id);
  }

  /** Whether the comment shows anywhere: it is live, or a placeholder above a live reply. */
  isShown(id: number): boolean {
    return (this.sizes.get(id) ?? 0) > 0;
  }

  parentOf(id: number): number | null {
    return this.parents.get(id) ?? null;
  }

  /** Pages of the listing of `parent` (null: the discussion's top-level comments); at least one. */
  pageCount(parent: number | null): number {
    return Math.max(1, Math.ceil((this.children.get(parent)?.length ?? 0) / THREADS_PER_PAGE));
  }

  /** The comments page `page` of `parent`'s listing shows, with `focus` (a thread page's own comment) first. */
  select(parent: number | null, page: number): PageSelection {
    const start = (page - 1) * THREADS_PER_PAGE;
    const threads = (this.children.get(parent) ?? []).slice(start, start + THREADS_PER_PAGE);
    const shown = new Set<number>(parent === null ? [] : [parent]);
    const more = new Map<number, number>();
    let level = threads.filter((id) => this.isShown(id));
    for (const id of level) shown.add(id);
    while (level.length > 0) {
      const next: number[] = [];
      for (const id of level) {
        for (const reply of this.children.get(id) ?? []) {
          if (!this.isShown(reply)) continue;
          if (shown.size < COMMENTS_PER_PAGE) {
            shown.add(reply);
            next.push(reply);
          } else {
            more.set(id, (more.get(id) ?? 0) + (this.sizes.get(reply) ?? 0));
          }
        }
      }
      level = next;
    }
    return { shown, more };
  }

  /** The page that shows the comment in its place, or undefined for a comment no page shows. */
  locate(id: number): CommentPlace | undefined {
    if (!this.isShown(id)) return undefined;
    const chain: number[] = [];
    for (let at: number | null = id; at !== null; at = this.parentOf(at)) chain.unshift(at);
    let listing: number | null = null;
    for (;;) {
      const first = chain[listing === null ? 0 : chain.indexOf(listing) + 1] as number;
      const page = this.pageOf(listing, first);
      const { shown } = this.select(listing, page);
      if (shown.has(id))
        return listing === null ? { kind: 'discussion', page } : { kind: 'thread', of: listing, page };
      // The deepest comment of the chain this page shows has the rest on its own page.
      listing = chain.findLast((ancestor) => shown.has(ancestor)) as number;
    }
  }

  private pageOf(parent: number | null, thread: number): number {
    const index = this.children.get(parent)?.indexOf(thread) ?? 0;
    return Math.floor(index / THREADS_PER_PAGE) + 1;
  }
}
