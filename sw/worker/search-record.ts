import { searchTokens } from '../../app/domain/search-tokens.ts';
import { DISCUSSION_PATH } from '../shared/saved-page-metadata.ts';

/**
 * What offline search keeps of a saved discussion page: its title, its text and its comments'
 * texts with their ids, each also as the terms the server's index would hold for it
 * (app/domain/search-tokens.ts), so a word found online is found offline. Read from the page's
 * HTML with a few anchored patterns (the templates are ours: views/pages/discussion.eta and
 * views/partials/comment.eta; there is no DOMParser in a worker). Pure: tested in Node.
 */

/** One searchable document, as the server's index has them: a discussion, or one of its comments. */
export interface SearchDocument {
  commentId: number | null;
  author: string;
  /** The visible text (the discussion's body, or the comment), for the snippet. */
  text: string;
  /** Terms of the title (discussions only) and of the text, each as ` t1 t2 … `: see termPattern. */
  titleTerms: string;
  textTerms: string;
}

/** The index of one saved page (a discussion, or one ?page of its comments), keyed like the pages cache. */
export interface SearchRecord {
  key: string;
  discussionId: number;
  title: string;
  /** When it was indexed, just before its page was stored: the page's age, within a few milliseconds. */
  savedAt: number;
  documents: SearchDocument[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z0-9]+);/gi, (entity, name: string) => {
    const known = ENTITIES[name.toLowerCase()];
    if (known !== undefined) return known;
    const code = name.startsWith('#x') || name.startsWith('#X') ? Number.parseInt(name.slice(2), 16) : NaN;
    const point = Number.isNaN(code) && name.startsWith('#') ? Number(name.slice(1)) : code;
    return Number.isInteger(point) && point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : entity;
  });
}

/** Rendered Markdown as a person reads it: tags become spaces (a paragraph ends a word), entities characters. */
export function visibleText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Terms written ` a b c `: a phrase is then found with one substring test, never across two terms. */
export const termString = (text: string): string => ` ${searchTokens(text).join(' ')} `;

function documentOf(
  commentId: number | null,
  author: string,
  title: string,
  bodyHtml: string,
): SearchDocument {
  const text = visibleText(bodyHtml);
  return { commentId, author, text, titleTerms: termString(title), textTerms: termString(text) };
}

// Markdown is rendered with html: false, so a body never holds a <div> of its own.
const PROSE = '<div class="prose" dir="auto">([\\s\\S]*?)</div>';
const DISCUSSION_TITLE = /<h1 class="discussion-title">[\s\S]*?<bdi>([^<]*)<\/bdi>/;
const DISCUSSION_AUTHOR = /<div class="meta">\s*by <a href="\/u\/[^"]*"><bdi>([^<]*)<\/bdi>/;
const DISCUSSION_BODY = new RegExp(PROSE);
/** A live comment's id, author and body; a deleted one ([deleted]) matches the first branch and has no text. */
const COMMENT = new RegExp(
  `<li class="comment" id="c(\\d+)"[\\s\\S]*?(?:<p class="deleted">|class="author"><bdi>([^<]*)</bdi>[\\s\\S]*?${PROSE})`,
  'g',
);

/** The index of the page saved under `key`, or null when it is not a discussion's page. */
export function searchRecordOf(key: string, html: string, savedAt = Date.now()): SearchRecord | null {
  const path = new URL(key).pathname;
  if (!DISCUSSION_PATH.test(path)) return null;
  const articleEnd = html.indexOf('</article>');
  const articleStart = html.indexOf('<article class="discussion"');
  if (articleStart === -1 || articleEnd === -1) return null;
  const article = html.slice(articleStart, articleEnd);
  const titleHtml = DISCUSSION_TITLE.exec(article)?.[1];
  if (titleHtml === undefined) return null;
  const title = decodeEntities(titleHtml).trim();
  const author = decodeEntities(DISCUSSION_AUTHOR.exec(article)?.[1] ?? '');
  const documents = [documentOf(null, author, title, DISCUSSION_BODY.exec(article)?.[1] ?? '')];
  for (const match of html.slice(articleEnd).matchAll(COMMENT)) {
    const [, id, commentAuthor, body] = match;
    if (commentAuthor === undefined || body === undefined) continue;
    documents.push(documentOf(Number(id), decodeEntities(commentAuthor), '', body));
  }
  return { key, discussionId: Number(path.split('/')[2]), title, savedAt, documents };
}
