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

/** Whole minutes left to edit, rounded up as a person counts them; 0 once the window has closed. */
export function editMinutesLeft(item: Pick<Authored, 'createdAt'>, now = Date.now()): number {
  return Math.max(0, Math.ceil((item.createdAt + EDIT_WINDOW_MS - now) / 60_000));
}

/** The live item is the viewer's own: what the interface explains to its author, such as a closed edit window. */
export function isOwn(item: Authored, userId: number | undefined): boolean {
  return userId === item.authorId && item.deletedAt === null;
}

/** Authors may always withdraw what they wrote. */
export function canDelete(item: Authored, userId: number | undefined): boolean {
  return userId === item.authorId && item.deletedAt === null;
}

/** Voting on your own item would let anyone mint karma. */
export function canVote(item: Authored, userId: number | undefined): boolean {
  return userId !== undefined && userId !== item.authorId && item.deletedAt === null;
}
