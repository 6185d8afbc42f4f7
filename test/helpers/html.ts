/** Small readers for the server-rendered HTML, so assertions name what a person sees. */

/** The tests' own table, not the worker's (sw/worker/page-html.ts): a slip there must not hide itself here. */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

export function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (entity, name: string) => ENTITIES[name] ?? entity);
}

/** The message of an error page or of a refused form (decoded), or undefined when there is none. */
export function errorMessage(html: string): string | undefined {
  const match = html.match(/class="(?:error-message|form-error)"[^>]*>([^<]*)</);
  return match?.[1] === undefined ? undefined : decode(match[1]);
}

/** The whole `<li>` of comment `id`, replies included, or undefined when the page does not show it. */
export function commentElement(html: string, id: number): string | undefined {
  const start = html.indexOf(`<li class="comment" id="c${id}"`);
  if (start === -1) return undefined;
  const tag = /<li\b|<\/li>/g;
  tag.lastIndex = start;
  let open = 0;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    open += match[0] === '</li>' ? -1 : 1;
    if (open === 0) return html.slice(start, match.index + match[0].length);
  }
  throw new Error(`comment ${id} is not closed`);
}

/** The ids of the discussions listed on a front-page style listing, in order. */
export function listedPostIds(html: string): number[] {
  return [...html.matchAll(/<a class="post-title" href="\/discuss\/(\d+)">/g)].map((m) => Number(m[1]));
}

/** The value of a form field as the page pre-fills it (input value or textarea text), decoded. */
export function fieldValue(html: string, name: string): string | undefined {
  const textarea = html.match(new RegExp(`<textarea[^>]*name="${name}"[^>]*>([^<]*)</textarea>`));
  if (textarea?.[1] !== undefined) return decode(textarea[1]);
  const input =
    html.match(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`)) ??
    html.match(new RegExp(`<input[^>]*value="([^"]*)"[^>]*name="${name}"`));
  return input?.[1] === undefined ? undefined : decode(input[1]);
}
