const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];
/**
 * Made on first use: the page script bundles this module, and building the formatter (ICU loading
 * its data) was the largest part of its start-up on every page, most of which never show an age
 * (bench/README.md, Lighthouse).
 */
let format: Intl.RelativeTimeFormat | undefined;

/** "3 hours ago", "yesterday", "just now": the age of a post as a reader says it. */
export function timeAgo(timestamp: number, now = Date.now()): string {
  const elapsed = now - timestamp;
  for (const [unit, size] of UNITS) {
    if (elapsed >= size) {
      format ??= new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
      return format.format(-Math.floor(elapsed / size), unit);
    }
  }
  return 'just now';
}

export function isoTime(timestamp: number): string {
  return new Date(timestamp).toISOString();
}

/**
 * How long to wait before trying again, rounded up the way a person says it: a limit that ends in
 * 3,599 seconds is "1 hour" (not "60 minutes"), and one that ends in 61 minutes is "2 hours".
 */
export function waitPhrase(seconds: number): string {
  const minutes = Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds / 60)) : 1;
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? '1 hour' : `${hours} hours`;
}
