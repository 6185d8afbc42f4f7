import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDiscussion, describeValidation } from '../../app/domain/validation.ts';

const issue = (instancePath: string, keyword: string, params: Record<string, unknown> = {}) => ({
  instancePath,
  keyword,
  params,
});

test('schema violations become one sentence naming the field as the form labels it', () => {
  assert.equal(
    describeValidation([issue('', 'required', { missingProperty: 'title' })]),
    'Title is required.',
  );
  assert.equal(describeValidation([issue('/body', 'minLength', { limit: 1 })]), 'Comment cannot be empty.');
  assert.equal(
    describeValidation([issue('/password', 'minLength', { limit: 8 })]),
    'Password must be at least 8 characters.',
  );
  assert.equal(
    describeValidation([issue('/text', 'maxLength', { limit: 8192 })]),
    'Text must be at most 8192 characters.',
  );
  assert.equal(
    describeValidation([issue('/username', 'pattern', { pattern: '^[A-Za-z0-9_-]+$' })]),
    'Username may use letters, digits, "_" and "-" only.',
  );
  assert.equal(
    describeValidation([issue('/url', 'type', { type: 'string' })]),
    'Link must be a single string.',
  );
  assert.equal(
    describeValidation([issue('/parentId', 'minimum', { limit: 1 })]),
    'Reply target is not valid.',
  );
});

test('only the first problem is reported, and an empty list still gets a message', () => {
  assert.equal(
    describeValidation([
      issue('/title', 'maxLength', { limit: 200 }),
      issue('/url', 'maxLength', { limit: 2000 }),
    ]),
    'Title must be at most 200 characters.',
  );
  assert.equal(describeValidation([]), 'The form is not valid.');
  assert.equal(describeValidation(undefined), 'The form is not valid.');
});

test('a discussion needs a title and a link and/or text', () => {
  assert.equal(checkDiscussion({ title: '  ', url: '', text: 'x' }), 'Title cannot be empty.');
  assert.equal(
    checkDiscussion({ title: 'Hi all', url: ' ', text: '\n ' }),
    'Add a link, some text, or both.',
  );
  assert.equal(checkDiscussion({ title: 'Hi all', url: 'https://example.com', text: '' }), null);
  assert.equal(checkDiscussion({ title: 'Hi all', url: '', text: 'Some text' }), null);
  assert.equal(checkDiscussion({ title: 'Hi all', url: 'https://example.com', text: 'and text' }), null);
});

test('a discussion link must be http or https', () => {
  for (const url of [
    'javascript:alert(1)',
    'data:text/html,<b>',
    'vbscript:x',
    'ftp://example.com',
    'example.com',
  ])
    assert.equal(
      checkDiscussion({ title: 'Hi all', url, text: '' }),
      'Link must be a full http:// or https:// address.',
      url,
    );
});
