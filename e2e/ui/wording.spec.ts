import { demoTest } from '../support/demo-forum.ts';
import { expect, PASSWORD, test, uniqueName } from '../support/fixtures.ts';

// Item 9 of issue 12: what the pages say must match what they do.

demoTest(
  'the pages of Top and New say which way they go, and a page past the end says so',
  async ({ page }) => {
    // The demo forum has 40 discussions: two pages of 30.
    await page.goto('/');
    await page.getByRole('link', { name: 'Next page →' }).click();
    await expect(page).toHaveURL(/\/\?page=2$/);
    const pages = page.getByRole('navigation', { name: 'Pages' });
    // Top is ordered by rank, so its first page is not "newer".
    await expect(pages).not.toContainText('Newer');
    await pages.getByRole('link', { name: '← Previous page' }).click();
    await expect(page).toHaveURL(/\/$/);

    await page.goto('/new');
    await page.getByRole('link', { name: 'Older discussions →' }).click();
    await expect(page.getByRole('link', { name: '← Newer discussions' })).toHaveAttribute('href', '/new');

    for (const listing of ['/', '/new']) {
      await page.goto(`${listing}?page=99`);
      await expect(page.locator('main')).not.toContainText('Nothing here yet');
      await expect(page.locator('.empty')).toContainText('There is no page 99');
      await page.getByRole('link', { name: 'Back to the first page' }).click();
      await expect(page.locator('.post-summary').first()).toBeVisible();
    }
  },
);

test('the sign-up form says which username characters are allowed, and confirms the new account', async ({
  page,
}) => {
  await page.goto('/signup');
  const username = page.getByLabel('Username');
  const rule = /3 to 30 characters: letters a–z and A–Z, digits 0–9, "_" and "-" \(no spaces\)/;
  await expect(username).toHaveAccessibleDescription(rule);
  await expect(page.getByText(rule)).toBeVisible();

  // A space is refused by the browser; the rule was on the page before the person typed it.
  await username.fill('asha k');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/signup$/);

  const name = uniqueName('welcomed');
  await username.fill(name);
  await page.getByRole('button', { name: 'Create account' }).click();
  const welcome = page.getByText('your account is ready and you are logged in');
  await expect(welcome).toBeVisible();
  await expect(welcome).toContainText(name);

  // It is a confirmation, not a fixture of every page.
  await page.getByRole('link', { name: 'New', exact: true }).first().click();
  await expect(page.locator('h1')).toHaveText('New discussions');
  await expect(welcome).toBeHidden();
});
