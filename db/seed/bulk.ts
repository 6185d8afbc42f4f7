import { MAX_COMMENT_DEPTH } from '../../app/domain/limits.ts';
import { renderMarkdown } from '../../app/domain/markdown.ts';
import type { Db } from '../connection.ts';
import { indexingTransaction } from '../search-changes.ts';
import {
  BULK_COMMENT_BODIES,
  BULK_POST_BODIES,
  BULK_TITLE_STARTS,
  BULK_TITLE_TOPICS,
} from './bulk-content.ts';
import { DAY, HOUR, mulberry32, pick, type Rng } from './random.ts';

export type BulkPhase = 'users' | 'posts' | 'comments';

export interface BulkOptions {
  posts: number;
  comments: number;
  /** How many users to add as authors; default 300. */
  users?: number;
  /** Called after every batch with the rows done and to do in the current phase. */
  onProgress?: (done: number, total: number, phase: BulkPhase) => void;
  now?: number;
  /**
   * The password hash every bulk user gets. Without it the bulk users cannot log in
   * (the stored value is not a valid hash); pass `await hashPassword(DEMO_PASSWORD, DEMO_COST)`
   * to let benchmarks log in as them.
   */
  passwordHash?: string;
  /** Rows per transaction; default 10 000. */
  batchSize?: number;
  seed?: number;
}

export interface BulkResult {
  users: number;
  posts: number;
  comments: number;
  /** The bulk users' names: bench1, bench2, ... skipping names already taken. */
  usernames: string[];
}

const NO_LOGIN_HASH = '!bulk-user-without-password';

/** Comment counts per post: most threads are small, a few are long, none is absurd. */
function skewedCounts(rng: Rng, posts: number, comments: number): Int32Array {
  const counts = new Int32Array(posts);
  if (posts === 0 || comments === 0) return counts;
  const weights = new Float64Array(posts);
  let total = 0;
  for (let i = 0; i < posts; i++) {
    // Pareto with alpha 1.2, capped so that no single thread takes an unreasonable share.
    const w = Math.min(400, (1 - rng()) ** (-1 / 1.2)) - 1;
    weights[i] = w;
    total += w;
  }
  let assigned = 0;
  for (let i = 0; i < posts; i++) {
    const c = total > 0 ? Math.floor((comments * (weights[i] as number)) / total) : 0;
    counts[i] = c;
    assigned += c;
  }
  for (let rest = comments - assigned; rest > 0; rest--) {
    const i = Math.floor(rng() * posts);
    counts[i] = (counts[i] as number) + 1;
  }
  return counts;
}

/**
 * Appends `posts` discussions and `comments` nested comments (and a few hundred authors) for
 * benchmarks, in batched transactions. No votes: scores and karma stay 0, comment counts are exact.
 * Works on an empty database and on one that already holds data.
 */
