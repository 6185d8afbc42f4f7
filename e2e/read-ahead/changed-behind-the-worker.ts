import type { Page } from '@playwright/test';
import { expect, uniqueName } from '../support/fixtures.ts';
import { savedCopyHtml } from '../support/saved-caches.ts';
import type { RunningServer } from '../support/server.ts';
import { commentAsAnother, savedRevision } from './support.ts';

export interface ChangedDiscussion {
  /** The saved copy of the discussion has caught up: a newer revision, with the new comment. */
  expectRefreshed(): Promise<void>;
}

/**
 * Someone else comments on the discussion at `path`, which this page's worker has already read
 * ahead: the change a refresh must notice and fetch again.
 */
export async function changeBehindTheWorker(
  page: Page,
  server: RunningServer,
  path: string,
  label: string,
): Promise<ChangedDiscussion> {
  const revisionBefore = (await savedRevision(page, path)) ?? Number.POSITIVE_INFINITY;
  const comment = `${label} ${uniqueName('c')}`;
  await commentAsAnother(server, path, comment);
  return {
    async expectRefreshed() {
      expect(await savedRevision(page, path)).toBeGreaterThan(revisionBefore);
      expect(await savedCopyHtml(page, path)).toContain(comment);
    },
  };
}
