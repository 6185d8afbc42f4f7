// The forum bench/search-offline.ts searches: 200 bilingual discussions, each with the comments of
// a lively thread, every one of which the measured device reads and saves.
import { renderMarkdown } from '../../app/domain/markdown.ts';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { BULK_COMMENT_BODIES } from '../../db/seed/bulk-content.ts';
import { bilingualForum } from '../../test/db/search-corpus.ts';

export const SAVED_DISCUSSIONS = 200;
/** Bulk comments added to each bilingual discussion, for pages the size of a lively thread. */
const EXTRA_COMMENTS = 25;

export function seedForum(databasePath: string): void {
  const db = openDatabase(databasePath);
  try {
    migrate(db);
    const now = Date.now();
    const authorId = Number(
      db.prepare("INSERT INTO users (username, password_hash, created_at) VALUES ('bench', 'x', ?)").run(now)
        .lastInsertRowid,
    );
    const post =
      db.prepare(`INSERT INTO posts (author_id, title, body_md, body_html, comment_count, created_at)
      VALUES (?, ?, ?, ?, ?, ?)`);
    const comment = db.prepare(`INSERT INTO comments (post_id, author_id, body_md, body_html, created_at)
      VALUES (?, ?, ?, ?, ?)`);
    db.transaction(() => {
      for (const [i, document] of bilingualForum(SAVED_DISCUSSIONS).entries()) {
        const bodies = [
          ...document.comments,
          ...Array.from(
            { length: EXTRA_COMMENTS },
            (_, j) => BULK_COMMENT_BODIES[(i + j) % BULK_COMMENT_BODIES.length] ?? '',
          ),
        ];
        const title = document.title.replace(/[*"]/g, '').trim() || `Discussion ${i}`;
        const id = post.run(
          authorId,
          title,
          document.body,
          renderMarkdown(document.body),
          bodies.length,
          now - i,
        ).lastInsertRowid;
        for (const body of bodies) comment.run(id, authorId, body, renderMarkdown(body), now - i);
      }
    })();
  } finally {
    db.close();
  }
}
