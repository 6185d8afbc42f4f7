import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { type App, type AppConfig, buildApp } from '../../app/app.ts';
import { DEMO_COST, hashPassword } from '../../app/domain/passwords.ts';
import { CookieJar } from './cookie-jar.ts';

/** The password every test account uses unless a test is about passwords. */
export const DEFAULT_PASSWORD = 'correct horse battery';

export interface TestApp {
  app: App;
  databasePath: string;
}

/**
 * Builds the real application on its own temporary SQLite file and closes it
 * (and deletes the file) when the test ends. Rate limits are off unless a test
 * is about them.
 */
export async function build(t: TestContext, overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'charcha-test-'));
  const databasePath = join(dir, 'charcha.db');
  const app = await buildApp({
    databasePath,
    sessionSecret: 'test-secret-that-is-long-enough-for-cookies',
    production: false,
    seed: 'none',
    networkTimeoutMs: 3000,
    rateLimits: false,
    ...overrides,
  });
  t.after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { app, databasePath };
}

/** What a forged form request carries besides its fields; nothing is added that is not given here. */
export interface Forged {
  cookie?: string;
  headers?: Record<string, string>;
  /** The client's address, for the limiters keyed by it (the default is 127.0.0.1). */
  remoteAddress?: string;
  /** A form can only POST; a forged request may use any method a route answers (default POST). */
  method?: 'POST' | 'DELETE';
}

/**
 * Posts exactly these fields as a form with exactly this cookie header, and remembers nothing:
 * for tests that send what a browser would not (a planted session id, another client's address).
 */
export function postForm(app: App, url: string, fields: Record<string, string>, forged: Forged = {}) {
  return app.inject({
    method: forged.method ?? 'POST',
    url,
    remoteAddress: forged.remoteAddress,
    payload: new URLSearchParams(fields).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: forged.cookie ?? '',
      ...forged.headers,
    },
  });
}

/** A browser-like client: keeps cookies between requests and pulls CSRF tokens out of pages. */
export class Client {
  private jar = new CookieJar();
  constructor(private readonly app: App) {}

  get cookieHeader(): string {
    return this.jar.header;
  }

  private remember(setCookie: string | string[] | undefined) {
    this.jar.store([setCookie ?? []].flat());
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const response = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader, ...headers },
    });
    this.remember(response.headers['set-cookie']);
    return response;
  }

  /** The CSRF token of the form on `page` (default: the sign-up page, which every visitor can load). */
  async csrfToken(page = '/signup'): Promise<string> {
    const response = await this.get(page);
    const match = response.body.match(/name="_csrf" value="([^"]+)"/);
    if (!match?.[1]) throw new Error(`no CSRF token on ${page} (status ${response.statusCode})`);
    return match[1];
  }

  /** Posts a form the way a browser does, with the page's CSRF token unless `_csrf` is given. */
  async post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return this.postRaw(url, { _csrf: fields._csrf ?? (await this.csrfToken()), ...fields }, headers);
  }

  /** Posts exactly these fields: no CSRF token is added (for tests of the CSRF defence itself). */
  async postRaw(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    const response = await postForm(this.app, url, fields, { cookie: this.cookieHeader, headers });
    this.remember(response.headers['set-cookie']);
    return response;
  }

  /** Posts JSON the way a script does: `Accept: application/json` and the token in `x-csrf-token`. */
  async postJson(url: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await this.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: {
        accept: 'application/json',
        'x-csrf-token': await this.csrfToken(),
        cookie: this.cookieHeader,
        ...headers,
      },
    });
    this.remember(response.headers['set-cookie']);
    return response;
  }

  async signUp(username: string, password = DEFAULT_PASSWORD) {
    const response = await this.post('/signup', { username, password });
    if (response.statusCode !== 303) throw new Error(`sign-up of ${username} failed: ${response.statusCode}`);
    return response;
  }

  async logIn(username: string, password = DEFAULT_PASSWORD) {
    const response = await this.post('/login', { username, password });
    if (response.statusCode !== 303) throw new Error(`login of ${username} failed: ${response.statusCode}`);
    return response;
  }

  async logOut() {
    const response = await this.post('/logout', {});
    if (response.statusCode !== 303) throw new Error(`logout failed: ${response.statusCode}`);
    return response;
  }

  /** Starts a discussion and returns its id. */
  async startDiscussion(title = 'A discussion', text = 'Some **text**.', url = ''): Promise<number> {
    const response = await this.post('/submit', { title, text, url });
    if (response.statusCode !== 303)
      throw new Error(`submit failed: ${response.statusCode} ${response.body}`);
    return Number(String(response.headers.location).split('/').pop());
  }

  /** Comments (or replies, with parentId) and returns the new comment's id. */
  async comment(discussionId: number, body: string, parentId?: number): Promise<number> {
    const fields: Record<string, string> = { body };
    if (parentId !== undefined) fields.parentId = String(parentId);
    const response = await this.post(`/discuss/${discussionId}/comments`, fields);
    if (response.statusCode !== 303)
      throw new Error(`comment failed: ${response.statusCode} ${response.body}`);
    return Number(String(response.headers.location).split('#c').pop());
  }
}

/**
 * Creates an account straight in the database with the seeder's cheap scrypt cost, so that tests
 * not about sign-up skip its ~190 ms hash. Login verifies with the cost stored in the hash.
 */
export async function createUser(app: App, username: string, password = DEFAULT_PASSWORD): Promise<number> {
  const id = app.repositories.users.create(username, await hashPassword(password, DEMO_COST), Date.now());
  if (id === null) throw new Error(`username ${username} is taken`);
  return id;
}

/** A client logged in (through the real login form) as a new user; `id` is the user's id. */
export async function logInAs(app: App, username: string): Promise<Client & { id: number }> {
  const id = await createUser(app, username);
  const client = new Client(app);
  await client.logIn(username);
  return Object.assign(client, { id });
}
