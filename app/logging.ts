import type { FastifyServerOptions } from 'fastify';
import type { LogLevel } from './config.ts';

/**
 * "lines": one short line per request, for a person watching `npm start` in a terminal.
 * "json": pino's JSON lines, for log collectors, files and production.
 */
export type LogFormat = 'lines' | 'json';

/** JSON whenever a program reads the output or the server is in production; lines for a person at a terminal. */
export function logFormatFor(output: { isTTY: boolean | undefined; production: boolean }): LogFormat {
  return output.isTTY && !output.production ? 'lines' : 'json';
}

/** What a log destination needs: pino writes each record as one JSON line. */
export interface LineSink {
  write(text: string): unknown;
}

export function loggerOptions(
  level: LogLevel,
  format: LogFormat,
  out: LineSink = process.stdout,
): FastifyServerOptions['logger'] {
  // pino writes its JSON to stdout fastest through its own destination; other sinks are for tests.
  if (format === 'json') return out === process.stdout ? { level } : { level, stream: out };
  return { level, stream: readableLines(out) };
}

interface LogRecord {
  level: number;
  time: number;
  msg?: string;
  reqId?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { stack?: string; message?: string };
}

const LEVEL_NAMES: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** Requests whose end has not been logged yet; a client that vanishes must not grow this forever. */
const MAX_OPEN_REQUESTS = 1000;

/**
 * Turns pino's records into lines a person reads: Fastify's two records per request ("incoming
 * request", "request completed") become one line when the request ends, e.g.
 * `14:03:07 GET /discuss/3 200 4 ms`; anything else is `time level message`, with the stack of an error.
 */
export function readableLines(out: LineSink): LineSink {
  const open = new Map<string, string>();
  return {
    write(json: string) {
      let record: LogRecord;
      try {
        record = JSON.parse(json) as LogRecord;
      } catch {
        return out.write(json);
      }
      const clock = new Date(record.time).toTimeString().slice(0, 8);
      if (record.msg === 'incoming request' && record.reqId && record.req) {
        if (open.size >= MAX_OPEN_REQUESTS) open.delete(open.keys().next().value as string);
        open.set(record.reqId, `${record.req.method} ${record.req.url}`);
        return true;
      }
      const request = record.reqId ? open.get(record.reqId) : undefined;
      if (record.msg === 'request completed' && record.res) {
        if (record.reqId) open.delete(record.reqId);
        const took = Math.round(record.responseTime ?? 0);
        return out.write(`${clock} ${request ?? '?'} ${record.res.statusCode} ${took} ms\n`);
      }
      const level = LEVEL_NAMES[record.level] ?? String(record.level);
      const about = request ? ` (${request})` : '';
      const stack = record.err?.stack ? `\n${record.err.stack}` : '';
      return out.write(`${clock} ${level} ${record.msg ?? record.err?.message ?? ''}${about}${stack}\n`);
    },
  };
}
