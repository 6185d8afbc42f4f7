import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_COST, hashPassword, verifyPassword } from '../../app/domain/passwords.ts';

test('a password hashes with scrypt at the default cost and verifies', async () => {
  const stored = await hashPassword('correct horse battery');
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  assert.deepEqual([scheme, n, r, p], ['scrypt', String(2 ** 16), '8', '1']);
  assert.equal(Buffer.from(salt ?? '', 'base64url').length, 16);
  assert.equal(Buffer.from(hash ?? '', 'base64url').length, 32);
  assert.doesNotMatch(stored, /correct horse/);
  assert.equal(await verifyPassword('correct horse battery', stored), true);
  assert.equal(await verifyPassword('correct horse batterY', stored), false);
});

test('every hash has its own salt, so equal passwords give different hashes', async () => {
  const first = await hashPassword('same password', DEMO_COST);
  const second = await hashPassword('same password', DEMO_COST);
  assert.notEqual(first.split('$')[4], second.split('$')[4], 'salts differ');
  assert.notEqual(first, second);
  assert.equal(await verifyPassword('same password', first), true);
  assert.equal(await verifyPassword('same password', second), true);
});

test('the cost is read from the stored hash, so old hashes keep working when it is raised', async () => {
  const cheap = await hashPassword('pässword', DEMO_COST);
  assert.equal(cheap.split('$')[1], String(2 ** 10));
  assert.equal(await verifyPassword('pässword', cheap), true);
  assert.equal(await verifyPassword('pa\u0308ssword', cheap), true, 'NFKC: the same word typed another way');
});

test('a malformed stored hash never verifies', async () => {
  for (const stored of ['', 'plain-text', 'bcrypt$10$8$1$abc$def', 'scrypt$1024$8$1$$'])
    assert.equal(await verifyPassword('anything', stored), false, stored);
});
