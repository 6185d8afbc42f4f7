import { request } from 'node:http';

/** A logged-in benchmark client: what a browser would send after signing up. */
export interface Session {
  username: string;
  /** The Cookie header: the session and the signed CSRF secret. */
  cookie: string;
  /** A token that matches the CSRF secret in `cookie`, for the `_csrf` form field. */
  csrfToken: string;
}

const BENCH_PASSWORD = 'bench-password-42';

/** Keeps the cookies a server sets, as a browser would (names and values only). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const equals = pair.indexOf('=');
      if (equals > 0) this.cookies.set(pair.slice(0, equals).trim(), pair.slice(equals + 1).trim());
    }
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export function csrfTokenIn(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (token === undefined) throw new Error('the page has no _csrf form field');
  return token;
}

export async function getText(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers, redirect: 'manual' });
  return { response, body: await response.text() };
}

/** Signs a new user up through the real form (CSRF token included) and returns the session cookies. */
export async function signUp(baseUrl: string, username: string): Promise<Session> {
  const jar = new CookieJar();
  const form = await fetch(`${baseUrl}/signup`);
  jar.take(form);
  const formToken = csrfTokenIn(await form.text());
  const response = await fetch(`${baseUrl}/signup`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ _csrf: formToken, username, password: BENCH_PASSWORD }).toString(),
  });
  jar.take(response);
  await response.arrayBuffer();
  if (response.status !== 303 || !jar.has('sid')) {
    throw new Error(`signing up ${username} answered ${response.status} without a session cookie`);
  }
  // The logged-in layout carries a fresh token (logout form) for the same CSRF secret.
  const home = await fetch(`${baseUrl}/`, { headers: { cookie: jar.header() } });
  jar.take(home);
  return { username, cookie: jar.header(), csrfToken: csrfTokenIn(await home.text()) };
}

export async function signUpMany(baseUrl: string, prefix: string, count: number): Promise<Session[]> {
  const sessions: Session[] = [];
  // One at a time: password hashing is deliberately slow and the server has one core to spare.
  for (let index = 1; index <= count; index++) sessions.push(await signUp(baseUrl, `${prefix}${index}`));
  return sessions;
}

/** The page's own scripts and stylesheets, as its HTML names them. */
export function linkedAssets(html: string): { scripts: string[]; styles: string[] } {
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1] as string);
  const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map(
    (match) => match[1] as string,
  );
  return { scripts, styles };
}

/** Bytes the server puts on the wire for `path` as Chromium asks for it (br): headers and encoded body. */
export function wireSize(origin: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const asking = request(new URL(path, origin), {
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    asking.on('response', (answer) => {
      let bytes = answer.rawHeaders.reduce((sum, value) => sum + value.length + 2, 0);
      answer.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      answer.on('end', () => resolve(bytes));
    });
    asking.on('error', reject);
    asking.end();
  });
}
