import { expect } from '../support/fixtures.ts';
import {
  commentsBy,
  forEachSyncMode,
  idempotencyKeysOf,
  marks,
  realComment,
  outboxTest as test,
} from './support.ts';

forEachSyncMode((sync) => {
  test(`a comment whose response was lost after the server committed it is not duplicated by the replay (${sync})`, async ({
    page,
    server,
    thread,
    writer,
  }) => {
    // The fault is injected at the transport: the real server handles the first POST, then the
    // connection is reset before its answer reaches the page. Later deliveries pass through untouched.
    const committed: { key: string; status: number }[] = [];
    const replays: { key: string; status: number; replayed?: string }[] = [];
    await page.route(`**/discuss/${thread.id}/comments`, async (route) => {
      const key = route.request().headers()['idempotency-key'] ?? '';
      const response = await route.fetch();
      if (committed.length === 0) {
        committed.push({ key, status: response.status() });
        await route.abort('connectionreset');
      } else {
        replays.push({
          key,
          status: response.status(),
          replayed: response.headers()['idempotent-replayed'],
        });
        await route.fulfill({ response });
      }
    });

    const text = 'Sent once, answered never.';
    await page.getByLabel('Add a comment').fill(text);
    await page.getByRole('button', { name: 'Post comment' }).click();

    // The page never heard back, yet the comment ends up shown once, as the real comment.
    await expect(realComment(page, text)).toHaveCount(1, { timeout: 30_000 });
    await expect(marks(page)).toHaveCount(0);
    expect(committed).toEqual([{ key: expect.stringMatching(/^[\w-]{36}$/), status: 201 }]);
    const key = committed[0]?.key;

    // The server holds it once, under the key the page generated; every replay was answered from that key.
    const rows = commentsBy(server, writer, thread.id);
    expect(rows.map((row) => row.body)).toEqual([text]);
    expect(idempotencyKeysOf(server, writer).map((row) => row.key)).toEqual([key]);
    for (const replay of replays) expect(replay).toEqual({ key, status: 201, replayed: 'true' });
    // Without Background Sync only the page can replay, so the replay must have come through here.
    if (sync === 'no SyncManager') expect(replays.length).toBeGreaterThan(0);

    await page.reload();
    await expect(realComment(page, text)).toHaveCount(1);
    expect(commentsBy(server, writer, thread.id)).toHaveLength(1);
  });
});
