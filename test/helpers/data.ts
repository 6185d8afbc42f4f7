import type { App } from '../../app/app.ts';

export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;

export interface PostSpec {
  authorId: number;
  title: string;
  score?: number;
  createdAt: number;
  commentCount?: number;
}

/** Inserts a discussion with a chosen age and score, which no form can set: for ranking and paging tests. */
export function insertPost(app: App, spec: PostSpec): number {
  const result = app.db
    .prepare(
      `INSERT INTO posts (author_id, title, body_md, body_html, score, comment_count, created_at)
       VALUES (?, ?, 'text', '<p>text</p>', ?, ?, ?)`,
    )
    .run(spec.authorId, spec.title, spec.score ?? 0, spec.commentCount ?? 0, spec.createdAt);
  return Number(result.lastInsertRowid);
}

/** Moves an item's creation time into the past, e.g. beyond the edit window. */
export function backdate(app: App, table: 'posts' | 'comments', id: number, ageMs: number): void {
  app.db.prepare(`UPDATE ${table} SET created_at = ? WHERE id = ?`).run(Date.now() - ageMs, id);
}

export function rowOf(app: App, table: 'posts' | 'comments' | 'users', id: number): Record<string, unknown> {
  const row = app.db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id);
  if (row === undefined) throw new Error(`no ${table} row ${id}`);
  return row as Record<string, unknown>;
}

export function count(app: App, sql: string, ...params: unknown[]): number {
  return Number(
    app.db
      .prepare(sql)
      .pluck()
      .get(...params),
  );
}

/** Every row the forum stores, to prove that a refused request changed nothing at all. */
export function snapshot(app: App): string {
  const tables = ['users', 'sessions', 'posts', 'comments', 'post_votes', 'comment_votes'];
  return JSON.stringify(tables.map((table) => app.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()));
}
