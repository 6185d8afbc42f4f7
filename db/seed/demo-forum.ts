import { MAX_COMMENT_DEPTH } from '../../app/domain/limits.ts';
import { DEMO_POSTS, type DemoPostSpec, demoCommentText } from './demo-content.ts';
import { DAY, HOUR, MINUTE, mulberry32, type Rng } from './random.ts';

export interface DemoPost {
  authorIndex: number;
  spec: DemoPostSpec;
  createdAt: number;
  score: number;
  liveComments: number;
  votes: { userIndex: number; value: number }[];
  id: number;
}

export interface DemoComment {
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

export interface DemoForum {
  posts: DemoPost[];
  comments: DemoComment[];
  karma: number[];
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

/**
 * The demo forum in memory, before it is written: `userCount` users (by index), the posts and
 * their comments in the order of their ids, with votes, scores, comment counts and karma that agree.
 */
export function buildDemoForum(now: number, userCount: number): DemoForum {
  const rng = mulberry32(DEMO_SEED);
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
