import type { PageToWorkerMessage } from '../shared/page-worker-messages.ts';

/** The worker in control of this page; on a first visit, once it has claimed the page. */
export function controllingWorker(): Promise<ServiceWorker> {
  const container = navigator.serviceWorker;
  if (container.controller) return Promise.resolve(container.controller);
  return new Promise((resolve) =>
    container.addEventListener('controllerchange', () => {
      if (container.controller) resolve(container.controller);
    }),
  );
}

/**
 * Sends `message` to the worker in control and waits for its answer on a MessagePort, or
 * undefined after `timeoutMs`: a page never hangs on a worker that is busy or gone.
 */
export function askWorker<Reply>(
  message: PageToWorkerMessage,
  timeoutMs: number,
): Promise<Reply | undefined> {
  const worker = navigator.serviceWorker?.controller;
  if (!worker) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    channel.port1.onmessage = (event: MessageEvent<Reply>) => {
      clearTimeout(timer);
      resolve(event.data);
    };
    worker.postMessage(message, [channel.port2]);
  });
}
