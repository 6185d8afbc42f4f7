import type { BrowserContextOptions } from '@playwright/test';
import { HttpClient } from '../../test/stress/support/http-client.ts';
import { PASSWORD } from '../support/fixtures.ts';
import { URL_PAYLOADS, XSS_PAYLOADS } from './xss-payloads.ts';

/** One discussion per payload: the payload is its title (when it fits) and its text. */
export interface PayloadThread {
  payload: string;
  discussionId: number;
  titleIsPayload: boolean;
}

/**
 * Payloads packed together for the pages that show one value each (the edit and reply forms):
 * a discussion whose title is the payloads joined (it fits the title's limit) and whose text,
 * like its one comment's, is the same payloads a paragraph each.
 */
export interface PayloadGroup {
  payloads: string[];
  discussionId: number;
  commentId: number;
}

export interface Seeded {
  author: string;
  threads: PayloadThread[];
  /** A few discussions holding every payload as a comment, each with a reply that repeats it. */
  commentThreads: number[];
  groups: PayloadGroup[];
  /** Discussions whose link is a URL payload the server accepted (it must be http or https). */
  linkThreads: number[];
  refusedUrls: string[];
  refusedUsernames: number;
  /** The author's session, for browsing as the person who wrote the payloads. */
  storageState: Exclude<BrowserContextOptions['storageState'], string | undefined>;
}

const USERNAME_RULE = /^[A-Za-z0-9_-]{3,30}$/;
const MAX_TITLE = 200;
/** A discussion page shows 200 comments: a comment thread holds this many payloads, each twice, on one page. */
const PAYLOADS_PER_COMMENT_THREAD = 70;

/**
 * Packs the payloads, in order, into groups whose members joined by `separator` stay within
 * `limit` characters.
 */
export function packed(payloads: readonly string[], limit: number, separator: string): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  for (const payload of payloads) {
    if (payload.length > limit) throw new Error(`a payload longer than ${limit} characters cannot be packed`);
    if (current.length > 0 && [...current, payload].join(separator).length > limit) {
      groups.push(current);
      current = [];
    }
    current.push(payload);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

async function created(response: Response, pattern: RegExp, what: string): Promise<number> {
  await response.body?.cancel();
  const location = response.headers.get('location') ?? '';
  const id = Number(location.match(pattern)?.[1]);
  if (response.status !== 303 || !Number.isInteger(id))
    throw new Error(`${what}: ${response.status} ${location}`);
  return id;
}

const DISCUSSION = /\/discuss\/(\d+)$/;
const COMMENT = /#c(\d+)$/;

/**
 * Posts every payload over plain HTTP as a logged-in author (fast, and outside
 * Playwright's tracing), so the browser only has to look.
 */
export async function seedPayloads(baseURL: string, author: string): Promise<Seeded> {
  const api = new HttpClient(baseURL);
  await api.signUp(author, PASSWORD);
  await api.refreshToken();
  const comment = async (discussionId: number, body: string, parentId?: number) =>
    created(
      await api.post(`/discuss/${discussionId}/comments`, {
        body,
        ...(parentId === undefined ? {} : { parentId: String(parentId) }),
      }),
      COMMENT,
      `a comment in ${discussionId}`,
    );

  const threads: PayloadThread[] = [];
  for (const [index, payload] of XSS_PAYLOADS.entries()) {
    const titleIsPayload = payload.trim().length > 0 && payload.length <= MAX_TITLE;
    const title = titleIsPayload ? payload : `Payload ${index}`;
    const submit = await api.post('/submit', { title, url: '', text: payload });
    const discussionId = await created(submit, DISCUSSION, `payload ${index} as a discussion`);
    threads.push({ payload, discussionId, titleIsPayload });
  }

  const commentThreads: number[] = [];
  for (let start = 0; start < XSS_PAYLOADS.length; start += PAYLOADS_PER_COMMENT_THREAD) {
    const title = `Comments ${start + 1} onwards`;
    const submit = await api.post('/submit', {
      title,
      url: '',
      text: 'Every payload as a comment and a reply.',
    });
    const discussionId = await created(submit, DISCUSSION, title);
    for (const payload of XSS_PAYLOADS.slice(start, start + PAYLOADS_PER_COMMENT_THREAD))
      await comment(discussionId, payload, await comment(discussionId, payload));
    commentThreads.push(discussionId);
  }

  const groups: PayloadGroup[] = [];
  for (const payloads of packed(XSS_PAYLOADS, MAX_TITLE, ' ')) {
    const text = payloads.join('\n\n');
    const submit = await api.post('/submit', { title: payloads.join(' '), url: '', text });
    const discussionId = await created(submit, DISCUSSION, `payload group ${groups.length} as a discussion`);
    groups.push({ payloads, discussionId, commentId: await comment(discussionId, text) });
  }

  const linkThreads: number[] = [];
  const refusedUrls: string[] = [];
  for (const [index, url] of URL_PAYLOADS.entries()) {
    const response = await api.post('/submit', { title: `Link ${index}`, url, text: '' });
    if (response.status === 400) {
      await response.body?.cancel();
      refusedUrls.push(url);
    } else linkThreads.push(await created(response, DISCUSSION, `URL payload ${index}`));
  }

  // Usernames are letters, digits, "_" and "-": every hostile name must be refused, and none created.
  const stranger = new HttpClient(baseURL);
  let refusedUsernames = 0;
  for (const payload of XSS_PAYLOADS) {
    const response = await stranger.post('/signup', { username: payload, password: PASSWORD });
    await response.body?.cancel();
    const allowed = USERNAME_RULE.test(payload);
    if (!allowed && response.status !== 400)
      throw new Error(`hostile username ${JSON.stringify(payload)} got ${response.status}`);
    if (!allowed) refusedUsernames += 1;
  }

  const storageState = sessionOf(api, baseURL);
  return {
    author,
    threads,
    commentThreads,
    groups,
    linkThreads,
    refusedUrls,
    refusedUsernames,
    storageState,
  };
}

/** A client's session as a browser context's storage state, to browse as the person it signed in. */
export function sessionOf(api: HttpClient, baseURL: string) {
  const { hostname } = new URL(baseURL);
  return {
    cookies: api.cookieJar.map(([name, value]) => ({
      name,
      value,
      domain: hostname,
      path: '/',
      expires: -1,
      httpOnly: true,
      secure: false,
      sameSite: 'Lax' as const,
    })),
    origins: [],
  };
}
