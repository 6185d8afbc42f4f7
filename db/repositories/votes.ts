import type { Db } from '../connection.ts';

/** -1 down, 1 up, 0 withdraws the vote. */
export type VoteValue = -1 | 0 | 1;

export interface VoteTarget {
  id: number;
  authorId: number;
  discussionId: number;
}

export interface VotesInDiscussion {
  discussion: VoteValue;
  comments: Map<number, VoteValue>;
}

export function votesRepository(db: Db) {
  const postVote = db.prepare('SELECT value FROM post_votes WHERE user_id = ? AND post_id = ?').pluck();
  const upsertPostVote = db.prepare(`INSERT INTO post_votes (user_id, post_id, value) VALUES (?, ?, ?)
    ON CONFLICT (user_id, post_id) DO UPDATE SET value = excluded.value`);
  const deletePostVote = db.prepare('DELETE FROM post_votes WHERE user_id = ? AND post_id = ?');
  const addPostScore = db.prepare('UPDATE posts SET score = score + ?, revision = revision + 1 WHERE id = ?');

  const commentVote = db
    .prepare('SELECT value FROM comment_votes WHERE user_id = ? AND comment_id = ?')
    .pluck();
  const upsertCommentVote = db.prepare(`INSERT INTO comment_votes (user_id, comment_id, post_id, value)
    VALUES (?, ?, ?, ?) ON CONFLICT (user_id, comment_id) DO UPDATE SET value = excluded.value`);
  const deleteCommentVote = db.prepare('DELETE FROM comment_votes WHERE user_id = ? AND comment_id = ?');
  const addCommentScore = db.prepare('UPDATE comments SET score = score + ? WHERE id = ?');
  const bumpRevision = db.prepare('UPDATE posts SET revision = revision + 1 WHERE id = ?');

  const addKarma = db.prepare('UPDATE users SET karma = karma + ? WHERE id = ?');
  const postVotesAmong = db.prepare(
    'SELECT post_id AS id, value FROM post_votes WHERE user_id = ? AND post_id IN (SELECT value FROM json_each(?))',
  );
  const commentVotesInPost = db.prepare(
    'SELECT comment_id AS commentId, value FROM comment_votes WHERE user_id = ? AND post_id = ?',
  );

  // Both votes are IMMEDIATE transactions, which take the write lock before the first read: a
  // deferred transaction that reads, then writes after another connection committed fails at once
  // with SQLITE_BUSY, busy_timeout or not.
  return {
    /** Records the user's vote and moves the score and the author's karma by the difference. */
    voteDiscussion: db.transaction((userId: number, target: VoteTarget, value: VoteValue) => {
      const previous = (postVote.get(userId, target.id) as number | undefined) ?? 0;
      const delta = value - previous;
      if (delta === 0) return;
      if (value === 0) deletePostVote.run(userId, target.id);
      else upsertPostVote.run(userId, target.id, value);
      addPostScore.run(delta, target.id);
      addKarma.run(delta, target.authorId);
    }).immediate,
    /** The same for a comment; its discussion's revision changes too, since the page shows the score. */
    voteComment: db.transaction((userId: number, target: VoteTarget, value: VoteValue) => {
      const previous = (commentVote.get(userId, target.id) as number | undefined) ?? 0;
      const delta = value - previous;
      if (delta === 0) return;
      if (value === 0) deleteCommentVote.run(userId, target.id);
      else upsertCommentVote.run(userId, target.id, target.discussionId, value);
      addCommentScore.run(delta, target.id);
      bumpRevision.run(target.discussionId);
      addKarma.run(delta, target.authorId);
    }).immediate,
    /** The user's votes on a listing's discussions, one query for the whole page. */
    onDiscussions(userId: number, ids: readonly number[]): Map<number, VoteValue> {
      const rows = postVotesAmong.all(userId, JSON.stringify(ids)) as { id: number; value: VoteValue }[];
      return new Map(rows.map((row) => [row.id, row.value]));
    },
    inDiscussion(userId: number, discussionId: number): VotesInDiscussion {
      const comments = new Map<number, VoteValue>();
      for (const row of commentVotesInPost.all(userId, discussionId) as {
        commentId: number;
        value: VoteValue;
      }[]) {
        comments.set(row.commentId, row.value);
      }
      return {
        discussion: ((postVote.get(userId, discussionId) as number | undefined) ?? 0) as VoteValue,
        comments,
      };
    },
  };
}
