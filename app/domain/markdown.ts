import MarkdownIt from 'markdown-it';

/** Only these schemes may appear in a user's link; everything else (javascript:, data:, vbscript:, file:) is dropped. */
const SAFE_URL = /^(https?:|mailto:|\/(?!\/)|#)/i;
const USER_LINK_REL = 'nofollow ugc noopener';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

md.validateLink = (url: string): boolean => SAFE_URL.test(url.trim());

const renderToken = md.renderer.renderToken.bind(md.renderer);
md.renderer.rules.link_open = (tokens, index, options) => {
  const token = tokens[index];
  if (token) token.attrSet('rel', USER_LINK_REL);
  return renderToken(tokens, index, options);
};

/**
 * `![alt](url)` becomes a link to the image named by its alt text: a remote image would tell its
 * host who reads the comment and when (and the CSP forbids them anyway). Parsed as an image, not
 * left to fall apart into a stray "!" and a link.
 */
md.renderer.rules.image = (tokens, index, options, env, self) => {
  const token = tokens[index];
  const src = token?.attrGet('src') ?? '';
  const alt = self.renderInlineAsText(token?.children ?? [], options, env).trim();
  const text = md.utils.escapeHtml(alt ? `Image: ${alt}` : 'Image');
  // Inside a link (`[![alt](img)](page)`) the words join that link: a link cannot hold another.
  if (insideLink(tokens, index)) return text;
  return `<a href="${md.utils.escapeHtml(src)}" rel="${USER_LINK_REL}" class="image-link">${text}</a>`;
};

/**
 * A code block keeps its lines and scrolls sideways when they are wider than the screen (a phone):
 * in the tab order, a keyboard can scroll it too (axe's scrollable-region-focusable).
 */
for (const rule of ['fence', 'code_block'] as const) {
  const render = md.renderer.rules[rule];
  md.renderer.rules[rule] = (...args) => (render?.(...args) ?? '').replace(/^<pre>/, '<pre tabindex="0">');
}

function insideLink(tokens: readonly { type: string }[], index: number): boolean {
  let open = 0;
  for (const token of tokens.slice(0, index)) {
    if (token.type === 'link_open') open += 1;
    else if (token.type === 'link_close') open -= 1;
  }
  return open > 0;
}

/**
 * The page's title is its one h1, and the discussion's text comes right after it: Markdown's `#`
 * is h2 (the level of the page's "Comments"), so no heading level is skipped after the title;
 * `#####` and `######` are both h6.
 */
const HEADING_SHIFT = 1;
md.core.ruler.push('shift_headings', (state) => {
  for (const token of state.tokens) {
    if (token.type !== 'heading_open' && token.type !== 'heading_close') continue;
    const level = Number(token.tag.slice(1));
    token.tag = `h${Math.min(level + HEADING_SHIFT, 6)}`;
  }
});

/** Renders user Markdown to HTML that is safe to insert into a page unescaped. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}

/** Whether a submitted link is one we are willing to show as a discussion's URL. */
export function isSafeLinkUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}
