/**
 * Front-page ranking, Hacker News style:
 *
 *   rank = (points - 1) / (ageHours + 2) ^ GRAVITY
 *
 * "points - 1" discounts the author's implicit interest; "+ 2" keeps brand-new
 * posts from dividing by almost zero; GRAVITY sets how fast age wins over votes.
 * With 1.8, a two-day-old discussion needs about 3 times the points of a one-day-old one to
 * rank beside it.
 */
export const GRAVITY = 1.8;
const HOUR_MS = 60 * 60 * 1000;

export function hotness(points: number, createdAt: number, now: number): number {
  const ageHours = Math.max(0, now - createdAt) / HOUR_MS;
  return (points - 1) / (ageHours + 2) ** GRAVITY;
}

export function rankByHotness<T extends { score: number; createdAt: number; id: number }>(
  items: readonly T[],
  now: number,
): T[] {
  return items
    .map((item) => ({ item, rank: hotness(item.score + 1, item.createdAt, now) }))
    .sort((a, b) => b.rank - a.rank || b.item.id - a.item.id)
    .map(({ item }) => item);
}
