/** Whether `url` belongs to this site: the worker answers and saves nothing of other origins. */
export function isSameOrigin(url: string, origin: string): boolean {
  return new URL(url).origin === origin;
}
