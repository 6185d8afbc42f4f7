import { change, type OutboxItem, readOutbox } from '../../shared/outbox-store.ts';
import { askInDialog } from '../confirm-dialog.ts';

/**
 * Logging out leaves nothing of the person's on this device, and that
 * includes what they wrote and have not sent: the next person at a shared
 * computer must not read it, and it can no longer be sent in their name. So
 * the person is told first what would be lost, and may stay logged in
 * instead (to send it when the network is back, or to copy it).
 */

/** What this person wrote that is still in the outbox: waiting, or shown because it could not be sent. */
export async function unsentWritesOf(user: string): Promise<OutboxItem[]> {
  return (await readOutbox()).filter((item) => item.user === user);
}

export function discardWritesOf(user: string): Promise<unknown> {
  return change((items, store) => {
    for (const item of items) if (item.user === user) store.delete(item.seq as number);
  });
}

const NOUNS: Record<OutboxItem['kind'], [string, string]> = {
  comment: ['comment', 'comments'],
  discussion: ['discussion', 'discussions'],
  vote: ['vote', 'votes'],
};

/** "2 comments and 1 vote" */
export function describeWrites(items: OutboxItem[]): string {
  const parts: string[] = [];
  for (const [kind, [one, many]] of Object.entries(NOUNS)) {
    const count = items.filter((item) => item.kind === kind).length;
    if (count > 0) parts.push(`${count} ${count === 1 ? one : many}`);
  }
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
}

/**
 * Asks, in a modal dialog, whether to discard `items` and log out. Resolves true to go ahead;
 * false (Stay logged in, or Escape) leaves everything as it was, focus back on `returnTo`.
 */
export function confirmDiscarding(items: OutboxItem[], returnTo: HTMLElement | null): Promise<boolean> {
  const what = describeWrites(items);
  return askInDialog(
    {
      title: 'Log out and discard what you have not sent?',
      text:
        `${what} you wrote on this device ${items.length === 1 ? 'has' : 'have'} not been sent. ` +
        'Logging out removes them from this device: they will not be sent, and nobody who uses it next can read them. ' +
        'Stay logged in to send them when you are back online, or to copy your text.',
      yes: 'Discard and log out',
      no: 'Stay logged in',
    },
    returnTo,
  );
}
