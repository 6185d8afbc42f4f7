import { openThreadAsWriter, threadByAnother } from '../outbox/support.ts';
import { expect, test } from '../support/fixtures.ts';

// Item 6 of issue 12: a score is read in words, never through an aria-label on a span, and that
// holds for a vote cast offline too, whose pending state is said in text inside the widget.

test('a vote cast offline reads as a score in words and as not sent, with no aria-label on the score', async ({
  page,
  browser,
  baseURL,
}) => {
  const thread = await threadByAnother(browser, baseURL ?? '');
  await openThreadAsWriter(page, thread);
  const widget = page.locator(`#c${thread.commentId} > .item-head .vote`);
  await expect(widget.locator('.score')).toHaveText('0');

  await page.context().setOffline(true);
  await widget.getByRole('button', { name: /^Upvote comment by/ }).click();
  await expect(widget.locator('.score')).toHaveText('1');
  // What a screen reader reads out of the widget: the number with its unit, then that it waits.
  await expect(widget.locator('.score-unit')).toHaveText(' point');
  await expect(widget.locator('.vote-pending')).toHaveText(
    'Your vote is not sent yet. It will be sent when you are back online.',
  );
  await expect(page.locator('.score[aria-label], span[aria-label]')).toHaveCount(0);

  // Sent when the network is back: the score stays in words.
  await page.context().setOffline(false);
  await expect(widget.locator('.vote-pending')).toHaveCount(0);
  await expect(widget.locator('.score')).toHaveText('1');
  await expect(widget.locator('.score-unit')).toHaveText(' point');
  await expect(page.locator('.score[aria-label], span[aria-label]')).toHaveCount(0);
});
