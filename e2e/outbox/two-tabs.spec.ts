import { expect } from '../support/fixtures.ts';
import { waitForController } from '../support/service-worker.ts';
import {
  commentsBy,
  forEachSyncMode,
  idempotencyKeysOf,
  marks,
  markWith,
  realComment,
  outboxTest as test,
  writeComment,
} from './support.ts';

forEachSyncMode((sync) => {
  test(`two tabs sharing one outbox reconnect at the same moment and deliver each item once (${sync})`, async ({
    page,
    server,
    thread,
    writer,
  }) => {
    const context = page.context();
    const other = await context.newPage();
    await other.goto(thread.path);
    await waitForController(other);

    // Both tabs write while offline, interleaved; each tab shows every waiting item, wherever it was written.
    await context.setOffline(true);
    const texts = [
      'Tab one, first.',
      'Tab two, first.',
      'Tab one, second.',
      'Tab two, second.',
      'Tab one, third.',
    ];
    for (const [index, text] of texts.entries()) await writeComment(index % 2 === 0 ? page : other, text);
    for (const tab of [page, other]) {
      await expect(marks(tab)).toHaveCount(texts.length);
      for (const text of texts) await expect(markWith(tab, text)).toHaveCount(1);
    }

    // One switch brings both tabs (and the worker) back at once: each of them starts a delivery.
    await context.setOffline(false);
    for (const tab of [page, other]) await expect(marks(tab)).toHaveCount(0, { timeout: 30_000 });

    expect(commentsBy(server, writer, thread.id).map((row) => row.body)).toEqual(texts);
    expect(idempotencyKeysOf(server, writer)).toHaveLength(texts.length);
    for (const tab of [page, other]) {
      for (const text of texts) await expect(realComment(tab, text)).toHaveCount(1);
    }
    await other.reload();
    for (const text of texts) await expect(realComment(other, text)).toHaveCount(1);
  });
});
