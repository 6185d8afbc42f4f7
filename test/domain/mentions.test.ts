import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_MENTIONS, mentionedUsernames } from '../../app/domain/mentions.ts';

test('names after @ in prose are mentions, in the order written, each once whatever its case', () => {
  assert.deepEqual(mentionedUsernames('@asha, what do you think? cc @bilal_k and @ASHA.'), [
    'asha',
    'bilal_k',
  ]);
  assert.deepEqual(mentionedUsernames('(@chen-li) and\n@dara!'), ['chen-li', 'dara']);
});

test('e-mail addresses, URL paths and doubled @ are not mentions', () => {
  assert.deepEqual(mentionedUsernames('write to asha@example.com'), []);
  assert.deepEqual(mentionedUsernames('see https://social.example/@bilal or a.@chen or @@dara'), []);
});

test('a word too short or too long for a username mentions nobody', () => {
  assert.deepEqual(mentionedUsernames('@ab is short'), []);
  assert.deepEqual(mentionedUsernames(`@${'a'.repeat(31)} is long`), []);
  assert.deepEqual(mentionedUsernames(`@${'a'.repeat(30)} fits`), ['a'.repeat(30)]);
});

test('code quotes text: @names in code spans and code blocks are not mentions', () => {
  const markdown = [
    'Run `npm i @types/node` as @emeka said.',
    '',
    '```js',
    'import x from "@farah/pkg";',
    '```',
    '',
    '    @indented code',
    '',
    'Thanks @chen',
  ].join('\n');
  assert.deepEqual(mentionedUsernames(markdown), ['emeka', 'chen']);
});

test('an unclosed fence hides the rest of the comment, as the rendered page shows it as code', () => {
  assert.deepEqual(mentionedUsernames('@asha look:\n~~~\n@bilal'), ['asha']);
});

test('an indented line that continues a paragraph is prose, not code', () => {
  assert.deepEqual(mentionedUsernames('first line\n    @asha continues it'), ['asha']);
});

test(`at most ${MAX_MENTIONS} names count`, () => {
  const names = Array.from({ length: MAX_MENTIONS + 5 }, (_, index) => `person${index}`);
  const mentioned = mentionedUsernames(names.map((name) => `@${name}`).join(' '));
  assert.deepEqual(mentioned, names.slice(0, MAX_MENTIONS));
});
