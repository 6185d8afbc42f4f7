import type { BrowserContextOptions } from '@playwright/test';
import { HttpClient } from '../../test/stress/support/http-client.ts';
import { PASSWORD } from '../support/fixtures.ts';
import { URL_PAYLOADS, XSS_PAYLOADS } from './xss-payloads.ts';

/** One discussion per payload: the payload is its title (when it fits), its text, a comment and a reply. */
export interface PayloadThread {
  payload: string;
  discussionId: number;
  titleIsPayload: boolean;
  commentId: number;
  replyId: number;
}

export interface Seeded {
  author: string;
  threads: PayloadThread[];
  /** Discussions whose link is a URL payload the server accepted (it must be http or https). */
  linkThreads: number[];
  refusedUrls: string[];
  refusedUsernames: number;
  /** The author's session, for browsing as the person who wrote the payloads. */
  storageState: Exclude<BrowserContextOptions['storageState'], string | undefined>;
}

const USERNAME_RULE = /^[A-Za-z0-9_-]{3,30}$/;
const MAX_TITLE = 200;

async function created(response: Response, pattern: RegExp, what: string): Promise<number> {
  await response.body?.cancel();
  const location = response.headers.get('location') ?? '';
  const id = Number(location.match(pattern)?.[1]);
  if (response.status !== 303 || !Number.isInteger(id))
    throw new Error(`${what}: ${response.status} ${location}`);
  return id;
}

/**
 * Posts every payload over plain HTTP as a logged-in author (fast, and outside
 * Playwright's tracing), so the browser only has to look.
 */
export async function seedPayloads(baseURL: string, author: string): Promise<Seeded> {
  const api = new HttpClient(baseURL);
  await api.signUp(author, PASSWORD);
  await api.refreshToken();

  const threads: PayloadThread[] = [];
  for (const [index, payload] of XSS_PAYLOADS.entries()) {
    const titleIsPayload = payload.trim().length > 0 && payload.length <= MAX_TITLE;
    const title = titleIsPayload ? payload : `Payload ${index}`;
    const submit = await api.post('/submit', { title, url: '', text: payload });
    const discussionId = await created(submit, /\/discuss\/(\d+)$/, `payload ${index} as a discussion`);
    const comment = await api.post(`/discuss/${discussionId}/comments`, { body: payload });
    const commentId = await created(comment, /#c(\d+)$/, `payload ${index} as a comment`);
    const reply = await api.post(`/discuss/${discussionId}/comments`, {
      body: payload,
      parentId: String(commentId),
    });
    const replyId = await created(reply, /#c(\d+)$/, `payload ${index} as a reply`);
    threads.push({ payload, discussionId, titleIsPayload, commentId, replyId });
  }

  const linkThreads: number[] = [];
  const refusedUrls: string[] = [];
  for (const [index, url] of URL_PAYLOADS.entries()) {
    const response = await api.post('/submit', { title: `Link ${index}`, url, text: '' });
    if (response.status === 400) {
      await response.body?.cancel();
      refusedUrls.push(url);
    } else linkThreads.push(await created(response, /\/discuss\/(\d+)$/, `URL payload ${index}`));
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

  const { hostname } = new URL(baseURL);
  const storageState = {
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
  return { author, threads, linkThreads, refusedUrls, refusedUsernames, storageState };
}
