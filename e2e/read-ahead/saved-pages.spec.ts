import type { Page } from '@playwright/test';
import { expect } from '../support/fixtures.ts';
import { networkSwitch, OFFLINE_MODES } from '../support/offline-modes.ts';
import { savedPaths } from '../support/saved-caches.ts';
import { visit } from '../support/service-worker.ts';
import { listedPaths, readAheadEnded, readAheadTest as test } from './support.ts';

// Three read ahead keep this test short; the front-page suite reads ahead thirty.
test.use({ serverEnv: { SW_READ_AHEAD: '3' } });

const savedList = (page: Page) =>
  page.getByRole('list', { name: 'Discussions readable offline' }).getByRole('listitem');

/** What the saved-pages page lists: each discussion's path and how it was saved. */
function listedAsSaved(page: Page): Promise<{ path: string; how: string }[]> {
  return savedList(page).evaluateAll((items) =>
    items.map((item) => ({
      path: item.querySelector('a')?.getAttribute('href') ?? '',
      how: (item as unknown as { dataset: { how: string } }).dataset.how,
    })),
  );
}

for (const mode of OFFLINE_MODES) {
  test(`the saved-pages page lists exactly what opens offline, and opens offline itself (${mode})`, async ({
    page,
  }) => {
    await page.goto('/');
    const listed = await listedPaths(page);
    expect(await readAheadEnded(page)).toMatchObject({ outcome: 'done', listed: 3, saved: 3 });
    const [kept, opened, neverOpened] = [listed[5] ?? '', listed[6] ?? '', listed[7] ?? ''];
    await visit(page, kept);
    await page.getByRole('button', { name: 'Save for offline' }).click();
    await expect(page.getByText('Saved for offline on this device.')).toBeVisible();
    await visit(page, opened);

    await page.getByRole('link', { name: 'Saved', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Saved for offline');
    await expect(savedList(page)).toHaveCount(5);
    const shown = await listedAsSaved(page);
    const savedDiscussions = (await savedPaths(page)).filter((path) => path.startsWith('/discuss/'));
    expect(shown.map((item) => item.path).sort()).toEqual(savedDiscussions.sort());
    expect(shown).toEqual(
      expect.arrayContaining([
        ...listed.slice(0, 3).map((path) => ({ path, how: 'read-ahead' })),
        { path: kept, how: 'pinned' },
        { path: opened, how: 'opened' },
      ]),
    );
    await expect(
      page.getByText(/^5 discussions, \d+ KB; read-ahead copies take \d+ KB of the 25\.0 MB/),
    ).toBeVisible();
    await expect(page.getByText(/In all, Charcha uses .+ of the .+ this browser allows it\./)).toBeVisible();

    await page.getByRole('button', { name: 'Keep these pages when the device runs low on space' }).click();
    const answer = page.locator('[data-persist-answer]');
    await expect(answer).toHaveText(/^The browser (agreed|declined)/);
    const persisted = await page.evaluate(() =>
      (navigator as unknown as { storage: { persisted(): Promise<boolean> } }).storage.persisted(),
    );
    await expect(answer).toHaveText(persisted ? /^The browser agreed/ : /^The browser declined/);

    const network = networkSwitch(page, mode);
    await network.goOffline();
    const response = await page.goto('/offline/saved');
    expect(response?.fromServiceWorker()).toBe(true);
    await expect(savedList(page)).toHaveCount(5);
    expect(await listedAsSaved(page)).toEqual(shown);
    for (const { path } of shown) {
      const opening = await page.goto(path, { waitUntil: 'commit' });
      expect(opening?.fromServiceWorker(), path).toBe(true);
      expect(await opening?.text(), path).toContain('class="discussion-title"');
    }
    await page.goto(neverOpened);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are offline');
    await page.getByRole('link', { name: 'Everything saved on this device' }).click();
    await expect(savedList(page)).toHaveCount(5);
    await network.goOnline();
  });
}
