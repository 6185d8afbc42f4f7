import type { Page } from '@playwright/test';
import { expect } from '../support/fixtures.ts';
import {
  type NetworkSwitch,
  networkSwitch,
  OFFLINE_MODES,
  type OfflineMode,
} from '../support/offline-modes.ts';
import type { RunningServer } from '../support/server.ts';
import {
  commentsBy,
  elapsedSince,
  forEachSyncMode,
  idempotencyKeysOf,
  marks,
  realComment,
  type SyncMode,
  outboxTest as test,
  writeComment,
} from './support.ts';

const COUNT = 20;
const FLAPS = 10;
const texts = Array.from(
  { length: COUNT },
  (_, index) => `Outbox item ${String(index + 1).padStart(2, '0')}`,
);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function landedCount(server: RunningServer, writer: string, discussionId: number): Promise<number> {
  return commentsBy(server, writer, discussionId).length;
}

async function expectAllLandedOnce(page: Page, server: RunningServer, writer: string, discussionId: number) {
  await expect(marks(page)).toHaveCount(0, { timeout: 45_000 });
  expect(commentsBy(server, writer, discussionId).map((row) => row.body)).toEqual(texts);
  expect(idempotencyKeysOf(server, writer)).toHaveLength(COUNT);
  await page.reload();
  for (const text of texts) await expect(realComment(page, text)).toHaveCount(1);
}

/** Cuts the network (the given way) and writes the twenty comments, each waiting in the outbox. */
async function writeAllOffline(page: Page, mode: OfflineMode): Promise<NetworkSwitch> {
  const network = networkSwitch(page, mode);
  await network.goOffline();
  for (const text of texts) await writeComment(page, text);
  return network;
}

function note(description: string): void {
  test.info().annotations.push({ type: 'measured', description });
  console.log(`[outbox] ${test.info().title}: ${description}`);
}

for (const mode of OFFLINE_MODES) {
  forEachSyncMode((sync) => {
    test(`20 comments written offline are delivered in order after reconnecting (${mode}, ${sync})`, async ({
      page,
      server,
      thread,
      writer,
    }) => {
      const network = await writeAllOffline(page, mode);
      await expect(marks(page)).toHaveCount(COUNT);

      const reconnected = performance.now();
      await network.goOnline();
      while ((await landedCount(server, writer, thread.id)) < COUNT) {
        if (performance.now() - reconnected > 30_000) throw new Error('20 items did not land within 30 s');
        await pause(5);
      }
      const inDatabase = elapsedSince(reconnected);
      await expect(marks(page)).toHaveCount(0, { timeout: 30_000 });
      await expect(realComment(page, texts[COUNT - 1] ?? '')).toHaveCount(1);
      note(
        `reconnect → 20 rows in the database: ${inDatabase} ms; → all 20 shown as real comments: ${elapsedSince(reconnected)} ms`,
      );
      await expectAllLandedOnce(page, server, writer, thread.id);
    });
  });
}

/** Each sync mode flaps under one way of cutting the network, so that both ways are flapped too. */
const FLAPPING_MODE: Record<SyncMode, OfflineMode> = {
  'Background Sync': 'context.setOffline',
  'no SyncManager': 'DevTools offline',
};

forEachSyncMode((sync) => {
  const mode = FLAPPING_MODE[sync];
  test(`a network flapping ${FLAPS} times during the replay of 20 items delivers exactly 20, in order (${mode}, ${sync})`, async ({
    page,
    server,
    thread,
    writer,
  }) => {
    // How many had landed as each drop began.
    const progress: number[] = [];
    const network = await writeAllOffline(page, mode);

    await network.goOnline();
    for (let flap = 0; flap < FLAPS; flap += 1) {
      await pause(40 + flap * 15);
      await network.goOffline();
      progress.push(await landedCount(server, writer, thread.id));
      await pause(60);
      await network.goOnline();
    }
    note(`landed when each of the ${FLAPS} drops began: ${progress.join(', ')}`);
    // The first drops came while the replay was still under way.
    expect(progress[0]).toBeLessThan(COUNT);
    await expectAllLandedOnce(page, server, writer, thread.id);
  });
});
