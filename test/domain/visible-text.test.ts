import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDiscussion } from '../../app/domain/validation.ts';
import { cleanTitle, visibleLength } from '../../app/domain/visible-text.ts';

const link = { url: 'https://example.com/', text: '' };

test('titles that draw nothing are refused, whatever invisible characters they are made of', () => {
  const invisible = [
    '\u200B\u200B\u200B\u200B', // zero-width spaces
    '\uFEFF\uFEFF\uFEFF', // BOM
    '\u2060\u2060\u2060', // word joiners
    '\u3164\u3164\u3164', // Hangul fillers
    '\u115F\u1160\u3164',
    '\u202E\u202D\u2066\u2069', // bidi controls
    ' \u00A0\u2003 ',
  ];
  for (const title of invisible) {
    assert.equal(visibleLength(title), 0, JSON.stringify(title));
    assert.equal(checkDiscussion({ title, ...link }), 'Title cannot be empty.', JSON.stringify(title));
  }
});

test('a title needs at least three visible characters, counted as a reader counts them', () => {
  assert.equal(checkDiscussion({ title: 'A', ...link }), 'Title must have at least 3 visible characters.');
  assert.equal(
    checkDiscussion({ title: 'Hi\u200B\u200B', ...link }),
    'Title must have at least 3 visible characters.',
  );
  // Two Devanagari graphemes (क्षि is one) are two characters, not five code points.
  assert.equal(visibleLength('क्षि हो'), 2);
  assert.equal(visibleLength('👩‍👩‍👧'), 1);
  assert.equal(checkDiscussion({ title: 'हिंदी', ...link }), 'Title must have at least 3 visible characters.');
  assert.equal(checkDiscussion({ title: 'नमस्ते', ...link }), null);
  assert.equal(checkDiscussion({ title: 'Why SQLite', ...link }), null);
});

test('stored titles lose bidi controls and are composed', () => {
  assert.equal(cleanTitle('Pay here \u202E'), 'Pay here');
  assert.equal(cleanTitle('\u2067abc\u2069 x'), 'abc x');
  assert.equal(cleanTitle('Cafe\u0301'), 'Café');
  assert.equal(cleanTitle('  plain  '), 'plain');
});
