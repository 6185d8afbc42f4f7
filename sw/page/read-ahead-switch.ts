import { timeAgo } from '../../app/domain/time.ts';
import {
  lastReadAhead,
  type ReadAheadStatus,
  readAheadSwitchedOn,
  switchReadAhead,
} from '../shared/device-settings.ts';

const LISTING_NAMES = { top: 'front page', new: 'New page' } as const;

/** The last read-ahead as a sentence: what it fetched, or why it stopped or did not start. */
export function describeReadAhead(status: ReadAheadStatus | null, now = Date.now()): string {
  if (!status) return 'Nothing has been read ahead on this device yet: open the front page while online.';
  const when = timeAgo(status.at, now);
  const page = LISTING_NAMES[status.listing];
  const fetched = `${status.saved} of the ${status.listed} discussions on the ${page} were fetched`;
  switch (status.outcome) {
    case 'done':
      return `Last read ahead ${when}: ${fetched}; the others were saved already and had not changed.`;
    case 'budget-full':
      return `Last read ahead ${when}: ${fetched}, then it stopped, because read-ahead copies fill the space they may use.`;
    case 'storage-full':
      return `Last read ahead ${when}: ${fetched}, then it stopped, because the browser's storage for this site is full.`;
    case 'unreachable':
      return `Last read ahead ${when}: ${fetched}, then the connection was lost.`;
    case 'save-data':
      return `Not read ahead ${when}: the browser asks to save data (Save-Data).`;
    case 'slow-connection':
      return `Not read ahead ${when}: the connection was too slow (2G).`;
    case 'switched-off':
      return `Not read ahead ${when}: read-ahead is switched off on this device.`;
  }
}

/** The per-device switch for read-ahead, with what it last did; kept in Cache Storage (device-settings.ts). */
export function offerReadAheadSwitch(section: HTMLElement): void {
  const control = section.querySelector<HTMLElement>('[data-read-ahead-control]');
  const box = control?.querySelector<HTMLInputElement>('[data-read-ahead-switch]');
  const last = section.querySelector<HTMLElement>('[data-read-ahead-last]');
  if (!control || !box || !last) return;
  void (async () => {
    box.checked = await readAheadSwitchedOn(caches);
    last.textContent = describeReadAhead(await lastReadAhead(caches));
    control.hidden = false;
  })();
  box.addEventListener('change', () => void switchReadAhead(caches, box.checked));
}
