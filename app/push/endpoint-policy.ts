import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Push endpoints are URLs a browser hands us and the server then POSTs to: an attacker could
 * name the server's own network (a metadata service, an admin port on loopback). In production
 * only https: endpoints on public addresses are accepted, checked when a subscription arrives
 * and again, by resolving the name, right before each send; the send connects to the address
 * that was checked, so a name cannot change its answer in between. `loopback` (tests) also
 * accepts http://127.0.0.1:<port>/ endpoints.
 */
export type PushTestEndpoints = 'off' | 'loopback';

/** Longer than any push service's endpoint (FCM's are under 250 characters). */
export const MAX_ENDPOINT_LENGTH = 1000;

/**
 * Addresses that are not on the public internet (RFC 6890 and its IPv6 counterparts). Two
 * lists: a BlockList matches IPv4 addresses against IPv6 rules too, as IPv4-mapped ones.
 */
const NOT_PUBLIC_V4 = new BlockList();
const NOT_PUBLIC_V6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, and the cloud metadata service at 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  NOT_PUBLIC_V4.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96], // IPv4-mapped: would reach whatever IPv4 address it wraps
  ['64:ff9b::', 96], // NAT64: likewise
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8],
] as const)
  NOT_PUBLIC_V6.addSubnet(network, prefix, 'ipv6');

const LOOPBACK_TEST_HOST = '127.0.0.1';

/** Whether `address` (a literal IPv4 or IPv6 address) is on the public internet. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return family === 4 ? !NOT_PUBLIC_V4.check(address, 'ipv4') : !NOT_PUBLIC_V6.check(address, 'ipv6');
}

function isLoopbackTestUrl(url: URL, mode: PushTestEndpoints): boolean {
  return (
    mode === 'loopback' && url.protocol === 'http:' && url.hostname === LOOPBACK_TEST_HOST && url.port !== ''
  );
}

/** The host as the resolver wants it: URL keeps IPv6 literals in brackets. */
const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** Why an endpoint is refused when a subscription arrives, or undefined when it may be kept. */
export function endpointRefusal(endpoint: string, mode: PushTestEndpoints): string | undefined {
  if (endpoint.length > MAX_ENDPOINT_LENGTH) return 'That push endpoint is too long.';
  if (!URL.canParse(endpoint)) return 'That push endpoint is not a URL.';
  const url = new URL(endpoint);
  if (url.username !== '' || url.password !== '') return 'A push endpoint may not carry a password.';
  if (isLoopbackTestUrl(url, mode)) return undefined;
  if (url.protocol !== 'https:') return 'Push endpoints must use https.';
  const host = bareHost(url);
  if (isIP(host) !== 0 && !isPublicAddress(host)) return 'Push endpoints must be on the public internet.';
  if (host === 'localhost' || host.endsWith('.localhost') || !host.includes('.'))
    return 'Push endpoints must be on the public internet.';
  return undefined;
}

/** Where a send connects: the address checked just now, and the family to dial it with. */
export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

export class EndpointRefused extends Error {}

/**
 * Right before a send: checks the endpoint again and resolves its host, refusing it when any
 * address it resolves to is not public (a name that answers both is not trusted with either).
 */
export async function checkedAddress(
  endpoint: string,
  mode: PushTestEndpoints,
  resolve: (host: string) => Promise<{ address: string; family: number }[]> = (host) =>
    lookup(host, { all: true, verbatim: true }),
): Promise<CheckedAddress> {
  const refusal = endpointRefusal(endpoint, mode);
  if (refusal !== undefined) throw new EndpointRefused(refusal);
  const url = new URL(endpoint);
  if (isLoopbackTestUrl(url, mode)) return { address: LOOPBACK_TEST_HOST, family: 4 };
  const host = bareHost(url);
  const addresses = isIP(host) !== 0 ? [{ address: host, family: isIP(host) }] : await resolve(host);
  const first = addresses[0];
  if (first === undefined) throw new EndpointRefused(`${host} has no address`);
  for (const { address } of addresses) {
    if (!isPublicAddress(address))
      throw new EndpointRefused(`${host} resolves to ${address}, not a public address`);
  }
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
