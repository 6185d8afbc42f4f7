import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, PASSWORD, test, uniqueName } from '../support/fixtures.ts';

/** Posts a form the way the browser would, with the CSRF token of the page at `formPage`. */
async function postForm(
  context: BrowserContext,
  formPage: string,
  action: string,
  fields: Record<string, string>,
) {
  const html = await (await context.request.get(formPage)).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (token === undefined) throw new Error(`${formPage} has no CSRF token`);
  const response = await context.request.post(action, { form: { _csrf: token, ...fields }, maxRedirects: 0 });
  expect(response.status(), `${action} answered`).toBe(303);
  return response.headers().location ?? '';
}

/**
 * A person in their own browser context, as two people on two devices are. The account is made
 * with the sign-up form's request alone: the forms themselves are other suites' subject.
 */
async function person(browser: Browser, baseURL: string | undefined, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ baseURL, javaScriptEnabled });
  const name = uniqueName('p');
  const [page] = await Promise.all([
    context.newPage(),
    postForm(context, '/signup', '/signup', { username: name, password: PASSWORD }),
  ]);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  return { context, page, name, problems };
}

async function comment(page: Page, text: string) {
  await page.getByLabel('Add a comment').fill(text);
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect(page.locator('.comment .prose').filter({ hasText: text })).toBeVisible();
}

/** The header's link, whose accessible name carries the unread count. */
const notificationsLink = (page: Page) =>
  page.locator('.account').getByRole('link', { name: /^Notifications/ });

async function twoPeople(browser: Browser, baseURL: string | undefined, javaScriptEnabled: boolean) {
  const [asha, bilal] = await Promise.all([
    person(browser, baseURL, javaScriptEnabled),
    person(browser, baseURL, javaScriptEnabled),
  ]);
  const title = `Rooftop solar ${uniqueName('')}`;
  const location = await postForm(asha.context, '/submit', '/submit', {
    title,
    url: '',
    text: 'Is net metering worth it?',
  });
  const discussionId = Number(location.split('/').pop());

  await bilal.page.goto(`/discuss/${discussionId}`);
  await comment(bilal.page, 'Ask for a bidirectional meter.');

  // Asha sees the count in the header, and the inbox.
  await asha.page.goto('/notifications');
  await expect(notificationsLink(asha.page)).toHaveAccessibleName('Notifications, 1 unread');
  await expect(asha.page.locator('.inbox-group h2')).toHaveText(`1 new reply in ${title}`);
  const unread = asha.page.locator('.notification.unread');
  await expect(unread).toHaveCount(1);
  await expect(unread).toContainText(`${bilal.name} commented on your discussion`);
  await expect(unread).toContainText('Ask for a bidirectional meter.');

  // Opening it goes to the comment itself and marks it read.
  await unread.getByRole('link').click();
  await expect(asha.page).toHaveURL(new RegExp(`/discuss/${discussionId}#c\\d+$`));
  await expect(asha.page.locator(new URL(asha.page.url()).hash)).toContainText('bidirectional meter');
  await expect(notificationsLink(asha.page)).toHaveAccessibleName('Notifications');

  expect([...asha.problems, ...bilal.problems]).toEqual([]);
  await Promise.all([asha.context.close(), bilal.context.close()]);
}

test("a reply shows in the other person's count and inbox, and reading it lowers the count, with JavaScript", async ({
  browser,
  baseURL,
}) => {
  await twoPeople(browser, baseURL, true);
});

test('the inbox and the count work the same with JavaScript disabled', async ({ browser, baseURL }) => {
  await twoPeople(browser, baseURL, false);
});
