import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { expect, signUp, startDiscussion, test, uniqueName } from '../support/fixtures.ts';
import type { RunningServer } from '../support/server.ts';
import { expectSaved, waitForController } from '../support/service-worker.ts';

export const WAITING = "Waiting to send — will post when you're back online";

/** Background Sync as Chromium ships it, and without it: then only the page-driven path can deliver. */
export const SYNC_MODES = ['Background Sync', 'no SyncManager'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];

/** Deletes SyncManager before any page script runs, as a browser without Background Sync would look. */
export async function applySyncMode(target: Page | BrowserContext, mode: SyncMode): Promise<void> {
  if (mode === 'no SyncManager') {
    await target.addInitScript(() => {
      delete (globalThis as { SyncManager?: unknown }).SyncManager;
    });
  }
}

export interface Thread {
  id: number;
  path: string;
  /** A comment by the thread's author, for replies and votes. */
  commentId: number;
}

/** Someone else, in their own browser, starts a discussion and comments on it. */
export async function threadByAnother(browser: Browser, baseURL: string): Promise<Thread> {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  const page = await context.newPage();
  await signUp(page, uniqueName('author'));
  const id = await startDiscussion(page, `Outbox thread ${uniqueName('t')}`, 'Write here while offline.');
  await page.getByLabel('Add a comment').fill('A comment by the author.');
  await page.getByRole('button', { name: 'Post comment' }).click();
  const comment = page.locator('.comment').filter({ hasText: 'A comment by the author.' });
  const commentId = Number((await comment.getAttribute('data-comment-id')) ?? Number.NaN);
  await context.close();
  return { id, path: `/discuss/${id}`, commentId };
}

/** Signs up a writer and opens the thread online, with the worker in control and the thread saved. */
export async function openThreadAsWriter(page: Page, thread: Thread, name = uniqueName('writer')) {
  await signUp(page, name);
  await page.goto(thread.path);
  await waitForController(page);
  await page.reload();
  await expectSaved(page, thread.path);
  return name;
}

/** A discussion someone else started and keeps open, read by a writer, for scenarios where it goes. */
export interface ThreadToDelete {
  thread: Thread;
  /** The person signed up in `page`, who has the thread open online with the worker in control. */
  writer: string;
  /**
   * The writer writes `text` offline; while it waits, the author deletes the discussion from the
   * page they kept open (and closes their browser); then the network comes back.
   */
  writeOfflineThenDelete(text: string): Promise<void>;
}

interface OutboxFixtures {
  sync: SyncMode;
  thread: Thread;
  writer: string;
  threadToDelete: ThreadToDelete;
}

/**
 * The common start of a scenario, as fixtures: `thread` is a discussion someone else started, and
 * `writer` the name of a person signed up in `page` who has it open online, saved, with the worker in
 * control. The option `sync` (set with `test.use({ sync })`) says whether that page has Background Sync.
 */
export const outboxTest = test.extend<OutboxFixtures>({
  sync: ['Background Sync', { option: true }],
  thread: async ({ browser, baseURL }, use) => use(await threadByAnother(browser, baseURL ?? '')),
  writer: async ({ page, thread, sync }, use) => {
    await applySyncMode(page, sync);
    await use(await openThreadAsWriter(page, thread));
  },
  threadToDelete: async ({ page, browser, baseURL }, use) => {
    const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
    const author = await context.newPage();
    await signUp(author, uniqueName('author'));
    const id = await startDiscussion(author, `Soon gone ${uniqueName('t')}`, 'This will be deleted.');
    const thread = { id, path: `/discuss/${id}`, commentId: 0 };
    const writer = await openThreadAsWriter(page, thread);
    const writeOfflineThenDelete = async (text: string) => {
      await page.context().setOffline(true);
      await writeComment(page, text);
      await expect(markWith(page, text).locator('.outbox-status')).toHaveText(WAITING);
      await author.getByRole('button', { name: 'Delete' }).click();
      await author.getByRole('dialog').getByRole('button', { name: 'Delete discussion' }).click();
      await expect(author).toHaveURL(/\/$/);
      await context.close();
      await page.context().setOffline(false);
    };
    await use({ thread, writer, writeOfflineThenDelete });
    await context.close();
  },
});

/** Declares `tests` once for each sync mode, with that mode in effect for the `writer` fixture. */
export function forEachSyncMode(tests: (sync: SyncMode) => void): void {
  for (const sync of SYNC_MODES) {
    outboxTest.describe(() => {
      outboxTest.use({ sync });
      tests(sync);
    });
  }
}

export const marks = (page: Page): Locator => page.locator('.outbox-item');
export const markWith = (page: Page, text: string): Locator =>
  marks(page).filter({ has: page.locator(':scope > div > .outbox-text', { hasText: text }) });

export async function writeComment(page: Page, text: string): Promise<void> {
  await page.getByLabel('Add a comment').fill(text);
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect(markWith(page, text).or(realComment(page, text))).toHaveCount(1);
}

/** Replies to a comment still waiting in the outbox, from its own mark. */
export async function replyToPending(page: Page, parentText: string, text: string): Promise<void> {
  await markWith(page, parentText).getByRole('button', { name: 'Reply' }).first().click();
  await page.getByLabel('Your reply').fill(text);
  await page.getByRole('button', { name: 'Post reply' }).click();
  await expect(markWith(page, text)).toHaveCount(1);
}

export const realComment = (page: Page, text: string): Locator =>
  page.locator('li.comment').filter({ has: page.locator(':scope > .item-head .prose', { hasText: text }) });

/** Reads the server's SQLite file directly (read-only), as an auditor would. */
export function query<T>(server: RunningServer, sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export interface CommentRow {
  id: number;
  parentId: number | null;
  body: string;
}

/** Every comment the named person wrote in a thread, in the order the server stored them. */
export function commentsBy(server: RunningServer, username: string, discussionId: number): CommentRow[] {
  return query<CommentRow>(
    server,
    `SELECT c.id, c.parent_id AS parentId, c.body_md AS body FROM comments c
     JOIN users u ON u.id = c.author_id WHERE u.username = ? AND c.post_id = ? ORDER BY c.id`,
    username,
    discussionId,
  );
}

export function idempotencyKeysOf(
  server: RunningServer,
  username: string,
): { key: string; request: string }[] {
  return query(
    server,
    `SELECT k.key, k.request FROM idempotency_keys k JOIN users u ON u.id = k.user_id
     WHERE u.username = ? ORDER BY k.created_at`,
    username,
  );
}

/** Milliseconds since `start`, rounded, for the delivery-time notes. */
export const elapsedSince = (start: number): number => Math.round(performance.now() - start);

/** What the server does when a session expires: the row goes, the cookie the browser holds stops working. */
export function endSessionsOf(server: RunningServer, username: string): void {
  const db = new Database(server.databasePath, { fileMustExist: true });
  try {
    db.prepare('DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?)').run(
      username,
    );
  } finally {
    db.close();
  }
}
