import type { PageStore, ReadAheadSave, ReadAheadSaveOptions } from './page-store.ts';

export interface QueuedPage {
  url: string;
  /** The listing page itself is one the person opened; the discussions are read ahead. */
  readAhead: boolean;
}

export type Step = ReadAheadSave | 'skipped' | 'paused' | 'unreachable';

export interface StepOptions extends ReadAheadSaveOptions {
  pages: PageStore;
  fetch: (request: Request) => Promise<Response>;
  isSavable: (request: Request, response: Response) => boolean;
}

/**
 * Fetches one queued page and saves it if it is savable. "paused" when `signal` aborted it (a
 * navigation started), "unreachable" on a network error: the connection is gone, and so is the
 * point of going on now.
 */
export async function fetchAndSave(
  page: QueuedPage,
  signal: AbortSignal,
  options: StepOptions,
): Promise<Step> {
  const { pages, budgetBytes, wanted } = options;
  const request = new Request(page.url, { signal });
  const savable = options.fetch(request).then(async (answer) => {
    if (options.isSavable(request, answer)) return answer;
    await answer.body?.cancel();
    return undefined;
  });
  try {
    // The save is handed the fetch itself, so a logout waits for it however long it takes.
    if (!page.readAhead) return await pages.savePage(page.url, savable).then(() => 'saved');
    return await pages.saveReadAhead(page.url, savable, { budgetBytes, wanted });
  } catch (error) {
    if (signal.aborted) return 'paused';
    return error instanceof TypeError ? 'unreachable' : 'skipped';
  }
}
