/** The worker's global scope, typed (lib WebWorker types `self` as a plain worker). */
export const worker = self as unknown as ServiceWorkerGlobalScope;

export const ORIGIN = worker.location.origin;

export function isSameOrigin(url: string): boolean {
  return new URL(url).origin === ORIGIN;
}
