import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PAGES_CACHE } from '../../sw/shared/cache-names.ts';
import { lastReadAhead, switchReadAhead } from '../../sw/shared/device-settings.ts';
import { REVISION_HEADER } from '../../sw/shared/saved-page-metadata.ts';
import { createPageStore } from '../../sw/worker/page-store.ts';
import { type ReadAheadRequest, readAhead } from '../../sw/worker/read-ahead.ts';
import { isSavablePage } from '../../sw/worker/savable-pages.ts';
import { FakeCacheStorage } from './support/fake-cache.ts';
import { FakeForum, LIST_URL, ORIGIN } from './support/fake-forum.ts';

const FRONT_PAGE: ReadAheadRequest = {
  listing: 'top',
  connection: { saveData: false, effectiveType: '4g' },
  viewer: null,
};

/** Long enough for the fake forum's in-memory steps to have run (or not). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

function setUp(
  forum: FakeForum,
  { budgetBytes = 1_000_000, maxEntries = 100, navigationHoldMs = 10_000 } = {},
) {
  const storage = new FakeCacheStorage();
  const pages = createPageStore({
    cache: () => storage.open(PAGES_CACHE),
    limits: { maxEntries, maxAgeMs: 60 * 60_000 },
  });
  const worker = readAhead({
    origin: ORIGIN,
    settings: { listUrl: LIST_URL, budgetBytes },
    pages,
    isSavable: (request, response) =>
      isSavablePage(request, response, { origin: ORIGIN, offlinePage: '/offline' }),
    storage: storage.asCacheStorage(),
    fetch: forum.fetch,
    navigationHoldMs,
  });
  const saved = () =>
    storage
      .opened(PAGES_CACHE)
      .urls()
      .map((url) => new URL(url).pathname);
  const status = () => lastReadAhead(storage.asCacheStorage());
  return { storage, worker, saved, status };
}

test('the first front page saves itself and every listed discussion; a repeat asks only for the list', async () => {
  const forum = new FakeForum([1, 2, 3]);
  const { worker, saved, status } = setUp(forum);
  await worker.pageIdle('tab', FRONT_PAGE);
  assert.deepEqual(forum.requests, [LIST_URL, '/', '/discuss/1', '/discuss/2', '/discuss/3']);
  assert.deepEqual(saved(), ['/', '/discuss/1', '/discuss/2', '/discuss/3']);
  assert.deepEqual(await status().then((s) => s && { ...s, at: 0 }), {
    at: 0,
    listing: 'top',
    outcome: 'done',
    listed: 3,
    saved: 3,
  });

  forum.requests.length = 0;
  await worker.pageIdle('tab', FRONT_PAGE);
  assert.deepEqual(forum.requests, [LIST_URL]);
});

test('only the discussion whose revision changed is fetched again', async () => {
  const forum = new FakeForum([1, 2, 3]);
  const { storage, worker } = setUp(forum);
  await worker.pageIdle('tab', FRONT_PAGE);
  forum.revisions.set(2, 5);
  forum.requests.length = 0;
  await worker.pageIdle('tab', FRONT_PAGE);
  assert.deepEqual(forum.requests, [LIST_URL, '/discuss/2']);
  const copy = await storage.opened(PAGES_CACHE).match(`${ORIGIN}/discuss/2`);
  assert.equal(copy?.headers.get(REVISION_HEADER), '5');
});

test('a navigation aborts the request in flight; the queue goes on once the new page is idle', async () => {
  const forum = new FakeForum([1, 2, 3]);
  const { worker, saved } = setUp(forum);
  const held = forum.hold('/discuss/2');
  const running = worker.pageIdle('front', FRONT_PAGE);
  await held.arrived;
  worker.navigationStarted('discussion-tab');
  await settle();
  assert.deepEqual(saved(), ['/', '/discuss/1'], 'stopped at the aborted one');
  assert.equal(forum.count('/discuss/3'), 0);

  void worker.pageIdle('other-tab', null);
  await settle();
  assert.equal(forum.count('/discuss/3'), 0, 'another page being idle does not end this navigation');
  await worker.pageIdle('discussion-tab', null);
  await running;
  assert.deepEqual(saved(), ['/', '/discuss/1', '/discuss/2', '/discuss/3']);
  assert.equal(forum.count(LIST_URL), 1, 'resuming needs no new list');
});

test('a navigation whose page never reports idle (left before it was) holds the queue back only until its hold runs out', async () => {
  const forum = new FakeForum([1, 2]);
  const { worker, saved, status } = setUp(forum, { navigationHoldMs: 1000 });
  worker.navigationStarted('left-before-idle');
  const running = worker.pageIdle('front', FRONT_PAGE);
  await settle();
  assert.deepEqual(forum.requests, [LIST_URL], 'held back while that navigation may be under way');
  await running;
  assert.deepEqual(saved(), ['/', '/discuss/1', '/discuss/2']);
  assert.deepEqual(await status().then((s) => [s?.outcome, s?.saved]), ['done', 2]);
});

test('Save-Data, a 2g connection or the switch off: nothing is asked for, and the reason is recorded', async () => {
  const cases = [
    [{ saveData: true, effectiveType: '4g' }, true, 'save-data'],
    [{ saveData: false, effectiveType: '2g' }, true, 'slow-connection'],
    [{ saveData: false, effectiveType: '4g' }, false, 'switched-off'],
  ] as const;
  for (const [connection, on, outcome] of cases) {
    const forum = new FakeForum([1, 2]);
    const { storage, worker, saved, status } = setUp(forum);
    await switchReadAhead(storage.asCacheStorage(), on);
    await worker.pageIdle('tab', { ...FRONT_PAGE, connection });
    assert.deepEqual(forum.requests, [], outcome);
    assert.deepEqual(saved(), []);
    assert.equal((await status())?.outcome, outcome);
  }
});

test('switching read-ahead off stops a run before its next request', async () => {
  const forum = new FakeForum([1, 2, 3]);
  const { storage, worker, status } = setUp(forum);
  const held = forum.hold('/discuss/1');
  const running = worker.pageIdle('tab', FRONT_PAGE);
  await held.arrived;
  await switchReadAhead(storage.asCacheStorage(), false);
  held.release();
  await running;
  assert.equal(forum.count('/discuss/2'), 0);
  assert.equal((await status())?.outcome, 'switched-off');
});

test('the budget ends a run: what fits is saved, nothing more is fetched', async () => {
  const forum = new FakeForum([1, 2, 3, 4], 1000);
  const { worker, saved, status } = setUp(forum, { budgetBytes: 2500 });
  await worker.pageIdle('tab', FRONT_PAGE);
  assert.deepEqual(saved(), ['/', '/discuss/1', '/discuss/2']);
  assert.equal(forum.count('/discuss/4'), 0, 'one refusal ends the run');
  assert.deepEqual(await status().then((s) => [s?.outcome, s?.saved]), ['budget-full', 2]);
});

test('a network error ends the run; so does a logout, at once', async () => {
  const forum = new FakeForum([1, 2, 3]);
  forum.unreachable.add('/discuss/2');
  const { worker, status } = setUp(forum);
  await worker.pageIdle('tab', FRONT_PAGE);
  assert.equal(forum.count('/discuss/3'), 0);
  assert.equal((await status())?.outcome, 'unreachable');

  const again = new FakeForum([1, 2, 3]);
  const second = setUp(again);
  const held = again.hold('/discuss/1');
  const running = second.worker.pageIdle('tab', FRONT_PAGE);
  await held.arrived;
  second.worker.stop();
  await running;
  assert.deepEqual(second.saved(), ['/']);
  assert.equal(again.count('/discuss/2'), 0);
});

test('copies rendered for someone else are fetched again for the person now reading', async () => {
  const forum = new FakeForum([1, 2]);
  const { worker } = setUp(forum);
  await worker.pageIdle('tab', FRONT_PAGE);
  forum.requests.length = 0;
  await worker.pageIdle('tab', { ...FRONT_PAGE, viewer: 'asha' });
  assert.deepEqual(forum.requests, [LIST_URL, '/discuss/1', '/discuss/2']);
});

test('a periodic sync refreshes the listing read ahead last, by revisions alone, on what the worker itself knows of the connection', async () => {
  const forum = new FakeForum([1, 2]);
  const { worker, status } = setUp(forum);
  await worker.pageIdle('tab', { ...FRONT_PAGE, listing: 'new', viewer: 'asha' });
  forum.revisions.set(1, 9);
  forum.requests.length = 0;
  await worker.refresh({ saveData: false, effectiveType: '4g' });
  assert.deepEqual(forum.requests, [`${LIST_URL}`, '/discuss/1'], 'copies for asha are not fetched again');
  assert.deepEqual(await status().then((s) => [s?.listing, s?.outcome, s?.saved]), ['new', 'done', 1]);

  forum.requests.length = 0;
  await worker.refresh({ saveData: true, effectiveType: '4g' });
  assert.deepEqual(forum.requests, []);
  assert.equal((await status())?.outcome, 'save-data');
});
