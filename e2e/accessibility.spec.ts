import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';
import { expect, logIn, signUp, startDiscussion, test, uniqueName } from './support/fixtures.ts';

// Every page and state a person meets, in light and in dark, must have no axe violations.
// One browser context walks them all, logged out first, then logged in.

/** axe-core as @axe-core/playwright depends on it, so its version is the one package.json pins. */
const axeSource = readFileSync(
  createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')).resolve(
    'axe-core/axe.min.js',
  ),
  'utf8',
);

declare global {
  interface Window {
    axe: { run(context: Document, options: RunOptions): Promise<AxeResults> };
  }
}

const COLOR_SCHEMES = ['light', 'dark'] as const;
/** The rules whose outcome depends on the colour scheme. */
const COLOR_RULES = ['color-contrast', 'link-in-text-block'];

interface Violation {
  page: string;
  scheme: string;
  rule: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe on what the page shows now, in both colour schemes, and returns what it found.
 * axe (the copy @axe-core/playwright runs) is put in every page by an init script once per context:
 * AxeBuilder.analyze() would inject its half-megabyte source again on every run, which took most of the time.
 */
async function violationsOf(page: Page, state: string): Promise<Violation[]> {
  const found: Violation[] = [];
  for (const colorScheme of COLOR_SCHEMES) {
    await page.emulateMedia({ colorScheme });
    // Only colours change between the schemes, so dark is checked for the colour rules alone.
    const rules = colorScheme === 'dark' ? COLOR_RULES : undefined;
    const results = await page.evaluate(
      (only) => window.axe.run(document, only ? { runOnly: { type: 'rule', values: only } } : {}),
      rules,
    );
    for (const violation of results.violations) {
      found.push({
        page: state,
        scheme: colorScheme,
        rule: violation.id,
        help: violation.help,
        targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
      });
    }
  }
  return found;
}

async function check(page: Page, path: string, found: Violation[], state = path): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), `${path} answers`).toBeLessThan(500);
  found.push(...(await violationsOf(page, state)));
}

/** A browser context for one walk: axe in every page, and no colour fades. */
async function walkingContext(browser: Browser, baseURL: string | undefined) {
  // Links and buttons fade their colours over 0.15 s (views/styles/motion.css); axe must see where
  // they end after a switch of scheme, not a colour half-way.
  const context = await browser.newContext({ baseURL, reducedMotion: 'reduce' });
  await context.addInitScript({ content: axeSource });
  return context;
}

// One forum for both walks; each walk is one browser context and has its own time budget.
test.describe.configure({ mode: 'serial' });

const author = uniqueName('axe_author');
let discussion = '';
let commentId = 0;
let everyoneSees: string[] = [];

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  // Content to look at: a discussion with a Markdown body, a comment and a reply from someone else.
  await signUp(page, author);
  const discussionId = await startDiscussion(
    page,
    'Reading lists for offline trips',
    '# A heading\n\nSome **bold** text, a [link](https://example.com), ![a map](https://example.com/map.png) and a list:\n\n- one\n- two\n\n> quoted\n\n`code`\n\n```\nconst aLineOfCode = "wider than a phone, so that its block scrolls sideways";\n```',
  );
  await page.getByLabel('Add a comment').fill('A first comment with *emphasis*.');
  await page.getByRole('button', { name: 'Post comment' }).click();
  const comment = page.locator('.comment').filter({ hasText: 'A first comment' }).first();
  await expect(comment).toBeVisible();
  commentId = Number((await comment.getAttribute('id'))?.slice(1));
  // A second top-level comment: the discussion then has links between its top-level comments.
  await page.getByLabel('Add a comment').fill('A second comment, further down.');
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect(page.locator('.comment').filter({ hasText: 'A second comment' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
  await signUp(page, uniqueName('axe_reader'));
  await page.goto(`/comments/${commentId}/reply`);
  await page.getByLabel('Your reply').fill(`@${author} a reply that mentions you.`);
  await page.getByRole('button', { name: 'Post reply' }).click();
  await expect(page.locator('.comment .comment')).toContainText('a reply that mentions you');
  // Someone else's discussion, so the author's listings show vote arrows.
  await startDiscussion(page, 'A question from a reader', 'Vote on it from the front page.');
  await context.close();

  discussion = `/discuss/${discussionId}`;
  everyoneSees = [
    '/',
    '/?page=2',
    '/?page=99',
    '/new',
    discussion,
    `${discussion}/comments/${commentId}`,
    `/u/${author}`,
    '/search?q=offline',
    '/search?q=nothing-matches-this',
    '/offline',
    '/offline/saved',
    '/discuss/999999',
  ];
});

test('every page logged out, light and dark, has no axe violations', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const context = await walkingContext(browser, baseURL);
  const page = await context.newPage();
  const found: Violation[] = [];
  for (const path of [...everyoneSees, '/login', '/signup']) await check(page, path, found);
  await page.goto('/login');
  await page.getByLabel('Username').fill(author);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.locator('.form-error').first()).toBeVisible();
  found.push(...(await violationsOf(page, '/login with a wrong password')));
  // A comment collapsed with its reply (views/partials/comment-fold.eta).
  await page.goto(discussion);
  await page.locator(`#c${commentId} .comment-fold > summary`).click();
  await expect(page.locator(`#c${commentId} .comment-fold > summary`)).toHaveAttribute(
    'aria-expanded',
    'false',
  );
  found.push(...(await violationsOf(page, `${discussion} with a comment collapsed`)));
  // On a phone, the code block is wider than the screen and scrolls.
  await page.setViewportSize({ width: 412, height: 823 });
  await check(page, discussion, found, `${discussion} on a phone`);
  await context.close();
  expect(found, JSON.stringify(found, null, 2)).toEqual([]);
});

test('every page logged in, light and dark, has no axe violations', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const context = await walkingContext(browser, baseURL);
  const page = await context.newPage();
  const found: Violation[] = [];
  // Logged in as the author: the edit, reply and delete pages, the inbox with a mention, a refused form.
  await logIn(page, author);
  const loggedIn = [
    ...everyoneSees,
    '/#welcome',
    '/submit',
    `/comments/${commentId}/reply`,
    `/comments/${commentId}/edit`,
    `${discussion}/edit`,
    `/comments/${commentId}/delete`,
    `${discussion}/delete`,
    '/notifications',
  ];
  for (const path of loggedIn) await check(page, path, found);
  await page.goto('/submit');
  await page.getByLabel('Title').fill('Only a title');
  await page.getByRole('button', { name: 'Post discussion' }).click();
  await expect(page.locator('.form-error').first()).toBeVisible();
  found.push(...(await violationsOf(page, '/submit refused')));
  await context.close();
  expect(found, JSON.stringify(found, null, 2)).toEqual([]);
});
