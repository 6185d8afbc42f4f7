import { MAX_COMMENT_DEPTH } from '../../app/domain/limits.ts';
import { renderMarkdown } from '../../app/domain/markdown.ts';
import { DEMO_COST, hashPassword } from '../../app/domain/passwords.ts';
import type { Db } from '../connection.ts';
import { DEMO_POSTS, type DemoPostSpec, demoCommentText } from './demo-content.ts';
import { DAY, HOUR, MINUTE, mulberry32, type Rng } from './random.ts';

/** Every demo user's password; the README prints it, so the hashes use the cheap DEMO_COST. */
export const DEMO_PASSWORD = 'charcha-demo';
export const DEMO_USERNAMES = ['asha', 'bilal', 'chen', 'dara', 'emeka', 'farah'] as const;

interface DemoPost {
  authorIndex: number;
  spec: DemoPostSpec;
  createdAt: number;
  score: number;
  liveComments: number;
  votes: { userIndex: number; value: number }[];
  id: number;
}

interface DemoComment {
  order: number;
  post: DemoPost;
  parent: DemoComment | null;
  authorIndex: number;
  depth: number;
  bodyMd: string;
  createdAt: number;
  deletedAt: number | null;
  children: number;
  score: number;
  votes: { userIndex: number; value: number }[];
  id: number;
}

const DEMO_SEED = 0x0c4a2c4a;

/** Time of a reply to something created at `base`: always after it, always before `now`. */
function replyTime(rng: Rng, base: number, now: number, meanDelay: number): number {
  const gap = now - base;
  const delay = Math.min(gap * 0.5, 30 * 1000 + -Math.log(1 - rng()) * meanDelay);
  return base + Math.max(1, Math.floor(delay));
}

function castVotes(
  rng: Rng,
  authorIndex: number,
  userCount: number,
  chance: number,
  upChance: number,
): { votes: { userIndex: number; value: number }[]; score: number } {
  const votes: { userIndex: number; value: number }[] = [];
  let score = 0;
  for (let userIndex = 0; userIndex < userCount; userIndex++) {
    if (userIndex === authorIndex || rng() >= chance) continue;
    const value = rng() < upChance ? 1 : -1;
    votes.push({ userIndex, value });
    score += value;
  }
  return { votes, score };
}

function buildDemoForum(now: number) {
  const rng = mulberry32(DEMO_SEED);
  const userCount = DEMO_USERNAMES.length;
  const karma = new Array<number>(userCount).fill(0);

  const posts: DemoPost[] = DEMO_POSTS.map((spec) => {
    const big = spec.comments !== undefined && spec.comments >= 100;
    // Big threads are a few days old so that their conversations had time to grow.
    const age = big ? (2 + rng() * 6) * DAY : 3 * HOUR + rng() * (10 * DAY - 3 * HOUR);
    return {
      authorIndex: Math.floor(rng() * userCount),
      spec,
      createdAt: now - Math.floor(age),
      score: 0,
      liveComments: 0,
      votes: [],
      id: 0,
    };
  });

  const comments: DemoComment[] = [];
  for (const post of posts) {
    const count = post.spec.comments ?? Math.floor(rng() ** 1.4 * 21);
    const big = count >= 100;
    const thread: DemoComment[] = [];
    for (let k = 0; k < count; k++) {
      let parent: DemoComment | null = null;
      if (k > 0 && rng() >= (big ? 0.2 : 0.4)) {
        // Favour recent comments, so that conversations run deep rather than wide.
        parent = thread[thread.length - 1 - Math.floor(rng() ** 2 * thread.length)] ?? null;
        // Past the maximum depth a reply attaches to the deepest allowed parent.
        while (parent && parent.depth >= MAX_COMMENT_DEPTH) parent = parent.parent;
      }
      let authorIndex = Math.floor(rng() * userCount);
      if (parent && authorIndex === parent.authorIndex) authorIndex = (authorIndex + 1) % userCount;
      const base = parent ? parent.createdAt : post.createdAt;
      const comment: DemoComment = {
        order: comments.length,
        post,
        parent,
        authorIndex,
        depth: parent ? parent.depth + 1 : 0,
        bodyMd: demoCommentText(rng, parent !== null),
        createdAt: replyTime(rng, base, now, parent ? 90 * MINUTE : 5 * HOUR),
        deletedAt: null,
        children: 0,
        score: 0,
        votes: [],
        id: 0,
      };
      if (parent) parent.children++;
      thread.push(comment);
      comments.push(comment);
    }
    // A couple of big threads carry a deleted comment whose replies stay in place.
    if (big && posts.indexOf(post) < 2) {
      const victim = thread.find((c) => c.depth === 1 && c.children > 0);
      if (victim) {
        victim.deletedAt = victim.createdAt + Math.floor(Math.min(20 * MINUTE, (now - victim.createdAt) / 2));
        victim.bodyMd = '';
      }
    }
  }

  for (const post of posts) {
    const big = (post.spec.comments ?? 0) >= 100;
    const { votes, score } = castVotes(rng, post.authorIndex, userCount, big ? 0.9 : 0.6, 0.85);
    post.votes = votes;
    post.score = score;
    karma[post.authorIndex] = (karma[post.authorIndex] ?? 0) + score;
  }
  for (const comment of comments) {
    if (comment.deletedAt === null) comment.post.liveComments++;
    else continue;
    const { votes, score } = castVotes(rng, comment.authorIndex, userCount, 0.3, 0.8);
    comment.votes = votes;
    comment.score = score;
    karma[comment.authorIndex] = (karma[comment.authorIndex] ?? 0) + score;
  }

  // Ids follow time, as they would have in a live forum; a parent is always older than its replies.
  posts.sort((a, b) => a.createdAt - b.createdAt);
  comments.sort((a, b) => a.createdAt - b.createdAt || a.order - b.order);
  return { posts, comments, karma };
}

