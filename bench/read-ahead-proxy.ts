import { startProxy } from '../e2e/support/proxy.ts';

/**
 * What the server sends back, per path: the e2e suite's proxy in front of the app, used by the
 * browser as the site's origin, counting the bytes each response puts on the wire (status line,
 * headers and body as encoded, chunk framing included), which is what a person on a metered
 * connection pays for.
 */
export interface ByteCountingProxy {
  url: string;
  /** Responses and their bytes since the last reset, for the paths `include` accepts. */
  totals(include: (path: string) => boolean): { requests: number; bytes: number };
  reset(): void;
  close(): Promise<void>;
}

export async function startByteCountingProxy(target: string): Promise<ByteCountingProxy> {
  let sent: { path: string; bytes: number }[] = [];
  const proxy = await startProxy(target, (url, response) => {
    // Browsers do not pipeline, so a connection carries one response at a time: what its socket
    // wrote between this request and the response's end is that response.
    const socket = response.socket;
    if (!socket) throw new Error(`no socket for ${url.pathname}: a pipelined request?`);
    const before = socket.bytesWritten;
    const record = { path: url.pathname, bytes: 0 };
    const counting = sent;
    response.on('finish', () => {
      record.bytes = socket.bytesWritten - before;
      counting.push(record);
    });
    return false;
  });
  return {
    url: proxy.url,
    totals(include) {
      const counted = sent.filter((record) => include(record.path));
      return { requests: counted.length, bytes: counted.reduce((sum, record) => sum + record.bytes, 0) };
    },
    reset: () => {
      // Responses still in flight belong to the period before the reset.
      sent = [];
    },
    close: () => proxy.close(),
  };
}
