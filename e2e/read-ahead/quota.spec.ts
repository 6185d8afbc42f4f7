import type { Page } from '@playwright/test';
import { expect } from '../support/fixtures.ts';
import { networkSwitch, OFFLINE_MODES } from '../support/offline-modes.ts';
import { storageUsage } from '../support/saved-caches.ts';
import { offlineBanner, visit, waitForController } from '../support/service-worker.ts';
import { readAheadEnded, savedCopies, readAheadTest as test } from './support.ts';

const SAVED = 'Saved for offline on this device.';

/** Opens each discussion online and saves it for offline. */
async function pin(page: Page, paths: string[]): Promise<void> {
  for (const path of paths) {
    await visit(page, path);
    await page.getByRole('button', { name: 'Save for offline' }).click();
    await expect(page.getByText(SAVED)).toBeVisible();
  }
}

for (const mode of OFFLINE_MODES) {
  test(`a full origin stops read-ahead, gives room back from read-ahead copies, and keeps pinned ones (${mode})`, async ({
    page,
    server,
  }) => {
    // The saved-pages page installs the worker without reading anything ahead.
    await page.goto('/offline/saved');
    await waitForController(page);
    const frontPage = await fetch(`${server.url}/`).then((response) => response.text());
    const listed = [...frontPage.matchAll(/<a class="post-title" href="(\/discuss\/\d+)">/g)].map(
      (m) => m[1] ?? '',
    );
    const pinned = listed.slice(-2);
    await pin(page, pinned);

    // Chromium's own knob for a full disk: room for a few discussions more than there is now.
    const quota = (await storageUsage(page)) + 250_000;
    const session = await page.context().newCDPSession(page);
    await session.send('Storage.overrideQuotaForOrigin', {
      origin: new URL(page.url()).origin,
      quotaSize: quota,
    });

    await page.goto('/');
    expect((await readAheadEnded(page)).outcome).toBe('storage-full');
    const readAheadBefore = (await savedCopies(page)).filter((copy) => copy.kind === 'read-ahead');
    expect(readAheadBefore.length).toBeGreaterThan(0);

    // A page the person opens still gets saved: read-ahead copies make room, never pinned ones.
    const secondPage = await fetch(`${server.url}/?page=2`).then((response) => response.text());
    const opened = secondPage.match(/<a class="post-title" href="(\/discuss\/\d+)">/)?.[1] ?? '';
    await visit(page, opened);
    const after = await savedCopies(page);
    expect(after.filter((copy) => copy.kind === 'read-ahead').length).toBeLessThan(readAheadBefore.length);
    expect(
      after
        .filter((copy) => copy.pinned)
        .map((copy) => copy.path)
        .sort(),
    ).toEqual([...pinned].sort());
    expect(await storageUsage(page)).toBeLessThanOrEqual(quota);

    const network = networkSwitch(page, mode);
    await network.goOffline();
    for (const path of [...pinned, opened]) {
      const response = await page.goto(path);
      expect(response?.fromServiceWorker(), path).toBe(true);
      await expect(offlineBanner(page), path).toBeVisible();
    }
    await network.goOnline();
  });
}
