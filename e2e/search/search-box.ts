import type { Page } from '@playwright/test';
import { expect, uniqueName } from '../support/fixtures.ts';

/** A word no other test writes, so that what is found is exactly what the test wrote. */
export const uniqueWord = (prefix: string) => `${prefix}${uniqueName('').replace(/[^a-z0-9]/gi, '')}`;

/**
 * Types into the header's box and presses its button, as a person does, and waits for the
 * results' title: with JavaScript the results come into the page (sw/page/search-in-page.ts),
 * where the address changes before they have come.
 */
export async function searchFromHeader(page: Page, query: string): Promise<void> {
  await page.getByLabel('Search for').fill(query);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page).toHaveTitle(query.trim() === '' ? 'Search · Charcha' : `Search: ${query} · Charcha`);
}
