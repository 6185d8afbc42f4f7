import type { Page } from '@playwright/test';
import { expect, test, uniqueName } from '../support/fixtures.ts';
import { feedProblems } from './feed-check.ts';
import { injectedElements, visit } from './probes.ts';
import { type Seeded, seedPayloads } from './seed.ts';
import { problemsVisiting, type Visitor, visitAll, watchedContext } from './visiting.ts';
import { BREAKOUT_PAYLOADS, TEMPLATE_PAYLOADS, URL_PAYLOADS, XSS_PAYLOADS } from './xss-payloads.ts';

// One seeded forum for the whole file: the tests only read it, each from its own browser context.
test.describe.configure({ mode: 'serial' });

const FRONT_PAGE_SIZE = 30;
/** Copies opened offline: they are the bytes checked online, so a sample shows the banner adds nothing. */
const OFFLINE_SAMPLE = 20;

let seeded: Seeded;

test.beforeAll(async ({ server }) => {
  test.setTimeout(120_000);
  seeded = await seedPayloads(server.url, uniqueName('xss_author'));
});

/** The author's session when `loggedIn`, for the probes' contexts. */
const as = (loggedIn: boolean, baseURL: string | undefined, serviceWorkers = false): Visitor => ({
  baseURL,
  storageState: loggedIn ? seeded.storageState : undefined,
  serviceWorkers,
});

test('the corpus is large and every hostile username was refused', () => {
  expect(XSS_PAYLOADS.length + URL_PAYLOADS.length).toBeGreaterThanOrEqual(100);
  expect(seeded.threads).toHaveLength(XSS_PAYLOADS.length);
  expect(seeded.refusedUsernames).toBe(XSS_PAYLOADS.length);
  // Only http(s) links are accepted: every script-scheme URL was refused.
  for (const url of URL_PAYLOADS.filter((u) => /^\s*(javascript|vbscript|data|https?:javascript):/i.test(u)))
    expect(seeded.refusedUrls).toContain(url);
});

test('no payload runs on the listings, the profile or the link discussions, logged out or in', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const pages = Math.ceil((seeded.threads.length + seeded.linkThreads.length) / FRONT_PAGE_SIZE);
  const paths = [
    ...Array.from({ length: pages }, (_, i) => [`/?page=${i + 1}`, `/new?page=${i + 1}`]).flat(),
    `/u/${seeded.author}`,
    ...seeded.linkThreads.map((id) => `/discuss/${id}`),
  ];
  for (const loggedIn of [false, true]) {
    expect(await problemsVisiting(browser, as(loggedIn, baseURL), paths)).toEqual([]);
  }
});

test('no payload runs in a thread, in its saved offline copy, or on the offline page', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  // As the author, with the service worker: the page a writer sees, saved for offline as it is read.
  const { context, findings } = await watchedContext(browser, as(true, baseURL, true));
  const page = await context.newPage();
  await page.goto('/');
  await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
  await page.reload();
  await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null')).toBe(true);
  const threads = seeded.threads.map((t) => `/discuss/${t.discussionId}`);
  await visitAll(context, threads, findings);

  // Escaped, not dropped: the reader sees each hostile title as the text that was typed.
  const squash = (s: string) => s.replace(/[\s\p{Cc}\ufffd]+/gu, '');
  for (const thread of seeded.threads.filter((t) => t.titleIsPayload).slice(0, 30)) {
    await page.goto(`/discuss/${thread.discussionId}`, { waitUntil: 'domcontentloaded' });
    const shown = (await page.locator('h1.discussion-title').textContent()) ?? '';
    expect(squash(shown)).toBe(squash(thread.payload));
  }

  await context.setOffline(true);
  for (const path of threads.slice(0, OFFLINE_SAMPLE)) findings.problems.push(...(await visit(page, path)));
  await expect(page.locator('.offline-banner')).toBeVisible();
  // The offline page lists every saved thread by its (hostile) title, written in by the page script.
  findings.problems.push(...(await visit(page, '/offline')));
  await expect(page.locator('[data-saved-threads] li')).not.toHaveCount(0);
  findings.problems.push(...(await injectedElements(page)).map((p) => `/offline after listing: ${p}`));
  await context.setOffline(false);
  await context.close();
  expect(findings.problems).toEqual([]);
});

