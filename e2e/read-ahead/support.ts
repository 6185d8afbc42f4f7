import type { Page } from '@playwright/test';
import { PAGES_CACHE, SETTINGS_CACHE } from '../../sw/shared/cache-names.ts';
import {
  READ_AHEAD_STATUS,
  READ_AHEAD_SWITCH,
  type ReadAheadStatus,
} from '../../sw/shared/device-settings.ts';
import {
  KIND_HEADER,
  PINNED_HEADER,
  REVISION_HEADER,
  SIZE_HEADER,
} from '../../sw/shared/saved-page-metadata.ts';
import { expect, test } from '../support/fixtures.ts';
import { type RunningServer, startServer } from '../support/server.ts';

// Browser globals used inside page.evaluate callbacks: the e2e project compiles without the DOM lib.
interface BrowserResponse {
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}
declare const caches: {
  has(name: string): Promise<boolean>;
  open(name: string): Promise<{
    match(url: string | { url: string }): Promise<BrowserResponse | undefined>;
    keys(): Promise<{ url: string }[]>;
  }>;
};

/**
 * The read-ahead suites read the seeded demo forum with read-ahead on (the other suites turn it
 * off): one server per Playwright worker; `test.use({ serverEnv })` adds settings.
 */
export const readAheadTest = test.extend<
  object,
  { server: RunningServer; serverEnv: Record<string, string> }
>({
  serverEnv: [{}, { option: true, scope: 'worker' }],
  server: [
    async ({ serverEnv }, use) => {
      const server = await startServer({ seed: 'demo', env: { SW_READ_AHEAD: '30', ...serverEnv } });
      await use(server);
      await server.stop();
    },
    // Starting a seeded server is not part of any test: it gets its own time (startServer gives
    // up after 20 s) rather than the first test's.
    { scope: 'worker', timeout: 30_000 },
  ],
});

/**
 * Reading ahead is thirty requests one after another, each saved before the next, started once the
 * page is idle: seconds on this shared two-core machine, so a finished run is waited for this long.
 */
export const READ_AHEAD_WAIT_MS = 20_000;

/** What the worker recorded of its last read-ahead, or null before the first. */
export function readAheadStatus(page: Page): Promise<ReadAheadStatus | null> {
  return page.evaluate(
    async ({ cacheName, key }) => {
      if (!(await caches.has(cacheName))) return null;
      const stored = await (await caches.open(cacheName)).match(key);
      return stored ? ((await stored.json()) as ReadAheadStatus) : null;
    },
    { cacheName: SETTINGS_CACHE, key: READ_AHEAD_STATUS },
  );
}

/** This device's read-ahead switch as stored (true unless switched off). */
export function readAheadSwitchStored(page: Page): Promise<boolean> {
  return page.evaluate(
    async ({ cacheName, key }) => {
      if (!(await caches.has(cacheName))) return true;
      const stored = await (await caches.open(cacheName)).match(key);
      return stored ? (await stored.json()) !== false : true;
    },
    { cacheName: SETTINGS_CACHE, key: READ_AHEAD_SWITCH },
  );
}

/** Waits for a read-ahead run that ended after `after` (a time from a status, 0 for the first). */
export async function readAheadEnded(page: Page, after = 0): Promise<ReadAheadStatus> {
  let ended: ReadAheadStatus | null = null;
  await expect
    .poll(
      async () => {
        ended = await readAheadStatus(page);
        return (ended?.at ?? 0) > after;
      },
      { timeout: READ_AHEAD_WAIT_MS, intervals: [200] },
    )
    .toBe(true);
  if (!ended) throw new Error('no read-ahead was recorded');
  return ended;
}

/** The discussions a listing page links to, in its order. */
export async function listedPaths(page: Page): Promise<string[]> {
  const links = page.locator('.post-summary a.post-title');
  await expect(links.first()).toBeVisible();
  return links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
}

/** The revision the saved copy of a discussion shows, or null when none is saved. */
export function savedRevision(page: Page, path: string): Promise<number | null> {
  return page.evaluate(
    async ({ cacheName, url, header }) => {
      const saved = await (await caches.open(cacheName)).match(url);
      const value = saved?.headers.get(header);
      return value ? Number(value) : null;
    },
    { cacheName: PAGES_CACHE, url: new URL(path, page.url()).href, header: REVISION_HEADER },
  );
}

export interface SavedCopy {
  path: string;
  kind: string;
  pinned: boolean;
  size: number;
}

/** Every saved page with how it was saved and its stored size, read from the worker's metadata. */
export function savedCopies(page: Page): Promise<SavedCopy[]> {
  return page.evaluate(
    async ({ cacheName, headers }) => {
      if (!(await caches.has(cacheName))) return [];
      const cache = await caches.open(cacheName);
      const copies: SavedCopy[] = [];
      for (const request of await cache.keys()) {
        const saved = await cache.match(request);
        copies.push({
          path: new URL(request.url).pathname,
          kind: saved?.headers.get(headers.kind) ?? '',
          pinned: saved?.headers.get(headers.pinned) === '1',
          size: Number(saved?.headers.get(headers.size) ?? 0),
        });
      }
      return copies;
    },
    { cacheName: PAGES_CACHE, headers: { kind: KIND_HEADER, pinned: PINNED_HEADER, size: SIZE_HEADER } },
  );
}

/** Bytes the read-ahead copies take, as the budget counts them. */
export const readAheadBytes = (copies: SavedCopy[]) =>
  copies
    .filter((copy) => copy.kind === 'read-ahead' && !copy.pinned)
    .reduce((sum, copy) => sum + copy.size, 0);

/** How many comments a discussion page's HTML holds (views/partials/comment.eta). */
export function commentsIn(html: string): number {
  return html.match(/<li class="comment"/g)?.length ?? 0;
}

/** How many comments the server's page of a discussion shows, asked without any browser cache. */
export async function commentsOnServer(server: RunningServer, path: string): Promise<number> {
  return commentsIn(await (await fetch(`${server.url}${path}`)).text());
}

/** A demo account (see README): signing in with it costs less than signing a new person up. */
const DEMO_PASSWORD = 'charcha-demo';

/**
 * Someone else comments on a discussion, from no browser at all: a plain HTTP client that logs in
 * as a demo person and posts the comment form, straight to the server.
 */
export async function commentAsAnother(server: RunningServer, path: string, body: string): Promise<void> {
  const cookies = new Map<string, string>();
  const send = async (target: string, form?: Record<string, string>) => {
    const response = await fetch(`${server.url}${target}`, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
    const html = await response.text();
    return { status: response.status, token: html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '' };
  };
  const login = await send('/login');
  const loggedIn = await send('/login', { _csrf: login.token, username: 'bilal', password: DEMO_PASSWORD });
  expect(loggedIn.status).toBe(303);
  const discussion = await send(path);
  expect((await send(`${path}/comments`, { _csrf: discussion.token, body })).status).toBe(303);
}
