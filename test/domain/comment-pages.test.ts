import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  COMMENTS_PER_PAGE,
  CommentOutline,
  type OutlineRow,
  THREADS_PER_PAGE,
} from '../../app/domain/comment-pages.ts';

/** Builds outline rows in id order from [parent index or null] per comment (ids start at 1). */
function rows(parents: (number | null)[], deleted: number[] = []): OutlineRow[] {
  return parents.map((parentId, index) => ({
    id: index + 1,
    parentId,
    deleted: deleted.includes(index + 1),
  }));
}

/** A deterministic pseudo-random tree: each comment replies to an earlier one, or starts a thread. */
function randomTree(size: number, seed: number): OutlineRow[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const parents: (number | null)[] = [];
  for (let id = 1; id <= size; id++)
    parents.push(id === 1 || next() < 0.05 ? null : 1 + Math.floor(next() * (id - 1)));
  return rows(parents);
}

test('an ordinary discussion is one page that shows every comment', () => {
  const outline = new CommentOutline(rows([null, 1, 2, null, 4, 1]));
  assert.equal(outline.pageCount(null), 1);
  const { shown, more } = outline.select(null, 1);
  assert.deepEqual(
    [...shown].sort((a, b) => a - b),
    [1, 2, 3, 4, 5, 6],
  );
  assert.equal(more.size, 0);
  for (let id = 1; id <= 6; id++) assert.deepEqual(outline.locate(id), { kind: 'discussion', page: 1 });
});

test('top-level comments are cut into pages of THREADS_PER_PAGE, in the order written', () => {
  const outline = new CommentOutline(rows(Array.from({ length: THREADS_PER_PAGE * 2 + 5 }, () => null)));
  assert.equal(outline.pageCount(null), 3);
  const second = [...outline.select(null, 2).shown];
  assert.equal(second.length, THREADS_PER_PAGE);
  assert.equal(second[0], THREADS_PER_PAGE + 1);
  assert.deepEqual(outline.locate(THREADS_PER_PAGE * 2 + 1), { kind: 'discussion', page: 3 });
});

test('a thread too large for a page continues on its own page, whose replies are paged too', () => {
  const replies = THREADS_PER_PAGE * 10;
  const outline = new CommentOutline(rows([null, ...Array.from({ length: replies }, () => 1)]));
  const first = outline.select(null, 1);
  assert.equal(first.shown.size, COMMENTS_PER_PAGE);
  assert.equal(first.more.get(1), replies + 1 - COMMENTS_PER_PAGE, 'the root says how many more');
  assert.equal(outline.pageCount(1), 10);
  const last = 1 + replies;
  assert.deepEqual(outline.locate(last), { kind: 'thread', of: 1, page: 10 });
  assert.ok(outline.select(1, 10).shown.has(last));
  assert.deepEqual(outline.locate(2), { kind: 'discussion', page: 1 }, 'what fits stays in place');
});

test('deleted comments show only above a live reply, and still hold their place in the pages', () => {
  const parents = [...Array.from({ length: THREADS_PER_PAGE }, () => null), null, 101];
  const deletedLeaf = 5;
  const deletedAbove = 101;
  const outline = new CommentOutline(rows(parents, [deletedLeaf, deletedAbove]));
  assert.equal(outline.isShown(deletedLeaf), false);
  assert.equal(outline.locate(deletedLeaf), undefined);
  assert.equal(outline.isShown(deletedAbove), true);
  assert.equal(outline.pageCount(null), 2, 'the deleted leaf still counts: later pages do not shift');
  assert.deepEqual([...outline.select(null, 2).shown], [101, 102]);
});

test('replies written later never move a thread to another page', () => {
  const parents: (number | null)[] = Array.from({ length: THREADS_PER_PAGE * 3 }, () => null);
  const before = new CommentOutline(rows(parents));
  const grown = new CommentOutline(rows([...parents, ...Array.from({ length: 2000 }, () => 7)]));
  for (const id of [1, 7, THREADS_PER_PAGE + 1, THREADS_PER_PAGE * 3]) {
    assert.deepEqual(grown.locate(id), before.locate(id), `thread ${id}`);
  }
});

test('every comment of a huge discussion is on exactly the page locate names, within the bounds', () => {
  const outline = new CommentOutline(randomTree(20_000, 7));
  for (let id = 1; id <= 20_000; id += 37) {
    const place = outline.locate(id);
    assert.ok(place, `comment ${id} has a place`);
    const selection = outline.select(place.kind === 'discussion' ? null : place.of, place.page);
    assert.ok(selection.shown.has(id), `comment ${id} is on ${JSON.stringify(place)}`);
    assert.ok(selection.shown.size <= COMMENTS_PER_PAGE, `${JSON.stringify(place)} is bounded`);
  }
});

/** An outline's state, maps in key order: two outlines of the same comments must have the same. */
function stateOf(outline: CommentOutline) {
  const inside = outline as unknown as Record<'children' | 'parents' | 'sizes', Map<unknown, unknown>> & {
    deleted: Set<number>;
  };
  const sorted = (map: Map<unknown, unknown>) => [...map].sort(([a], [b]) => Number(a) - Number(b));
  return {
    children: sorted(inside.children),
    parents: sorted(inside.parents),
    sizes: sorted(inside.sizes),
    deleted: [...inside.deleted].sort((a, b) => a - b),
  };
}

test('an outline with the newest comment added is the outline loaded with it', () => {
  const tree = fc
    .array(fc.record({ parent: fc.option(fc.nat(), { freq: 4 }), deleted: fc.boolean() }), {
      minLength: 1,
      maxLength: 300,
    })
    .map((specs) =>
      specs.map(({ parent, deleted }, index) => ({
        id: index + 1,
        parentId: parent === null || index === 0 ? null : 1 + (parent % index),
        deleted,
      })),
    );
  fc.assert(
    fc.property(tree, (all) => {
      const newest = all.at(-1) as OutlineRow;
      const extended = new CommentOutline(all.slice(0, -1)).addNewest(newest);
      const loaded = new CommentOutline(all);
      assert.deepEqual(stateOf(extended), stateOf(loaded));
      assert.deepEqual(extended.locate(newest.id), loaded.locate(newest.id));
    }),
    { numRuns: 200 },
  );
});
