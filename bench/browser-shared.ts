// What the browser part's files share: their part name, how a skipped figure reads, medians of
// navigation timings and a context that records when the page's scripts ran.
import type { Browser, BrowserContext } from '@playwright/test';
import { type NavigationTiming, recordScriptExecution } from './support/browser-tools.ts';
import { median } from './support/load.ts';
import type { Row } from './support/table.ts';

export const PART = 'Browser';

export type Log = (line: string) => void;

export const skipped = (figure: string, target: string, note: string): Row => ({
  part: PART,
  figure,
  measured: '—',
  ratio: '—',
  target,
  verdict: 'SKIP',
  note,
});

export const medianOf = (
  timings: readonly NavigationTiming[],
  key: keyof Omit<NavigationTiming, 'controlled' | 'title'>,
) => median(timings.map((timing) => timing[key]));

export async function newContext(
  browser: Browser,
  serviceWorkers: 'allow' | 'block',
): Promise<BrowserContext> {
  const context = await browser.newContext({ serviceWorkers });
  await recordScriptExecution(context);
  return context;
}
