import { expect } from '../support/fixtures.ts';
import { listedPaths, readAheadTest as test } from './support.ts';

const READ_AHEAD_LIST = '/offline/read-ahead.json';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a discussion has no "Save for offline" control, and the front page reads ahead nothing', async ({
    page,
  }) => {
    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await page.goto('/');
    const [first] = await listedPaths(page);
    await page.goto(first ?? '');
    await expect(page.locator('h1.discussion-title')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save for offline' })).toHaveCount(0);
    expect(asked).not.toContain(READ_AHEAD_LIST);
  });

  test('the saved-pages page says why it cannot list anything', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Saved', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Saved for offline');
    await expect(page.getByText(/only a script can read it: turn on JavaScript to see it/)).toBeVisible();
    await expect(page.getByRole('checkbox')).toHaveCount(0);
  });
});

test.describe('without a service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test('a discussion has no "Save for offline" control, and the front page reads ahead nothing', async ({
    page,
  }) => {
    const asked: string[] = [];
    page.context().on('request', (request) => asked.push(new URL(request.url()).pathname));
    await page.goto('/');
    const [first] = await listedPaths(page);
    await page.waitForLoadState('networkidle');
    await page.goto(first ?? '');
    await page.waitForLoadState('networkidle');
    await expect(page.locator('h1.discussion-title')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save for offline' })).toHaveCount(0);
    expect(asked).not.toContain(READ_AHEAD_LIST);
  });
});
