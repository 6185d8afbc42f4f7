import type { PinReply } from '../shared/page-worker-messages.ts';
import { DISCUSSION_PATH } from '../shared/saved-page-metadata.ts';
import type { PageStore } from './page-store.ts';
import { MAX_PINNED_PAGES, type PinOutcome } from './pinning.ts';

export interface PinRequestOptions {
  origin: string;
  pages: PageStore;
  /** Fetches and saves a discussion (for one not saved yet, or whose copy has gone). */
  saveDiscussion: (path: string) => Promise<void>;
}

function reply(outcome: PinOutcome): PinReply {
  const refused = outcome === 'limit' ? 'limit' : outcome === 'missing' ? 'unavailable' : undefined;
  return { type: 'pin-result', pinned: outcome === 'pinned', refused, limit: MAX_PINNED_PAGES };
}

/**
 * "Save for offline" and "Remove": pins or unpins a discussion's saved copy. A discussion with no
 * copy yet (its own save still under way, or evicted) is fetched and saved first; offline, that
 * fails, and the page is told it could not be saved.
 */
export async function answerPin(
  path: string,
  pinned: boolean,
  options: PinRequestOptions,
): Promise<PinReply> {
  if (!DISCUSSION_PATH.test(path)) return reply('missing');
  const url = new URL(path, options.origin).href;
  const outcome = await options.pages.setPinned(url, pinned);
  if (outcome !== 'missing') return reply(outcome);
  await options.saveDiscussion(path).catch(() => undefined);
  return reply(await options.pages.setPinned(url, true));
}
