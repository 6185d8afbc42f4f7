import { renderMarkdown } from '../../app/domain/markdown.ts';
import { DEMO_COST, hashPassword } from '../../app/domain/passwords.ts';
import type { Db } from '../connection.ts';
import { indexingTransaction } from '../search-changes.ts';
import { buildDemoForum } from './demo-forum.ts';
import { DAY, HOUR } from './random.ts';

/** Every demo user's password; the README prints it, so the hashes use the cheap DEMO_COST. */
export const DEMO_PASSWORD = 'charcha-demo';
export const DEMO_USERNAMES = ['asha', 'bilal', 'chen', 'dara', 'emeka', 'farah'] as const;

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
  const { posts, comments, karma } = buildDemoForum(now, DEMO_USERNAMES.length);

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

  indexingTransaction(db)(() => {
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
