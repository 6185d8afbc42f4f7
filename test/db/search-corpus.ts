import { mulberry32, pick, type Rng } from '../../db/seed/random.ts';

/**
 * A bilingual vocabulary for search tests and the search benchmark: English words (some the
 * start of others), and Hindi words with every kind of combining mark: matras (vowel signs),
 * virama conjuncts (क्ष, ज्ञ, त्र), anusvara and chandrabindu, and nukta letters, which are
 * written in documents both precomposed and as letter + nukta.
 */
export const ENGLISH_WORDS: readonly string[] = [
  'offline online service worker cache caches cached forum thread threads comment river',
  'kite kites monsoon train station coffee garden market window bridge lantern harbour',
  'pepper saffron mango mangoes cricket umbrella library teacher bicycle festival mountain village',
  'pocket engine signal battery kettle blanket ticket rickshaw chutney biscuit monkey parrot',
  'tiger lotus ink pen pencil paper papers notebook sync syncing search index',
]
  .join(' ')
  .split(' ');

export const HINDI_WORDS: readonly string[] = [
  // nukta
  'ज़िंदगी ज़रूर ख़बर फ़िल्म ग़लत क़लम पढ़ना बड़ा लड़का सड़क पेड़ सॉफ़्टवेयर',
  // virama conjuncts
  'क्षमा परीक्षा कक्षा शिक्षा रक्षा ज्ञान विज्ञान पत्र मित्र श्रम प्रश्न',
  'उत्तर सत्य धर्म कर्म विद्यालय अध्याय बुद्धि शुद्ध स्कूल समुद्र',
  // matras, anusvara, chandrabindu, visarga
  'किताब किताबें पानी खाना दूध फूल मेला पैसा सोना कौन हिंदी हिन्दी दुनिया हैलो भारत गाँव शहर',
  'बच्चे सुबह नमस्ते धन्यवाद मौसम बारिश गर्मी दुःख रात दिन घर काम खेल हवा नदी आसमान पढ़ाना',
]
  .join(' ')
  .split(' ');

/** Letter + nukta (as words are listed) to the single precomposed code point a keyboard may send. */
const PRECOMPOSED: readonly [string, string][] = [
  ['\u0915\u093C', '\u0958'],
  ['\u0916\u093C', '\u0959'],
  ['\u0917\u093C', '\u095A'],
  ['\u091C\u093C', '\u095B'],
  ['\u0921\u093C', '\u095C'],
  ['\u092B\u093C', '\u095E'],
];

export function precomposed(word: string): string {
  return PRECOMPOSED.reduce((text, [pair, single]) => text.replaceAll(pair, single), word);
}

const SEPARATORS = [
  ' ',
  ' ',
  ' ',
  ', ',
  '. ',
  '! ',
  '? ',
  '\n',
  ' — ',
  '। ',
  ' (',
  ') ',
  ' "',
  '" ',
  ' **',
  '** ',
];

function writtenForm(rng: Rng, word: string): string {
  if (/[a-z]/.test(word)) {
    const style = rng();
    if (style < 0.15) return word.toUpperCase();
    if (style < 0.4) return `${word[0]?.toUpperCase()}${word.slice(1)}`;
    return word;
  }
  return rng() < 0.5 ? precomposed(word) : word;
}

/** Text of `count` words from the vocabulary, mixed languages, cases, spellings and punctuation. */
export function bilingualText(rng: Rng, count: number): string {
  const vocabulary =
    rng() < 0.5 ? [...ENGLISH_WORDS, ...HINDI_WORDS] : rng() < 0.5 ? ENGLISH_WORDS : HINDI_WORDS;
  let text = '';
  for (let i = 0; i < count; i++) text += writtenForm(rng, pick(rng, vocabulary)) + pick(rng, SEPARATORS);
  return text.trim();
}

export interface BilingualDocument {
  title: string;
  body: string;
  comments: string[];
}

/** The same documents for the same seed. */
export function bilingualForum(discussions: number, seed = 0x5ea4c4): BilingualDocument[] {
  const rng = mulberry32(seed);
  return Array.from({ length: discussions }, () => ({
    title: bilingualText(rng, 2 + Math.floor(rng() * 5)),
    body: rng() < 0.2 ? '' : bilingualText(rng, 5 + Math.floor(rng() * 30)),
    comments: Array.from({ length: Math.floor(rng() * 6) }, () =>
      bilingualText(rng, 3 + Math.floor(rng() * 25)),
    ),
  }));
}
