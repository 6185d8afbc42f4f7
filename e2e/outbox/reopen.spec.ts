import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';
import { expect } from '../support/fixtures.ts';
import {
  applySyncMode,
  commentsBy,
  forEachSyncMode,
  marks,
  openThreadAsWriter,
  query,
  realComment,
  outboxTest as test,
  writeComment,
} from './support.ts';

forEachSyncMode((sync) => {
  test(`items pending when the browser closed are delivered when it is opened again online (${sync})`, async ({
    server,
    thread,
  }) => {
    // A real profile directory, so IndexedDB, cookies and the worker survive the browser closing.
    const profile = mkdtempSync(join(tmpdir(), 'charcha-outbox-profile-'));
    const { launchOptions } = test.info().project.use;
    const open = async (): Promise<BrowserContext> => {
      const context = await chromium.launchPersistentContext(profile, {
        ...launchOptions,
        baseURL: server.url,
        serviceWorkers: 'allow',
      });
      await applySyncMode(context, sync);
      return context;
    };
    try {
      let context = await open();
      let page = context.pages()[0] ?? (await context.newPage());
      const writer = await openThreadAsWriter(page, thread);

      await context.setOffline(true);
      const texts = ['Written before the browser closed.', 'And a second one.'];
      for (const text of texts) await writeComment(page, text);
      await page.getByRole('button', { name: 'Upvote comment by' }).first().click();
      await expect(marks(page)).toHaveCount(2);
      await expect(page.locator('.vote-pending')).toHaveCount(1);
      await context.close();
      expect(commentsBy(server, writer, thread.id)).toEqual([]);

      // Later, online, the person opens the browser on the front page, not on the thread.
      context = await open();
      // A tab of its own: the reopened profile may be restoring (and replacing) its previous tab.
      page = await context.newPage();
      await page.goto('/');
      await expect(page.locator('.account .me')).toContainText(writer);
      await expect.poll(() => commentsBy(server, writer, thread.id).map((row) => row.body)).toEqual(texts);
      const votes = () =>
        query(
          server,
          'SELECT v.value FROM comment_votes v JOIN users u ON u.id = v.user_id WHERE u.username = ? AND v.comment_id = ?',
          writer,
          thread.commentId,
        );
      await expect.poll(votes).toEqual([{ value: 1 }]);

      await page.goto(thread.path);
      for (const text of texts) await expect(realComment(page, text)).toHaveCount(1);
      await expect(marks(page)).toHaveCount(0);
      await expect(page.locator(`#c${thread.commentId} .score`).first()).toHaveText('1');
      await context.close();
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
