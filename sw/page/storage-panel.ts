import { formatBytes } from './byte-sizes.ts';

/**
 * What the saved pages take against what the browser allows this site (navigator.storage), and a
 * button that asks the browser to keep them even when space runs low, saying what it answered.
 */
export async function showStorage(section: HTMLElement, savedBytes: number): Promise<void> {
  const estimate = section.querySelector<HTMLElement>('[data-storage-estimate]');
  if (estimate) estimate.textContent = await describeEstimate(savedBytes);
  const persist = section.querySelector<HTMLElement>('[data-persist]');
  const button = persist?.querySelector('button');
  const answer = persist?.querySelector<HTMLElement>('[data-persist-answer]');
  if (!persist || !button || !answer || !navigator.storage?.persist || persist.dataset.ready) return;
  persist.dataset.ready = '1';
  if (await navigator.storage.persisted?.()) answer.textContent = `The browser already ${KEEPS}.`;
  button.addEventListener('click', async () => {
    button.disabled = true;
    const granted = await navigator.storage.persist().catch(() => false);
    button.disabled = false;
    answer.textContent = granted ? `The browser agreed: it ${KEEPS}.` : DECLINED;
  });
  persist.hidden = false;
}

const KEEPS = 'keeps these pages even when the device runs low on space';
const DECLINED =
  'The browser declined: it may remove these pages when the device runs low on space. Browsers decide by how much you use a site; saving it to your home screen helps.';

async function describeEstimate(savedBytes: number): Promise<string> {
  const saved = `The saved discussions take ${formatBytes(savedBytes)}.`;
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  if (!estimate?.quota) return `${saved} This browser does not say how much storage it allows this site.`;
  return `${saved} In all, Charcha uses ${formatBytes(estimate.usage ?? 0)} of the ${formatBytes(estimate.quota)} this browser allows it.`;
}
