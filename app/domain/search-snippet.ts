/**
 * Highlighted text from FTS5's snippet() and highlight(), made safe to show. SQLite wraps each
 * match in two markers; the text is split at them into parts that templates escape one by one
 * and wrap in <mark> themselves, so no HTML is ever built from the indexed text.
 *
 * The markers are Unicode noncharacters, which the standard reserves for a program's internal
 * use, and which the index does not treat as parts of words. A person can still type them; then
 * the worst case is a wrongly highlighted stretch of their own text, because the split below
 * keeps marks balanced whatever the order of markers.
 */
export const MATCH_START = '\uFDD0';
export const MATCH_END = '\uFDD1';

export interface TextPart {
  text: string;
  marked: boolean;
}

/** Splits marked text into plain and highlighted parts, dropping the markers. */
export function highlightedParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let marked = false;
  let current = '';
  const flush = () => {
    if (current !== '') parts.push({ text: current, marked });
    current = '';
  };
  for (const character of text) {
    if (character === MATCH_START || character === MATCH_END) {
      const opening = character === MATCH_START;
      if (opening !== marked) {
        flush();
        marked = opening;
      }
      continue;
    }
    current += character;
  }
  flush();
  return parts;
}

/** The text without markers. */
export function unmarkedText(text: string): string {
  return text.replaceAll(MATCH_START, '').replaceAll(MATCH_END, '');
}