/**
 * Fills an empty, migrated database with a deterministic demo forum: six users, forty discussions,
 * four of them with more than a hundred comments nested up to MAX_COMMENT_DEPTH, and votes.
 * Scores, comment counts and karma are consistent with the vote and comment rows.
 */
export async function seedDemo(db: Db, now = Date.now()): Promise<void> {
  const existing = db
    .prepare('SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM posts)')
    .pluck()
    .get();
  if (Number(existing) > 0) {
    throw new Error('seedDemo only fills an empty database, and this one already has users or posts');
  }
  // Each user gets their own salt; DEMO_COST keeps hashing cheap enough for every new database.
  const hashes = await Promise.all(DEMO_USERNAMES.map(() => hashPassword(DEMO_PASSWORD, DEMO_COST)));
  const { posts, comments, karma } = buildDemoForum(now);

  const insertUser = db.prepare(
    'INSERT INTO users (username, password_hash, karma, created_at) VALUES (?, ?, ?, ?)',
  );
  const insertPost = db.prepare(`INSERT INTO posts (author_id, title, url, body_md, body_html, score,
    comment_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertComment = db.prepare(`INSERT INTO comments (post_id, parent_id, author_id, depth, body_md,
    body_html, score, created_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertPostVote = db.prepare('INSERT INTO post_votes (user_id, post_id, value) VALUES (?, ?, ?)');
  const insertCommentVote = db.prepare(
    'INSERT INTO comment_votes (user_id, comment_id, post_id, value) VALUES (?, ?, ?, ?)',
  );

  db.transaction(() => {
    const userIds = DEMO_USERNAMES.map((username, index) =>
      Number(
        insertUser.run(username, hashes[index], karma[index] ?? 0, now - 30 * DAY + index * 7 * HOUR)
          .lastInsertRowid,
      ),
    );
    const userId = (index: number): number => userIds[index] as number;
    for (const post of posts) {
      const bodyMd = post.spec.body ?? '';
      post.id = Number(
        insertPost.run(
          userId(post.authorIndex),
          post.spec.title,
          post.spec.url ?? null,
          bodyMd,
          bodyMd === '' ? '' : renderMarkdown(bodyMd),
          post.score,
          post.liveComments,
          post.createdAt,
        ).lastInsertRowid,
      );
      for (const vote of post.votes) insertPostVote.run(userId(vote.userIndex), post.id, vote.value);
    }
    for (const comment of comments) {
      comment.id = Number(
        insertComment.run(
          comment.post.id,
          comment.parent ? comment.parent.id : null,
          userId(comment.authorIndex),
          comment.depth,
          comment.bodyMd,
          comment.bodyMd === '' ? '' : renderMarkdown(comment.bodyMd),
          comment.score,
          comment.createdAt,
          comment.deletedAt,
        ).lastInsertRowid,
      );
      for (const vote of comment.votes) {
        insertCommentVote.run(userId(vote.userIndex), comment.id, comment.post.id, vote.value);
      }
    }
  })();
}
