import type { Page } from '@playwright/test';
import { expect, test, uniqueName } from '../support/fixtures.ts';
import { feedProblems } from './feed-check.ts';
import { type Findings, injectedElements, visit } from './probes.ts';
import { type PayloadGroup, type Seeded, seedPayloads } from './seed.ts';
import { problemsVisiting, type Visitor, visitAll, watchedContext } from './visiting.ts';
import { URL_PAYLOADS, XSS_PAYLOADS } from './xss-payloads.ts';

// One seeded forum for the whole file: the tests only read it, each from its own browser context.
test.describe.configure({ mode: 'serial' });
// No trace: a failure lists every path and what was injected there, and recording hundreds of page
// visits made this suite much slower (bench/README.md, "Other timings").
test.use({ trace: 'off' });

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

test('the corpus is large, every hostile username was refused, and the groups hold every payload', () => {
  expect(XSS_PAYLOADS.length + URL_PAYLOADS.length).toBeGreaterThanOrEqual(100);
  expect(seeded.threads).toHaveLength(XSS_PAYLOADS.length);
  expect(seeded.groups.flatMap((group) => group.payloads)).toEqual(XSS_PAYLOADS);
  expect(seeded.refusedUsernames).toBe(XSS_PAYLOADS.length);
  // Only http(s) links are accepted: every script-scheme URL was refused.
  for (const url of URL_PAYLOADS.filter((u) => /^\s*(javascript|vbscript|data|https?:javascript):/i.test(u)))
    expect(seeded.refusedUrls).toContain(url);
});

/** Every discussion the author started, so the listings' page count covers them all. */
const discussionCount = () =>
  seeded.threads.length + seeded.commentThreads.length + seeded.groups.length + seeded.linkThreads.length;

test('no payload runs on the listings, the profile, the link discussions or the search results', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const pages = Math.ceil(discussionCount() / FRONT_PAGE_SIZE);
  const paths = [
    ...Array.from({ length: pages }, (_, i) => [`/?page=${i + 1}`, `/new?page=${i + 1}`]).flat(),
    `/u/${seeded.author}`,
    ...seeded.linkThreads.map((id) => `/discuss/${id}`),
  ];
  for (const loggedIn of [false, true]) {
    expect(await problemsVisiting(browser, as(loggedIn, baseURL), paths)).toEqual([]);
  }

  // Search lists titles and snippets of the text, split at FTS5's match markers: everything the
  // author wrote, then the payloads with "alert" highlighted in them.
  const { context, findings } = await watchedContext(browser, as(false, baseURL));
  const page = await context.newPage();
  const everything = await searchResults(page, `author:${seeded.author}`, findings);
  const alerts = await searchResults(page, `alert author:${seeded.author}`, findings);
  await context.close();
  expect(findings.problems).toEqual([]);
  // Every discussion and comment was listed, and most payloads again with "alert" marked.
  expect(everything).toBe(discussionCount() + XSS_PAYLOADS.length * 2 + seeded.groups.length);
  expect(alerts).toBeGreaterThan(XSS_PAYLOADS.length);
});

/** Visits every page of a search's results, following "More"; returns how many results were shown. */
async function searchResults(page: Page, query: string, findings: Findings): Promise<number> {
  let shown = 0;
  // Far more pages than the corpus fills: a "More" link that never ends is a finding, not a hang.
  for (let number = 1; number <= 100; number += 1) {
    const path = `/search?q=${encodeURIComponent(query)}&page=${number}`;
    findings.problems.push(...(await visit(page, path)));
    shown += await page.locator('.search-result').count();
    if ((await page.locator('a[rel="next"]').count()) === 0) return shown;
  }
  findings.problems.push(`${query}: still a "More" link after 100 pages`);
  return shown;
}

/** Title and form text as the reader sees them, without what HTML parsing or Markdown may reshape. */
const squash = (s: string) => s.replace(/[\s\p{Cc}\ufffd]+/gu, '');

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
  const threadPath = (id: number) => `/discuss/${id}`;
  const commentThreads = seeded.commentThreads.map(threadPath);
  const threads = [...commentThreads, ...seeded.threads.map((t) => threadPath(t.discussionId))];
  const titles = new Map<string, string>();
  const commentCounts = new Map<string, number>();
  await visitAll(context, threads, findings, async (tab, path) => {
    titles.set(path, (await tab.locator('h1.discussion-title').allTextContents()).join(''));
    commentCounts.set(path, await tab.locator('li.comment').count());
  });

  await context.setOffline(true);
  for (const path of [...commentThreads, ...threads.slice(commentThreads.length, OFFLINE_SAMPLE)])
    findings.problems.push(...(await visit(page, path)));
  await expect.soft(page.locator('.offline-banner')).toBeVisible();
  // The offline page lists every saved thread by its (hostile) title, written in by the page script.
  findings.problems.push(...(await visit(page, '/offline')));
  await expect.soft(page.locator('[data-saved-threads] li')).not.toHaveCount(0);
  findings.problems.push(...(await injectedElements(page)).map((p) => `/offline after listing: ${p}`));
  await context.setOffline(false);
  await context.close();
  expect(findings.problems).toEqual([]);

  // Escaped, not dropped: the reader sees each hostile title as the text that was typed.
  const mistitled = seeded.threads
    .filter((t) => t.titleIsPayload)
    .filter((t) => squash(titles.get(threadPath(t.discussionId)) ?? '') !== squash(t.payload));
  expect(mistitled.map((t) => t.payload)).toEqual([]);
  // Every payload, as a comment and as its reply, is on a comment thread's one page.
  const shownComments = commentThreads.reduce((sum, path) => sum + (commentCounts.get(path) ?? 0), 0);
  expect(shownComments).toBe(XSS_PAYLOADS.length * 2);
});

