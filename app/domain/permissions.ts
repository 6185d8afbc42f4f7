import { EDIT_WINDOW_MS } from './limits.ts';

interface Authored {
  authorId: number;
  createdAt: number;
  deletedAt: number | null;
}

/** Only the author edits, and only within the edit window: the original charcha let anyone edit anything. */
export function canEdit(item: Authored, userId: number | undefined, now = Date.now()): boolean {
  return userId === item.authorId && item.deletedAt === null && now - item.createdAt <= EDIT_WINDOW_MS;
}

/** Authors may always withdraw what they wrote. */
export function canDelete(item: Authored, userId: number | undefined): boolean {
  return userId === item.authorId && item.deletedAt === null;
}

/** Voting on your own item would let anyone mint karma. */
export function canVote(item: Authored, userId: number | undefined): boolean {
  return userId !== undefined && userId !== item.authorId && item.deletedAt === null;
}
