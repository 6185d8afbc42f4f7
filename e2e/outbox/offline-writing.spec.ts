import { expect } from '../support/fixtures.ts';
import { networkSwitch, OFFLINE_MODES } from '../support/offline-modes.ts';
import { savedCopyHtml } from '../support/saved-caches.ts';
import {
  commentsBy,
  elapsedSince,
  forEachSyncMode,
  idempotencyKeysOf,
  marks,
  markWith,
  query,
  realComment,
  replyToPending,
  outboxTest as test,
  WAITING,
  writeComment,
} from './support.ts';

for (const mode of OFFLINE_MODES) {
  forEachSyncMode((sync) => {
    test(`comments, a reply to a pending comment and a vote written offline land once, in order (${mode}, ${sync})`, async ({
      page,
      server,
      thread,
      writer,
    }) => {
      expect(await page.evaluate(() => 'SyncManager' in globalThis)).toBe(sync === 'Background Sync');

      const network = networkSwitch(page, mode);
      await network.goOffline();
      await writeComment(page, 'First, written offline.');
      await writeComment(page, 'Second, also offline.');
      await replyToPending(page, 'First, written offline.', 'A reply to the first, before it exists.');
      await page.getByRole('button', { name: 'Upvote this discussion' }).click();

      // Shown in place, marked as waiting: the reply under its pending parent, the vote on its widget.
      await expect(marks(page)).toHaveCount(3);
      await expect(page.locator('.outbox-status')).toHaveText(Array(3).fill(WAITING));
      await expect(markWith(page, 'First, written offline.').locator('.outbox-item')).toContainText(
        'A reply to the first',
      );
      await expect(page.locator('#post .score')).toHaveText('1');
      await expect(page.locator('#post .vote-pending')).toBeVisible();
      await expect(page.locator('li.comment')).toHaveCount(1);

      // Kept across a reload while still offline (the worker serves the saved thread).
      const reloaded = await page.reload();
      expect(reloaded?.fromServiceWorker()).toBe(true);
      await expect(marks(page)).toHaveCount(3);
      await expect(page.locator('.outbox-status')).toHaveText(Array(3).fill(WAITING));
      await expect(markWith(page, 'First, written offline.').locator('.outbox-item')).toContainText(
        'A reply to the first',
      );
      await expect(page.locator('#post .vote-pending')).toBeVisible();
      expect(commentsBy(server, writer, thread.id)).toEqual([]);

      // Back online: everything lands, in the order written, and becomes the real thing without a reload.
      const reconnected = performance.now();
      await network.goOnline();
      await expect(marks(page)).toHaveCount(0, { timeout: 30_000 });
      await expect(page.locator('.vote-pending')).toHaveCount(0);
      test
        .info()
        .annotations.push({ type: 'delivery', description: `4 items in ${elapsedSince(reconnected)} ms` });
      const rows = commentsBy(server, writer, thread.id);
      expect(rows.map((row) => row.body)).toEqual([
        'First, written offline.',
        'Second, also offline.',
        'A reply to the first, before it exists.',
      ]);
      expect(rows[0]?.parentId).toBeNull();
      expect(rows[1]?.parentId).toBeNull();
      expect(rows[2]?.parentId).toBe(rows[0]?.id);
      const votes = query<{ value: number }>(
        server,
        'SELECT v.value FROM post_votes v JOIN users u ON u.id = v.user_id WHERE u.username = ? AND v.post_id = ?',
        writer,
        thread.id,
      );
      expect(votes).toEqual([{ value: 1 }]);
      expect(
        idempotencyKeysOf(server, writer)
          .map((row) => row.request)
          .sort(),
      ).toEqual([
        `POST /discuss/${thread.id}/comments`,
        `POST /discuss/${thread.id}/comments`,
        `POST /discuss/${thread.id}/comments`,
        `POST /discuss/${thread.id}/vote`,
      ]);

      // The page shows them as the server renders them, with permalinks, the reply nested under its parent.
      const first = page.locator(`#c${rows[0]?.id}`);
      await expect(first.locator(':scope > .item-head .prose')).toHaveText('First, written offline.');
      await expect(first.locator(`#c${rows[2]?.id} .prose`)).toHaveText(
        'A reply to the first, before it exists.',
      );
      await expect(first.locator(':scope > .item-head .permalink')).toHaveAttribute(
        'href',
        `#c${rows[0]?.id}`,
      );
      await expect(page.locator(`#c${rows[1]?.id} .prose`)).toHaveText('Second, also offline.');
      await expect(page.locator('#post .score')).toHaveText('1');
      await expect(page.getByRole('button', { name: 'Remove upvote this discussion' })).toBeVisible();

      // The worker's saved copy was refreshed, and a reload shows each exactly once.
      await expect
        .poll(() => savedCopyHtml(page, thread.path))
        .toContain('A reply to the first, before it exists.');
      await page.reload();
      for (const text of ['First, written offline.', 'Second, also offline.', 'A reply to the first']) {
        await expect(realComment(page, text)).toHaveCount(1);
      }
      await expect(marks(page)).toHaveCount(0);
    });
  });
}
