import type { Locator } from '@playwright/test';
import { expect, signUp, startDiscussion, test, uniqueName } from '../support/fixtures.ts';

// Item 7 of issue 12: Markdown in comments reads as written, wherever the comment is shown.

const COMMENT = [
  'Look: ![a sleeping cat](https://example.com/cat.png) on the sofa.',
  '',
  '# A big heading',
  '',
  '## A smaller heading',
  '',
  '- first point',
  '- second point',
].join('\n');

const style = (element: Locator, property: string) =>
  element.evaluate((node, name) => getComputedStyle(node).getPropertyValue(name), property);

async function expectMarkdownAsWritten(prose: Locator) {
  // The image is a link named by its alt text; no "!" is left over, and nothing is fetched from its host.
  const image = prose.getByRole('link', { name: 'Image: a sleeping cat' });
  await expect(image).toHaveAttribute('href', 'https://example.com/cat.png');
  await expect(prose).toContainText('Look: Image: a sleeping cat on the sofa.');
  await expect(prose).not.toContainText('!');
  await expect(prose.locator('img')).toHaveCount(0);

  // "#" and "##" are two headings of different sizes, both larger than the text.
  const big = prose.getByRole('heading', { name: 'A big heading' });
  const smaller = prose.getByRole('heading', { name: 'A smaller heading' });
  const size = async (element: Locator) => Number.parseFloat(await style(element, 'font-size'));
  const text = await size(prose.locator('li').first());
  expect(await size(big)).toBeGreaterThan(await size(smaller));
  expect(await size(smaller)).toBeGreaterThan(text);

  // The list keeps its bullets and carries no separators of the list the comment sits in.
  const item = prose.locator('li').first();
  expect(await style(prose.locator('ul'), 'list-style-type')).toBe('disc');
  expect(await style(item, 'border-bottom-style')).toBe('none');
  expect(await style(item, 'padding-top')).toBe('0px');
}

test('an image, two headings and a list render as written, on the discussion and on the profile', async ({
  page,
}) => {
  const author = uniqueName('markdown');
  await signUp(page, author);
  const id = await startDiscussion(page, 'Markdown as people write it', 'A discussion to comment on.');
  await page.getByLabel('Add a comment').fill(COMMENT);
  await page.getByRole('button', { name: 'Post comment' }).click();
  const comment = page.locator('.comment').filter({ hasText: 'sleeping cat' });
  await expect(comment).toHaveCount(1);
  await page.goto(`/discuss/${id}`);
  await expectMarkdownAsWritten(page.locator('.comment .prose'));

  await page.goto(`/u/${author}`);
  await expectMarkdownAsWritten(page.locator('.profile-comments .prose'));
});

test('the inline reply form says Markdown works, like the comment form', async ({ page }) => {
  await signUp(page, uniqueName('replier'));
  const id = await startDiscussion(page, 'Replying in place', 'Say something.');
  await page.getByLabel('Add a comment').fill('A comment to answer.');
  await page.getByRole('button', { name: 'Post comment' }).click();
  // Sent through the outbox: a real comment (.comment) once the server has it, not before; leaving
  // the page earlier would take the write in flight (or still being queued) with it.
  await expect(page.locator('.comment').filter({ hasText: 'A comment to answer.' })).toHaveCount(1);
  await page.goto(`/discuss/${id}`);
  await page.locator('.comment').getByRole('link', { name: 'Reply' }).click();
  const inline = page.locator('form.inline-reply');
  await expect(inline.getByLabel('Your reply')).toBeFocused();
  await expect(inline.getByText('Markdown works')).toBeVisible();

  // The reply page, for a browser without the page script, says it too.
  await page.goto(`/comments/${await page.locator('.comment').getAttribute('data-comment-id')}/reply`);
  await expect(page.getByText('Markdown works')).toBeVisible();
});
