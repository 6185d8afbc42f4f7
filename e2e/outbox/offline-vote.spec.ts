import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import { networkSwitch, OFFLINE_MODES } from '../support/offline-modes.ts';
import { outboxContents } from './outbox-contents.ts';
import { marks, openThreadAsWriter, query, threadByAnother } from './support.ts';

/**
 * A vote cast offline looks like a vote at once: the arrow is pressed and the score moves, with a
 * small mark saying it is not sent yet; clicking the arrow again takes it back before it is sent.
 */

const NOT_SENT = 'Your vote is not sent yet. It will be sent when you are back online.';

const score = async (widget: Locator) => Number(await widget.locator('.score').textContent());

async function expectPending(page: Page, widget: Locator, button: string, shown: number) {
  const pressed = widget.getByRole('button', { name: button });
  await expect(pressed).toHaveAttribute('aria-pressed', 'true');
  await expect(widget.locator('.score')).toHaveText(String(shown));
  await expect(widget.locator('.vote-pending')).toBeVisible();
  await expect(pressed).toHaveAccessibleDescription(NOT_SENT);
  // A vote, not a card in the discussion.
  await expect(marks(page)).toHaveCount(0);
}

async function expectSent(widget: Locator, shown: number) {
  await expect(widget.locator('.score')).toHaveText(String(shown));
  await expect(widget.locator('.vote-pending')).toHaveCount(0);
  for (const button of await widget.getByRole('button').all()) {
    await expect(button).not.toHaveAttribute('aria-describedby', /./);
  }
}

for (const mode of OFFLINE_MODES) {
  test(`a vote cast offline moves the arrow and the score at once, can be taken back, and is sent once (${mode})`, async ({
    page,
    browser,
    baseURL,
    server,
  }) => {
    const thread = await threadByAnother(browser, baseURL ?? '');
    const writer = await openThreadAsWriter(page, thread);
    const discussion = page.locator('#post .vote');
    const comment = page.locator(`#c${thread.commentId} > .item-head .vote`);
    const discussionScore = await score(discussion);
    const commentScore = await score(comment);

    const network = networkSwitch(page, mode);
    await network.goOffline();
    await discussion.getByRole('button', { name: 'Upvote this discussion' }).click();
    await expectPending(page, discussion, 'Remove upvote this discussion', discussionScore + 1);

    // Still so after a reload offline (the worker serves the saved discussion).
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expectPending(page, discussion, 'Remove upvote this discussion', discussionScore + 1);

    // Clicking the pressed arrow again takes the vote back: nothing is left to send.
    await discussion.getByRole('button', { name: 'Remove upvote this discussion' }).click();
    await expect(discussion.getByRole('button', { name: 'Upvote this discussion' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
    await expectSent(discussion, discussionScore);
    await expect.poll(() => outboxContents(page)).toEqual([]);

    // A downvote on the comment, changed to an upvote: only the last choice waits.
    await comment.getByRole('button', { name: /^Downvote comment by/ }).click();
    await expectPending(
      page,
      comment,
      `Remove downvote comment by ${await authorOf(page, thread.commentId)}`,
      commentScore - 1,
    );
    await comment.getByRole('button', { name: /^Upvote comment by/ }).click();
    await expectPending(
      page,
      comment,
      `Remove upvote comment by ${await authorOf(page, thread.commentId)}`,
      commentScore + 1,
    );
    await expect
      .poll(async () => (await outboxContents(page)).map((item) => item.fields))
      .toEqual([{ direction: 'up' }]);

    // Back online it is sent; the score stays where it was shown, now the server's. (A saved copy
    // learns that the network is back by asking the server, backing off up to 30 s: connection.ts.)
    await network.goOnline();
    await expect(comment.locator('.vote-pending')).toHaveCount(0, { timeout: 30_000 });
    await expectSent(comment, commentScore + 1);
    await expect.poll(() => outboxContents(page)).toEqual([]);
    const votes = (table: string, column: string, id: number) =>
      query<{ value: number }>(
        server,
        `SELECT v.value FROM ${table} v JOIN users u ON u.id = v.user_id WHERE u.username = ? AND v.${column} = ?`,
        writer,
        id,
      );
    expect(votes('comment_votes', 'comment_id', thread.commentId)).toEqual([{ value: 1 }]);
    expect(votes('post_votes', 'post_id', thread.id)).toEqual([]);

    await page.reload();
    await expectSent(comment, commentScore + 1);
    await expectSent(discussion, discussionScore);
    await expect(comment.getByRole('button', { name: /^Remove upvote comment by/ })).toBeVisible();
  });
}

const authorOf = async (page: Page, commentId: number) =>
  (await page.locator(`#c${commentId} > .item-head .author`).textContent())?.trim() ?? '';