/** Each form page shows every payload back inside a field: one test per page, so each has its own time. */
const FORM_PAGES: { name: string; path: (thread: Seeded['threads'][number]) => string }[] = [
  { name: 'the discussion edit page', path: (t) => `/discuss/${t.discussionId}/edit` },
  { name: 'the reply page', path: (t) => `/comments/${t.commentId}/reply` },
  { name: 'the comment edit page', path: (t) => `/comments/${t.replyId}/edit` },
];

for (const formPage of FORM_PAGES) {
  test(`no payload runs on ${formPage.name}`, async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    const paths = seeded.threads.map(formPage.path);
    expect(await problemsVisiting(browser, as(true, baseURL), paths)).toEqual([]);
  });
}

test('the feeds carry payloads only as inert text', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { context, findings } = await watchedContext(browser, as(false, baseURL));
  const page = await context.newPage();
  await page.goto('/healthz');
  const problems = await feedProblems(page, '/feed.atom');
  for (const thread of seeded.threads)
    problems.push(...(await feedProblems(page, `/discuss/${thread.discussionId}/feed.atom`)));
  await context.close();
  expect([...problems, ...findings.problems]).toEqual([]);
});

/** The payloads aimed at attribute values, text areas and the template engine. */
const FORM_PAYLOADS = [...BREAKOUT_PAYLOADS, ...TEMPLATE_PAYLOADS];

const FORMS = [
  { name: 'sign-up refused, with the page script', loggedIn: false, javaScript: true },
  { name: 'discussion refused, server page without script', loggedIn: true, javaScript: false },
  // Refused drafts stay in the outbox and are all shown again on every later visit, so a dozen suffice here.
  {
    name: 'discussion refused, outbox draft with the page script',
    loggedIn: true,
    javaScript: true,
    sample: 12,
  },
];

test('no payload runs when a refused form shows back what was typed', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  for (const form of FORMS) {
    const visitor = { ...as(form.loggedIn, baseURL), javaScript: form.javaScript };
    const { context, findings } = await watchedContext(browser, visitor);
    const page = await context.newPage();
    for (const payload of FORM_PAYLOADS.slice(0, form.sample)) {
      if (form.loggedIn) await refusedDiscussion(page, payload);
      else await refusedSignUp(page, payload);
      // Without a script the server's 400 page shows the message; with it, the outbox shows it in place.
      await expect(page.getByText(/ must be | may use | cannot be /).first()).toBeVisible();
      findings.problems.push(...(await injectedElements(page)).map((p) => `${form.name}: ${p}`));
    }
    await context.close();
    expect(findings.problems).toEqual([]);
  }
});

/**
 * A bad link is refused with a 400 that keeps the title and text as typed: the server's page without
 * a script, or the outbox's refused draft (written into the page by script) with one.
 */
async function refusedDiscussion(page: Page, payload: string) {
  await page.goto('/submit');
  await page.locator('#title').fill(payload);
  await page.locator('#url').evaluate((input) => input.setAttribute('type', 'text'));
  await page.locator('#url').fill('not a link');
  await page.locator('#text').fill(payload);
  await page.getByRole('button', { name: 'Post discussion' }).click();
}

/** The sign-up form comes back with the refused username in its value attribute. */
async function refusedSignUp(page: Page, payload: string) {
  await page.goto('/signup');
  const username = page.getByLabel('Username');
  await username.evaluate((input) => {
    input.removeAttribute('pattern');
    input.removeAttribute('maxlength');
  });
  await username.fill(payload);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
}
