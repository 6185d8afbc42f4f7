// npx tsx bench/inbox-reads.ts   What telling followers on read costs the reads (issue #14)
//
// Since migration 009 a follower's notifications are read from the followed discussions' comments
// when the header's count or the inbox is asked for, instead of being written as rows. This times
// those reads, in process, for people following more and more busy discussions, against the same
// reads for a person told of as many comments by rows (replies to them), as every notification was
// read before (the ratio is the figure; each is the fastest of SAMPLES, since the machine's load
// moves absolute times). The header's count is remembered until the next write, so it is paid once
// per write, not once per page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { inboxRepository } from '../db/repositories/inbox.ts';
import { createRepositories } from '../db/repositories/index.ts';
import { formatInt } from './support/table.ts';

const COMMENTS_PER_DISCUSSION = 100;
const FOLLOWED = [10, 100, 1_000];
const SAMPLES = 200;

const directory = mkdtempSync(join(tmpdir(), 'charcha-bench-inbox-'));
const db = openDatabase(join(directory, 'charcha.db'));
try {
  migrate(db);
  const { users, discussions, follows } = createRepositories(db);
  const reader = users.create('reader', 'x', 0) as number;
  const replied = users.create('replied', 'x', 0) as number;
  const writer = users.create('writer', 'x', 0) as number;
  const addComment = db.prepare(`INSERT INTO comments (post_id, author_id, body_md, body_html, created_at)
    VALUES (?, ?, 'A comment long enough to make an excerpt of.', '<p>x</p>', 0)`);
  const followedIds: number[] = [];
  db.transaction(() => {
    for (let d = 0; d < (FOLLOWED.at(-1) ?? 0); d++) {
      const id = discussions.create(
        { authorId: writer, title: `Busy ${d}`, url: null, bodyMd: 'b', bodyHtml: '<p>b</p>' },
        0,
      );
      follows.choose(reader, id, true);
      followedIds.push(id);
    }
    // Every discussion gets its comments after the reader followed it: all of them are news.
    for (let c = 0; c < COMMENTS_PER_DISCUSSION; c++)
      for (const id of followedIds) addComment.run(id, writer);
    db.prepare(`INSERT INTO notifications (user_id, comment_id, post_id, reason, created_at)
      SELECT ?, id, post_id, 'reply', 0 FROM comments ORDER BY id DESC LIMIT ?`).run(
      replied,
      COMMENTS_PER_DISCUSSION * (FOLLOWED.at(-1) ?? 0),
    );
  })();
  const unfollowLast = db.prepare('UPDATE follows SET following = 0 WHERE user_id = ? AND post_id = ?');

  // A fresh repository per measurement: the count is remembered per database version otherwise.
  const time = (read: (inbox: ReturnType<typeof inboxRepository>) => unknown) => {
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const inbox = inboxRepository(db, () => i);
      const started = performance.now();
      read(inbox);
      samples.push(performance.now() - started);
    }
    return Math.min(...samples);
  };
  const baseline = {
    count: time((inbox) => inbox.unreadCount(replied)),
    page: time((inbox) => inbox.page(replied, Number.MAX_SAFE_INTEGER, 51)),
  };
  console.log(
    `told by ${formatInt(COMMENTS_PER_DISCUSSION * (FOLLOWED.at(-1) ?? 0))} rows: header count ${baseline.count.toFixed(3)} ms, inbox page ${baseline.page.toFixed(2)} ms`,
  );
  for (const followed of [...FOLLOWED].reverse()) {
    db.transaction(() => {
      for (const id of followedIds.slice(followed)) unfollowLast.run(reader, id);
    })();
    const count = time((inbox) => inbox.unreadCount(reader));
    const page = time((inbox) => inbox.page(reader, Number.MAX_SAFE_INTEGER, 51));
    console.log(
      `follows ${formatInt(followed)} discussions of ${COMMENTS_PER_DISCUSSION} unread comments: header count ${count.toFixed(3)} ms (×${(count / baseline.count).toFixed(1)}), inbox page ${page.toFixed(2)} ms (×${(page / baseline.page).toFixed(1)})`,
    );
  }
} finally {
  db.close();
  rmSync(directory, { recursive: true, force: true });
}
