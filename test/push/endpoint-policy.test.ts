import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkedAddress,
  EndpointRefused,
  endpointRefusal,
  isPublicAddress,
} from '../../app/push/endpoint-policy.ts';

test('addresses off the public internet are not public', () => {
  for (const address of [
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:8.8.8.8',
    'not an address',
  ])
    assert.equal(isPublicAddress(address), false, address);
  for (const address of ['8.8.8.8', '142.250.1.1', '2607:f8b0:4004:800::200e'])
    assert.equal(isPublicAddress(address), true, address);
});

test('in production only https endpoints on public hosts are accepted', () => {
  assert.equal(endpointRefusal('https://fcm.googleapis.com/fcm/send/abc', 'off'), undefined);
  for (const endpoint of [
    'http://fcm.googleapis.com/fcm/send/abc',
    'https://127.0.0.1/x',
    'https://10.0.0.5/x',
    'https://169.254.169.254/latest/meta-data',
    'https://[::1]/x',
    'https://[::ffff:7f00:1]/x',
    'https://localhost/x',
    'https://intranet/x',
    'https://user:pw@push.example.com/x',
    'http://127.0.0.1:8080/push/x',
    'ftp://push.example.com/x',
    'not a url',
    `https://push.example.com/${'a'.repeat(1000)}`,
  ])
    assert.notEqual(endpointRefusal(endpoint, 'off'), undefined, endpoint);
});

test('PUSH_TEST_ENDPOINTS=loopback adds http://127.0.0.1:<port> and nothing else', () => {
  assert.equal(endpointRefusal('http://127.0.0.1:8080/push/x', 'loopback'), undefined);
  for (const endpoint of [
    'http://127.0.0.1/push/x',
    'http://10.0.0.1:8080/x',
    'http://[::1]:8080/x',
    'http://localhost:8080/x',
  ])
    assert.notEqual(endpointRefusal(endpoint, 'loopback'), undefined, endpoint);
});

test('at send time a name is resolved and refused when any of its addresses is not public', async () => {
  const resolvesTo =
    (...addresses: string[]) =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  const ok = await checkedAddress('https://push.example.com/x', 'off', resolvesTo('93.184.216.34'));
  assert.deepEqual(ok, { address: '93.184.216.34', family: 4 });
  for (const answer of [['127.0.0.1'], ['10.0.0.7'], ['169.254.169.254'], ['93.184.216.34', '::1'], []]) {
    await assert.rejects(
      checkedAddress('https://push.example.com/x', 'off', resolvesTo(...answer)),
      EndpointRefused,
      answer.join(','),
    );
  }
  await assert.rejects(checkedAddress('http://127.0.0.1:9/x', 'off', resolvesTo('8.8.8.8')), EndpointRefused);
});
