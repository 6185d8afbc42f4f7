/**
 * The cookies a browser holds for one site: Set-Cookie lines put them in (an empty value or an
 * expiry in 1970 takes one out), and they go back as one Cookie header. Attributes are not kept:
 * every test client talks to one origin over plain HTTP.
 */
export class CookieJar {
  private cookies = new Map<string, string>();

  /** Name/value pairs, e.g. to hand a session to a browser. */
  get entries(): [string, string][] {
    return [...this.cookies];
  }

  get header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  store(setCookieLines: Iterable<string>): void {
    for (const line of setCookieLines) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
