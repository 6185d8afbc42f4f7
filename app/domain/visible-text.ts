/**
 * What a person actually sees of a piece of text. Titles are shown in lists
 * beside other people's text, so characters that draw nothing, or that only
 * reorder what follows them, can make a title look empty or make the next
 * thing on the line (a link's domain) read backwards.
 */

/** Embeddings, overrides, isolates and marks: in a one-line title they can only deceive. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** Zero-width characters, BOM, word joiners, Hangul fillers, variation selectors, and spaces. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{White_Space}]/gu;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The title as it is stored: composed (NFC), without bidi controls, without surrounding space. */
export function cleanTitle(title: string): string {
  return title.normalize('NFC').replace(BIDI_CONTROLS, '').trim();
}

/** How many characters a reader sees: the graphemes that draw something (an emoji's joiners stay inside it). */
export function visibleLength(text: string): number {
  let count = 0;
  for (const { segment } of graphemes.segment(text.normalize('NFC'))) {
    if (segment.replace(BIDI_CONTROLS, '').replace(INVISIBLE, '') !== '') count++;
  }
  return count;
}