/**
 * The edit and reply forms show one discussion or comment each, so each visit shows a group of
 * payloads: the title field's value attribute holds the group joined, the text areas hold it a
 * paragraph each, and the reply page quotes the comment rendered. In an attribute value or a text
 * area the HTML tokenizer leaves only at a quote or at `</textarea`, so a group breaks out there
 * exactly when one of its payloads would alone; the title link and the quoted comment are the
 * templates' escaped text and rendered Markdown, checked a payload per element on the thread and
 * listing pages above.
 */
interface FormPage {
  name: string;
  path: (group: PayloadGroup) => string;
  /** What the page shows of its group, squashed as `whole` is. */
  shown: (tab: Page) => Promise<{ title: string; text?: string; quoted?: number }>;
}

/** A field's value, squashed; read without waiting, as a page a payload broke may not have the field. */
const fieldValue = async (tab: Page, selector: string) =>
  squash(
    (
      await tab
        .locator(selector)
        .evaluateAll((fields) => fields.map((field) => (field as { value?: string }).value))
    )
      .filter((value) => value !== undefined)
      .join(''),
  );
/** The group as typed: its title joined, its text a paragraph each. */
const whole = (group: PayloadGroup) => ({
  title: squash(group.payloads.join(' ')),
  text: squash(group.payloads.join('\n\n')),
});

const FORM_PAGES: FormPage[] = [
  {
    name: 'the discussion edit page',
    path: (g) => `/discuss/${g.discussionId}/edit`,
    shown: async (tab) => ({
      title: await fieldValue(tab, '#title'),
      text: await fieldValue(tab, '#text'),
    }),
  },
  {
    name: 'the reply page',
    path: (g) => `/comments/${g.commentId}/reply`,
    shown: async (tab) => ({
      title: squash((await tab.locator('h1 bdi').allTextContents()).join('')),
      quoted: await tab.locator('blockquote.quoted-comment .prose').count(),
    }),
  },
  {
    name: 'the comment edit page',
    path: (g) => `/comments/${g.commentId}/edit`,
    shown: async (tab) => ({
      title: squash((await tab.locator('h1 bdi').allTextContents()).join('')),
      text: await fieldValue(tab, '#body'),
    }),
  },
];

test('no payload runs on the discussion edit, reply or comment edit pages', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const visits = new Map<string, { form: FormPage; group: PayloadGroup }>();
  for (const form of FORM_PAGES)
    for (const group of seeded.groups) visits.set(form.path(group), { form, group });
  const mismatches: string[] = [];
  const problems = await problemsVisiting(
    browser,
    as(true, baseURL),
    [...visits.keys()],
    async (tab, path) => {
      const { form, group } = visits.get(path) ?? {};
      if (!form || !group) return;
      const shown = await form.shown(tab);
      const expected = {
        title: whole(group).title,
        ...(shown.text === undefined ? { quoted: 1 } : { text: whole(group).text }),
      };
      if (JSON.stringify(shown) !== JSON.stringify(expected))
        mismatches.push(`${path} shows ${JSON.stringify(shown)}`);
    },
  );
  expect(problems).toEqual([]);
  // Escaped, not dropped: every group came back whole, its title in the field or link, its text in the text area.
  expect(mismatches).toEqual([]);
});

test('the feeds carry payloads only as inert text', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { context, findings } = await watchedContext(browser, as(false, baseURL));
  const page = await context.newPage();
  await page.goto('/healthz');
  const discussions = [
    ...seeded.threads.map((t) => t.discussionId),
    ...seeded.commentThreads,
    ...seeded.groups.map((g) => g.discussionId),
  ];
  const feeds = ['/feed.atom', ...discussions.map((id) => `/discuss/${id}/feed.atom`)];
  // Each feed is fetched and parsed inside the page; a few at once keep both cores busy.
  const problems: string[] = [];
  for (let start = 0; start < feeds.length; start += 4)
    for (const found of await Promise.all(
      feeds.slice(start, start + 4).map((feed) => feedProblems(page, feed)),
    ))
      problems.push(...found);
  await context.close();
  expect([...problems, ...findings.problems]).toEqual([]);
});
