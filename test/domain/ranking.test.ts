import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GRAVITY, hotness, rankByHotness } from '../../app/domain/ranking.ts';

const HOUR = 60 * 60 * 1000;
const NOW = Date.UTC(2025, 0, 1);

test('hotness is (points - 1) / (ageHours + 2) ^ 1.8', () => {
  assert.equal(GRAVITY, 1.8);
  assert.ok(Math.abs(hotness(11, NOW - 10 * HOUR, NOW) - 10 / 12 ** 1.8) < 1e-12);
  assert.ok(Math.abs(hotness(3, NOW, NOW) - 2 / 2 ** 1.8) < 1e-12);
  assert.equal(hotness(1, NOW - HOUR, NOW), 0, "the author's own point does not count");
});

test('points decay with age, and more points rank higher at the same age', () => {
  const ages = [0, 1, 5, 24, 72, 24 * 30];
  const values = ages.map((h) => hotness(10, NOW - h * HOUR, NOW));
  values.slice(1).forEach((value, i) => {
    assert.ok(value < (values[i] ?? 0), `older than ${ages[i]} h`);
  });
  assert.ok(hotness(20, NOW - 5 * HOUR, NOW) > hotness(10, NOW - 5 * HOUR, NOW));
  assert.ok(hotness(10, NOW + HOUR, NOW) === hotness(10, NOW, NOW), 'a clock skew into the future is age 0');
});

test('a day-old post needs roughly three times the points to keep its rank one day later', () => {
  const today = hotness(101, NOW - 24 * HOUR, NOW);
  const tomorrow = (points: number) => hotness(points, NOW - 48 * HOUR, NOW);
  assert.ok(tomorrow(301) < today, 'three times is not quite enough');
  assert.ok(tomorrow(351) > today, 'three and a half times is');
});

test('rankByHotness orders by the formula, neither by score nor by age alone', () => {
  const post = (id: number, score: number, ageHours: number) => ({
    id,
    score,
    createdAt: NOW - ageHours * HOUR,
  });
  const oldPopular = post(1, 100, 48);
  const freshModest = post(2, 5, 1);
  const middle = post(3, 30, 10);
  const brandNewUnvoted = post(4, 0, 0);
  const ranked = rankByHotness([oldPopular, freshModest, middle, brandNewUnvoted], NOW);
  assert.deepEqual(
    ranked.map((p) => p.id),
    [2, 3, 1, 4],
  );
});

test('equal hotness puts the newer id first, and the input is left as it was', () => {
  const items = [
    { id: 1, score: 3, createdAt: NOW - HOUR },
    { id: 2, score: 3, createdAt: NOW - HOUR },
  ];
  assert.deepEqual(
    rankByHotness(items, NOW).map((p) => p.id),
    [2, 1],
  );
  assert.deepEqual(
    items.map((p) => p.id),
    [1, 2],
  );
});
