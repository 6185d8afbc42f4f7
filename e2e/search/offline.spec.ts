import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, signUp, startDiscussion, test, uniqueName } from '../support/fixtures.ts';
import { networkSwitch, OFFLINE_MODES } from '../support/offline-modes.ts';
import { offlineBanner, visit, waitForController } from '../support/service-worker.ts';
import { searchFromHeader, uniqueWord } from './search-box.ts';

async function comment(page: Page, text: string): Promise<number> {
  await page.getByLabel('Add a comment').fill(text);
  await page.getByRole('button', { name: 'Post comment' }).click();
  const posted = page.locator('.comment').filter({ hasText: text });
  await expect(posted).toBeVisible();
  return Number((await posted.getAttribute('id'))?.slice(1));
}

const results = (page: Page) => page.locator('.search-result');
const summary = (page: Page) => page.locator('.search-summary');

for (const mode of OFFLINE_MODES) {
  test(`offline, /search searches the discussions saved on the device, in English and Hindi (${mode})`, async ({
    page,
    browser,
    baseURL,
  }) => {
    const word = uniqueWord('kettle');
    // Someone else's discussion, never opened on this device: found online, and not offline.
    const elsewhere = await browser.newContext({ baseURL, serviceWorkers: 'block' });
    const otherPage = await elsewhere.newPage();
    await signUp(otherPage, uniqueName('writer'));
    await startDiscussion(otherPage, `Another ${word} nobody saved here`, 'ज़िंदगी');
    await elsewhere.close();

    await signUp(page, uniqueName('reader'));
    await waitForController(page);
    const english = await startDiscussion(page, `Tea ${word} on the platform`, 'Which stations sell it?');
    const hindi = await startDiscussion(page, 'बारिश में चाय', 'स्टेशन पर चाय कहाँ मिलती है?');
    const hindiComment = await comment(page, `ज़िंदगी में एक कप चाय ज़रूरी है ${word}`);

    // Online, the server finds all three for the English word.
    await searchFromHeader(page, word);
    await expect(results(page)).toHaveCount(3);
    // The pages this person read (each after writing it) are saved, with their index.
    await visit(page, `/discuss/${english}`);
    await visit(page, `/discuss/${hindi}`);

    const network = networkSwitch(page, mode);
    await network.goOffline();

    await searchFromHeader(page, word);
    await expect(summary(page)).toHaveText(
      `You are offline: searching 2 saved discussions on this device for ${word}.`,
    );
    await expect(page.getByText('The rest of the forum could not be searched.')).toBeVisible();
    await expect(page.getByLabel('Search for')).toHaveValue(word);
    const englishLinks = results(page).getByRole('link');
    await expect(englishLinks).toHaveText([`Tea ${word} on the platform`, 'बारिश में चाय']);
    await expect(results(page).locator('mark')).toHaveText([word, word]);
    expect(await englishLinks.evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual(
      [`/discuss/${english}`, `/discuss/${hindi}#c${hindiComment}`],
    );

    // A Hindi word, with a nukta and matras, is found whole; a letter inside it is no word at all.
    await searchFromHeader(page, 'ज़िंदगी');
    await expect(summary(page)).toContainText('searching 2 saved discussions');
    await expect(results(page)).toHaveCount(1);
    await expect(results(page).locator('mark')).toHaveText('ज़िंदगी');
    await expect(results(page).locator('.meta')).toHaveText(/^Comment by reader/);
    await searchFromHeader(page, 'ज़');
    await expect(page.getByText('Nothing saved on this device matches.')).toBeVisible();

    // The match opens offline, at the comment.
    await searchFromHeader(page, 'ज़िंदगी');
    await results(page).getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/discuss/${hindi}#c${hindiComment}$`));
    await expect(page.locator('h1.discussion-title')).toHaveText('बारिश में चाय');
    await expect(page.locator(`#c${hindiComment}`)).toContainText('ज़िंदगी');
    await expect(offlineBanner(page)).toBeVisible();
    await network.goOnline();
  });
}

test('offline search lists what is saved now: a page purged at logout goes, a page saved since comes', async ({
  page,
  browser,
  baseURL,
}) => {
  const word = uniqueWord('samovar');
  await signUp(page, uniqueName('reader'));
  await waitForController(page);
  const signedIn = await startDiscussion(page, `Read signed in ${word}`, 'Shows who read it.');
  await visit(page, `/discuss/${signedIn}`);
  const network = networkSwitch(page, 'context.setOffline');

  // The worker has now read what is saved, and keeps it: every change after this must reach it.
  await network.goOffline();
  await searchFromHeader(page, word);
  await expect(summary(page)).toContainText('searching 1 saved discussion on this device');
  await expect(results(page).getByRole('link')).toHaveText([`Read signed in ${word}`]);
  await network.goOnline();

  await page.goto('/');
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
  const elsewhere = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  const writer = await elsewhere.newPage();
  await signUp(writer, uniqueName('writer'));
  const signedOut = await startDiscussion(writer, `Read signed out ${word}`, 'Anyone may read it.');
  await elsewhere.close();
  await visit(page, `/discuss/${signedOut}`);

  await network.goOffline();
  await searchFromHeader(page, word);
  await expect(summary(page)).toContainText('searching 1 saved discussion on this device');
  await expect(results(page).getByRole('link')).toHaveText([`Read signed out ${word}`]);
  await network.goOnline();
});

test('offline, matches come 20 a page like online, the next page a link away, with no axe violations light or dark', async ({
  page,
}) => {
  const word = uniqueWord('chaiwala');
  await signUp(page, uniqueName('reader'));
  await waitForController(page);
  const discussion = await startDiscussion(page, `Tea stalls ${word}`, 'Where to stop on the way.');
  const csrf = await page.locator('.comment-form input[name="_csrf"]').inputValue();
  for (let stop = 1; stop <= 24; stop++) {
    const posted = await page.request.post(`/discuss/${discussion}/comments`, {
      form: { _csrf: csrf, body: `Stop ${stop}: the ${word} by the gate` },
      maxRedirects: 0,
    });
    expect(posted.status()).toBe(303);
  }
  await visit(page, `/discuss/${discussion}`);
  const network = networkSwitch(page, 'context.setOffline');
  await network.goOffline();

  await searchFromHeader(page, word);
  await expect(summary(page)).toContainText('searching 1 saved discussion on this device');
  await expect(results(page)).toHaveCount(20);
  await expect(page.getByText('Matches 1–20 of 25.')).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    // Colours fade over 0.15 s (views/styles/motion.css): without reduced motion, axe could read
    // them half-way between the schemes.
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    expect((await new AxeBuilder({ page }).analyze()).violations, colorScheme).toEqual([]);
  }

  await page.getByRole('link', { name: 'More →' }).click();
  await expect(page).toHaveURL(`/search?q=${word}&page=2`);
  await expect(results(page)).toHaveCount(5);
  await expect(page.getByText('Matches 21–25 of 25.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'More →' })).toHaveCount(0);
  await page.getByRole('link', { name: '← Previous page' }).click();
  await expect(page).toHaveURL(`/search?q=${word}`);
  await expect(results(page)).toHaveCount(20);
  await network.goOnline();
});
