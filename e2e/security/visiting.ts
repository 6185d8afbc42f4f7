import type { Browser, BrowserContext, BrowserContextOptions, Page } from '@playwright/test';
import { type Findings, visit, watch } from './probes.ts';

/** Pages are independent, so three tabs browse at once; the server has two cores. */
const TABS = 3;

/** Who browses: a signed-in person's storage state, or nobody's; with the service worker or without. */
export interface Visitor {
  baseURL: string | undefined;
  storageState?: BrowserContextOptions['storageState'];
  serviceWorkers?: boolean;
  /** On unless said otherwise. */
  javaScript?: boolean;
}

/** A fresh browser context whose every page is watched by the probes. */
export async function watchedContext(browser: Browser, visitor: Visitor) {
  const context = await browser.newContext({
    baseURL: visitor.baseURL,
    serviceWorkers: visitor.serviceWorkers ? 'allow' : 'block',
    storageState: visitor.storageState,
    javaScriptEnabled: visitor.javaScript ?? true,
  });
  const findings: Findings = { problems: [] };
  await watch(context, findings);
  return { context, findings };
}

/** What a test reads on a page once the probes have looked, before its tab moves on. */
export type AfterVisit = (page: Page, path: string) => Promise<void>;

export async function visitAll(
  context: BrowserContext,
  paths: string[],
  findings: Findings,
  afterVisit?: AfterVisit,
): Promise<void> {
  const queue = [...paths];
  await Promise.all(
    Array.from({ length: TABS }, async () => {
      const page = await context.newPage();
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        findings.problems.push(...(await visit(page, path)));
        await afterVisit?.(page, path);
      }
      await page.close();
    }),
  );
}

/** Visits every path from a fresh context and returns what the probes found. */
export async function problemsVisiting(
  browser: Browser,
  visitor: Visitor,
  paths: string[],
  afterVisit?: AfterVisit,
) {
  const { context, findings } = await watchedContext(browser, visitor);
  await visitAll(context, paths, findings, afterVisit);
  await context.close();
  return findings.problems;
}