export function seedBulk(db: Db, options: BulkOptions): BulkResult {
  const { posts, comments, onProgress } = options;
  const now = options.now ?? Date.now();
  const batchSize = options.batchSize ?? 10_000;
  const userTotal = options.users ?? 300;
  for (const [name, value] of Object.entries({ posts, comments, users: userTotal, batchSize })) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`${name} must be a non-negative integer`);
  }
  if (batchSize === 0) throw new RangeError('batchSize must be positive');
  if (userTotal === 0 && posts > 0) throw new RangeError('users must be positive when adding posts');
  if (posts === 0 && comments > 0) throw new RangeError('comments need at least one new post to go to');

  const rng = mulberry32(options.seed ?? 0xb01c5eed);
  const transaction = indexingTransaction(db);
  const passwordHash = options.passwordHash ?? NO_LOGIN_HASH;

  // Users: bench1, bench2, ... skipping names that are taken.
  const nameTaken = db.prepare('SELECT 1 FROM users WHERE username = ?').pluck();
  const insertUser = db.prepare(
    'INSERT INTO users (username, password_hash, karma, created_at) VALUES (?, ?, 0, ?)',
  );
  const userIds: number[] = [];
  const usernames: string[] = [];
  db.transaction(() => {
    let n = 1;
    while (userIds.length < userTotal) {
      const name = `bench${n++}`;
      if (nameTaken.get(name) !== undefined) continue;
      userIds.push(Number(insertUser.run(name, passwordHash, now - 400 * DAY).lastInsertRowid));
      usernames.push(name);
    }
  })();
  onProgress?.(userTotal, userTotal, 'users');

  const postBodies = BULK_POST_BODIES.map((text) => ({
    md: text,
    html: text === '' ? '' : renderMarkdown(text),
  }));
  const commentBodies = BULK_COMMENT_BODIES.map((text) => ({ md: text, html: renderMarkdown(text) }));
  const counts = skewedCounts(rng, posts, comments);
  const randomUser = (): number => userIds[Math.floor(rng() * userIds.length)] as number;

  // Posts spread over the last year, oldest first, the newest at least an hour old.
  const span = 365 * DAY;
  const postIds = new Float64Array(posts);
  const postTimes = new Float64Array(posts);
  const insertPost = db.prepare(`INSERT INTO posts (author_id, title, url, body_md, body_html, comment_count,
    created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertPostBatch = transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const createdAt = now - HOUR - span + Math.floor(((i + rng()) * span) / posts);
      const body = pick(rng, postBodies);
      const url = rng() < 0.3 ? `https://example.com/articles/${i + 1}` : null;
      const title = `${pick(rng, BULK_TITLE_STARTS)} ${pick(rng, BULK_TITLE_TOPICS)}`;
      postTimes[i] = createdAt;
      postIds[i] = Number(
        insertPost.run(randomUser(), title, url, body.md, body.html, counts[i], createdAt).lastInsertRowid,
      );
    }
  });
  for (let from = 0; from < posts; from += batchSize) {
    const to = Math.min(posts, from + batchSize);
    insertPostBatch(from, to);
    onProgress?.(to, posts, 'posts');
  }

  // Comments, post by post; a batch may end in the middle of a thread, whose state lives here.
  const insertComment = db.prepare(`INSERT INTO comments (post_id, parent_id, author_id, depth, body_md,
    body_html, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const ids: number[] = [];
  const depths: number[] = [];
  const parents: number[] = [];
  const times: number[] = [];
  let post = 0;
  let inPost = 0;
  const insertCommentBatch = transaction((rows: number) => {
    for (let r = 0; r < rows; r++) {
      while (inPost >= (counts[post] as number)) {
        post++;
        inPost = 0;
        ids.length = 0;
        depths.length = 0;
        parents.length = 0;
        times.length = 0;
      }
      let parent = -1;
      if (inPost > 0 && rng() >= 0.3) {
        parent = inPost - 1 - Math.floor(rng() ** 2 * inPost);
        if ((depths[parent] as number) >= MAX_COMMENT_DEPTH) parent = parents[parent] as number;
      }
      const depth = parent < 0 ? 0 : (depths[parent] as number) + 1;
      const base = parent < 0 ? (postTimes[post] as number) : (times[parent] as number);
      const createdAt = base + 1 + Math.floor((now - base - 1) * rng() * 0.2);
      const body = pick(rng, commentBodies);
      const id = Number(
        insertComment.run(
          postIds[post],
          parent < 0 ? null : ids[parent],
          randomUser(),
          depth,
          body.md,
          body.html,
          createdAt,
        ).lastInsertRowid,
      );
      ids.push(id);
      depths.push(depth);
      parents.push(parent);
      times.push(createdAt);
      inPost++;
    }
  });
  for (let done = 0; done < comments; ) {
    const rows = Math.min(batchSize, comments - done);
    insertCommentBatch(rows);
    done += rows;
    onProgress?.(done, comments, 'comments');
  }

  return { users: userIds.length, posts, comments, usernames };
}
