import { HttpClient } from './http-client.ts';

/** A logged-in browser, reduced to what a write needs; it survives server restarts (sessions live in SQLite). */
export interface WriterSession {
  cookie: string;
  token: string;
}

/** A write the server acknowledged (303 with a Location, or 201 with an id): it must never be lost. */
export interface Ack {
  kind: 'comment' | 'discussion';
  id: number;
  text: string;
}

export interface WriterReport {
  acks: Ack[];
  attempts: number;
  /** Status codes other than success, by code (503 is the only one a healthy shutdown may produce). */
  refusals: Record<number, number>;
  /** Requests that got no HTTP answer at all (connection refused or reset). */
  networkErrors: number;
}

export async function logIn(baseUrl: string, username: string, password: string): Promise<WriterSession> {
  const client = new HttpClient(baseUrl);
  await client.refreshToken('/login');
  const response = await client.post('/login', { username, password });
  await response.body?.cancel();
  if (response.status !== 303) throw new Error(`login of ${username} failed: ${response.status}`);
  // Login renews the CSRF secret: the writer's token comes from a page read after it.
  const token = await client.refreshToken('/');
  return { cookie: client.cookieHeader, token };
}

/** Logs `count` browsers in, a few at a time (fifty at once can outlast fetch's connect timeout on a busy machine). */
export async function logInMany(
  baseUrl: string,
  count: number,
  credentials: (i: number) => { username: string; password: string },
): Promise<WriterSession[]> {
  const sessions: WriterSession[] = [];
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, (_, j) => credentials(start + j));
    sessions.push(...(await Promise.all(batch.map((c) => logIn(baseUrl, c.username, c.password)))));
  }
  return sessions;
}

/** One write: a comment on one of `postIds` (nine in ten) or a new discussion; form or JSON at random. */
async function writeOnce(baseUrl: string, session: WriterSession, postIds: number[], text: string) {
  const json = Math.random() < 0.5;
  const discussion = Math.random() < 0.1;
  const discussionId = postIds[Math.floor(Math.random() * postIds.length)];
  const path = discussion ? '/submit' : `/discuss/${discussionId}/comments`;
  const fields: Record<string, string> = discussion
    ? { title: text, text: 'Written under load.', url: '' }
    : { body: text };
  const response = await fetch(baseUrl + path, {
    method: 'POST',
    body: new URLSearchParams({ _csrf: session.token, ...fields }).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: session.cookie,
      ...(json ? { accept: 'application/json' } : {}),
    },
    redirect: 'manual',
  });
  const kind = discussion ? ('discussion' as const) : ('comment' as const);
  if (response.status === 201) {
    const { id } = (await response.json()) as { id: number };
    return { status: 201, ack: { kind, id, text } };
  }
  await response.body?.cancel();
  if (response.status === 303) {
    const location = response.headers.get('location') ?? '';
    const id = Number((discussion ? location.match(/\/discuss\/(\d+)$/) : location.match(/#c(\d+)$/))?.[1]);
    if (!Number.isInteger(id)) throw new Error(`303 without an id: ${location}`);
    return { status: 303, ack: { kind, id, text } };
  }
  return { status: response.status, ack: undefined };
}

/**
 * Starts one loop per session, each posting as fast as the server answers until
 * stopped. With `stopOnNetworkError` a writer gives up at the first request that
 * gets no answer (the server was killed).
 */
export function startWriters(options: {
  baseUrl: string;
  sessions: WriterSession[];
  postIds: number[];
  tag: string;
  stopOnNetworkError: boolean;
}) {
  const report: WriterReport = { acks: [], attempts: 0, refusals: {}, networkErrors: 0 };
  let stopped = false;
  let serial = 0;
  const loops = options.sessions.map(async (session, writer) => {
    while (!stopped) {
      const text = `${options.tag} writer ${writer} write ${serial++}`;
      report.attempts += 1;
      try {
        const { status, ack } = await writeOnce(options.baseUrl, session, options.postIds, text);
        if (ack) report.acks.push(ack);
        else report.refusals[status] = (report.refusals[status] ?? 0) + 1;
      } catch {
        report.networkErrors += 1;
        if (options.stopOnNetworkError) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  });
  return {
    report,
    /** Stops the loops and waits for every request in flight to settle. */
    async stop(): Promise<WriterReport> {
      stopped = true;
      await Promise.all(loops);
      return report;
    },
    /** Waits until the writers have stopped by themselves (every one met a dead server). */
    async finished(): Promise<WriterReport> {
      await Promise.all(loops);
      return report;
    },
  };
}
