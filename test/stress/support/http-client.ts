import { CookieJar } from '../../helpers/cookie-jar.ts';

/** Every test account's password; long enough for the sign-up rules. */
export const PASSWORD = 'correct horse battery';

/**
 * A browser-like client for a real server over loopback: keeps cookies, reads
 * the CSRF token from a form, posts urlencoded forms and never follows redirects
 * (the Location header is how a form post tells us what it created).
 */
export class HttpClient {
  private jar = new CookieJar();
  private token = '';
  /** Mutable so that a client can follow its server across a restart (the port changes). */
  constructor(public baseUrl: string) {}

  /** The cookies this client holds, as name/value pairs (e.g. to hand a session to a browser). */
  get cookieJar(): [string, string][] {
    return this.jar.entries;
  }

  get cookieHeader(): string {
    return this.jar.header;
  }

  private remember(response: Response) {
    const lines = response.headers.getSetCookie();
    this.jar.store(lines);
    // Logging in or out renews the CSRF secret: the next form post reads a token for the new one.
    if (lines.some((line) => line.startsWith('_csrf='))) this.token = '';
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(this.baseUrl + path, {
      headers: { cookie: this.cookieHeader, ...headers },
      redirect: 'manual',
    });
    this.remember(response);
    return response;
  }

  /** Loads a form page once and keeps its CSRF token (the token stays valid as long as the cookie). */
  async refreshToken(page = '/signup'): Promise<string> {
    const response = await this.get(page);
    const html = await response.text();
    const match = html.match(/name="_csrf" value="([^"]+)"/);
    if (!match?.[1]) throw new Error(`no CSRF token on ${page} (status ${response.status})`);
    this.token = match[1];
    return this.token;
  }

  async post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    if (this.token === '') await this.refreshToken();
    const response = await fetch(this.baseUrl + path, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: this.token, ...fields }).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: this.cookieHeader,
        ...headers,
      },
      redirect: 'manual',
    });
    this.remember(response);
    return response;
  }

  async signUp(username: string, password = PASSWORD): Promise<void> {
    const response = await this.post('/signup', { username, password });
    await response.body?.cancel();
    if (response.status !== 303) throw new Error(`sign-up of ${username} failed: ${response.status}`);
  }

  async startDiscussion(title: string, text = 'Some text.'): Promise<number> {
    const response = await this.post('/submit', { title, text, url: '' });
    await response.body?.cancel();
    if (response.status !== 303) throw new Error(`submit failed: ${response.status}`);
    return Number(response.headers.get('location')?.split('/').pop());
  }
}
