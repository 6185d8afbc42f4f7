// The forum's rules, each with the reason it has the value it has. Limits of HTTP itself (the
// request body size) are server settings, in app/config.ts.

/** The original charcha allowed 8192 characters of Markdown; long enough for an essay. */
export const MAX_TEXT_LENGTH = 8192;
/** Long enough for any real headline, short enough for a front-page line. */
export const MAX_TITLE_LENGTH = 200;
export const MIN_TITLE_LENGTH = 3;
/** Browsers cope with far longer URLs, but nobody posts a link this long on purpose. */
export const MAX_URL_LENGTH = 2000;
export const MAX_COMMENT_LENGTH = MAX_TEXT_LENGTH;

export const MIN_USERNAME_LENGTH = 3;
export const MAX_USERNAME_LENGTH = 30;
/** NIST SP 800-63B: at least 8 characters; no composition rules. */
export const MIN_PASSWORD_LENGTH = 8;
/** scrypt cost grows with input length; an unbounded password is a denial-of-service lever. */
export const MAX_PASSWORD_LENGTH = 200;

/** Past this depth replies attach to the deepest allowed parent, so threads stay readable on a phone. */
export const MAX_COMMENT_DEPTH = 8;
/** Authors may fix typos for an hour; after that the text is part of the record others replied to. */
export const EDIT_WINDOW_MS = 60 * 60 * 1000;

export const FRONT_PAGE_SIZE = 30;
/** Beyond this a page number is a crawler or a typo, not a reader. */
export const MAX_PAGE = 1000;
/** Ranking considers this many of the newest discussions; older ones have decayed out of reach. */
export const RANKING_CANDIDATES = 500;

/** Sessions last a month, like most forums' "remember me". */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
