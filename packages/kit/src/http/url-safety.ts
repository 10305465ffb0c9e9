/**
 * @module SSRF guard for URLs the server calls on a user's behalf (webhooks today, skills next):
 * one classification of addresses for every product. A URL must be https (http too when private
 * or loopback receivers are allowed), carry no credentials, and every address its host resolves
 * to must be allowed by the policy:
 * - `public` (default): public unicast only.
 * - `loopback`: plus 127.0.0.0/8 and ::1 (the local quick start, where receivers run on this machine).
 * - `private`: plus private ranges (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7, ...).
 * Never allowed, whatever the policy: link-local (169.254.0.0/16, fe80::/10), cloud metadata
 * endpoints (169.254.169.254, fd00:ec2::254, 100.100.100.200, metadata.google.internal, ...),
 * "this network", multicast, reserved, and IPv6 forms that embed a refused IPv4 address (mapped,
 * NAT64, 6to4). The check runs at creation and again at delivery inside the socket's DNS lookup,
 * so the connection goes to the address that was checked (DNS rebinding cannot swap it).
 */
import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

export const MAX_URL_LENGTH = 2048;

export type UrlProblem = 'invalid_url' | 'url_too_long' | 'https_required' | 'credentials_in_url' | 'fragment_in_url' | 'private_address' | 'unresolvable_host';

export class UnsafeUrlError extends Error {
  override name = 'UnsafeUrlError';
  constructor(
    readonly reason: UrlProblem,
    message: string,
    readonly address?: string,
  ) {
    super(message);
  }
}

/** Resolves a host name to every address (the default is the OS resolver, honouring /etc/hosts). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** Which non-public receivers a policy admits (see the module comment). */
export type UrlAllowance = 'public' | 'loopback' | 'private';

export interface UrlPolicy {
  allow: UrlAllowance;
  resolve: Resolver;
}

/** What an address is: `forbidden` addresses are refused under every policy. */
export type AddressKind = 'public' | 'loopback' | 'private' | 'forbidden';

type Range<T> = readonly [base: T, prefix: number, kind: Exclude<AddressKind, 'public'>, label: string];

// The first matching range wins, so single metadata addresses come before their wider range.
const V4_RANGES: Range<string>[] = [
  ['0.0.0.0', 8, 'forbidden', '"this network" (0.0.0.0/8)'],
  ['10.0.0.0', 8, 'private', 'private (10.0.0.0/8)'],
  ['100.100.100.200', 32, 'forbidden', 'a cloud metadata endpoint (100.100.100.200)'],
  ['100.64.0.0', 10, 'private', 'carrier-grade NAT (100.64.0.0/10)'],
  ['127.0.0.0', 8, 'loopback', 'loopback (127.0.0.0/8)'],
  ['169.254.169.254', 32, 'forbidden', 'a cloud metadata endpoint (169.254.169.254, link-local)'],
  ['169.254.0.0', 16, 'forbidden', 'link-local (169.254.0.0/16)'],
  ['172.16.0.0', 12, 'private', 'private (172.16.0.0/12)'],
  ['192.0.0.0', 24, 'forbidden', 'IETF protocol assignments (192.0.0.0/24)'],
  ['192.168.0.0', 16, 'private', 'private (192.168.0.0/16)'],
  ['198.18.0.0', 15, 'private', 'benchmarking (198.18.0.0/15)'],
  ['224.0.0.0', 4, 'forbidden', 'multicast (224.0.0.0/4)'],
  ['240.0.0.0', 4, 'forbidden', 'reserved (240.0.0.0/4)'],
];

const V6_RANGES: Range<string>[] = [
  ['::', 128, 'forbidden', 'unspecified (::)'],
  ['::1', 128, 'loopback', 'loopback (::1)'],
  ['::', 96, 'forbidden', 'IPv4-compatible (::/96, deprecated)'],
  ['64:ff9b:1::', 48, 'private', 'local-use NAT64 (64:ff9b:1::/48)'],
  ['100::', 64, 'forbidden', 'discard-only (100::/64)'],
  ['2001::', 32, 'forbidden', 'Teredo (2001::/32)'],
  ['fd00:ec2::254', 128, 'forbidden', 'a cloud metadata endpoint (fd00:ec2::254)'],
  ['fc00::', 7, 'private', 'unique local / private (fc00::/7)'],
  ['fe80::', 10, 'forbidden', 'link-local (fe80::/10)'],
  ['fec0::', 10, 'forbidden', 'site-local (fec0::/10, deprecated)'],
  ['ff00::', 8, 'forbidden', 'multicast (ff00::/8)'],
];

/** Host names of cloud metadata services, refused by name before any lookup. */
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal', 'metadata.azure.internal']);

/** IPv6 prefixes whose low bits embed an IPv4 address that decides: [base, prefix, shift of the IPv4 bits]. */
const V6_EMBEDDING: readonly [string, number, bigint, string][] = [
  ['::ffff:0:0', 96, 0n, 'IPv4-mapped'],
  ['::ffff:0:0:0', 96, 0n, 'IPv4-translated'],
  ['64:ff9b::', 96, 0n, 'NAT64'],
  ['2002::', 16, 80n, '6to4'],
];

export function parseIPv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

export function parseIPv6(text: string): bigint | null {
  let s = text.toLowerCase().replace(/^\[|\]$/g, '');
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const lastColon = s.lastIndexOf(':');
  if (lastColon < 0) return null;
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIPv4(tail);
    if (v4 === null) return null;
    s = `${s.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? head.length !== 8 : missing < 1) return null;
  let value = 0n;
  for (const group of [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest]) {
    if (!/^[0-9a-f]{1,4}$/.test(group)) return null;
    value = (value << 16n) | BigInt(Number.parseInt(group, 16));
  }
  return value;
}

const v4InRange = (ip: number, base: string, prefix: number) => prefix === 0 || ip >>> (32 - prefix) === (parseIPv4(base) as number) >>> (32 - prefix);
const v6InRange = (ip: bigint, base: string, prefix: number) => ip >> BigInt(128 - prefix) === (parseIPv6(base) as bigint) >> BigInt(128 - prefix);

function formatV4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

export interface AddressClass {
  kind: AddressKind;
  /** e.g. `loopback (127.0.0.0/8)`; null for a public address. */
  reason: string | null;
}

/** Classifies IPv4 and IPv6 text (brackets and zone ids are ignored); unparsable text is forbidden. */
export function classifyAddress(address: string): AddressClass {
  const v4 = parseIPv4(address);
  if (v4 !== null) {
    const range = V4_RANGES.find(([base, prefix]) => v4InRange(v4, base, prefix));
    return range ? { kind: range[2], reason: range[3] } : { kind: 'public', reason: null };
  }
  const v6 = parseIPv6(address);
  if (v6 === null) return { kind: 'forbidden', reason: 'not an IP address' };
  for (const [base, prefix, shift, label] of V6_EMBEDDING) {
    if (v6InRange(v6, base, prefix)) {
      const embedded = formatV4(Number((v6 >> shift) & 0xffffffffn));
      const inner = classifyAddress(embedded);
      return inner.reason ? { kind: inner.kind, reason: `${label} ${embedded}: ${inner.reason}` } : inner;
    }
  }
  const range = V6_RANGES.find(([base, prefix]) => v6InRange(v6, base, prefix));
  return range ? { kind: range[2], reason: range[3] } : { kind: 'public', reason: null };
}

const ALLOWED: Record<UrlAllowance, readonly AddressKind[]> = {
  public: ['public'],
  loopback: ['public', 'loopback'],
  private: ['public', 'loopback', 'private'],
};

/** Why the policy refuses this address (e.g. `link-local (169.254.0.0/16)`), or null when allowed. */
export function refusedAddressReason(address: string, allow: UrlAllowance = 'public'): string | null {
  const { kind, reason } = classifyAddress(address);
  return ALLOWED[allow].includes(kind) ? null : reason;
}

/** Why an address may not be called under the strictest policy, or null for a public unicast address. */
export const blockedAddressReason = (address: string): string | null => refusedAddressReason(address, 'public');

/** The URL's host without IPv6 brackets. */
export function urlHostname(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

function normalizedHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

/** Syntax, scheme and credential checks, plus the address check when the host is an IP literal. No DNS. */
export function parseOutboundUrl(raw: string, allow: UrlAllowance): URL {
  if (typeof raw !== 'string' || raw.length === 0) throw new UnsafeUrlError('invalid_url', 'url must be an absolute https URL.');
  if (raw.length > MAX_URL_LENGTH) throw new UnsafeUrlError('url_too_long', `url must be at most ${MAX_URL_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError('invalid_url', 'url is not a valid absolute URL.');
  }
  if (url.protocol !== 'https:' && !(allow !== 'public' && url.protocol === 'http:')) {
    throw new UnsafeUrlError('https_required', url.protocol === 'http:' ? 'url must use https.' : `url must use https (got ${url.protocol.slice(0, 20)}).`);
  }
  if (url.username || url.password) throw new UnsafeUrlError('credentials_in_url', 'url must not contain credentials (user:password@).');
  if (url.hash) throw new UnsafeUrlError('fragment_in_url', 'url must not contain a #fragment.');
  const host = urlHostname(url);
  if (!host) throw new UnsafeUrlError('invalid_url', 'url has no host.');
  assertHostName(host);
  if (isIP(host)) assertAllowed(host, host, allow);
  return url;
}

function assertHostName(host: string): void {
  if (METADATA_HOSTS.has(normalizedHost(host))) {
    throw new UnsafeUrlError('private_address', `Refusing a non-public address: ${host} is a cloud metadata service.`, host);
  }
}

function assertAllowed(host: string, address: string, allow: UrlAllowance): void {
  const reason = refusedAddressReason(address, allow);
  if (reason) {
    const via = host === address ? address : `${host} resolves to ${address}`;
    throw new UnsafeUrlError('private_address', `Refusing a non-public address: ${via} is ${reason}.`, address);
  }
}

/** Resolves a host and checks every address against the policy. */
export async function resolveChecked(host: string, policy: UrlPolicy): Promise<LookupAddress[]> {
  assertHostName(host);
  if (isIP(host)) {
    assertAllowed(host, host, policy.allow);
    return [{ address: host, family: isIP(host) }];
  }
  let addresses: LookupAddress[];
  try {
    addresses = await policy.resolve(host);
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).message;
    throw new UnsafeUrlError('unresolvable_host', `Could not resolve ${host} (${code}).`);
  }
  if (addresses.length === 0) throw new UnsafeUrlError('unresolvable_host', `${host} has no addresses.`);
  for (const a of addresses) assertAllowed(host, a.address, policy.allow);
  return addresses;
}

/** Creation-time check: a well-formed URL whose host resolves only to allowed addresses. */
export async function assertOutboundUrl(raw: string, policy: UrlPolicy): Promise<URL> {
  const url = parseOutboundUrl(raw, policy.allow);
  await resolveChecked(urlHostname(url), policy);
  return url;
}

/**
 * A `lookup` for node:net/http that resolves with the policy's resolver and refuses disallowed
 * addresses, so the socket connects only to an address that passed the check.
 */
export function guardedLookup(policy: UrlPolicy): LookupFunction {
  return (hostname: string, options: LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    resolveChecked(hostname, policy).then(
      (all) => {
        const wanted = options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
        if (wanted.length === 0) return callback(Object.assign(new Error(`${hostname} has no IPv${options.family} address`), { code: 'ENOTFOUND' }), '', 0);
        if (options.all) return callback(null, wanted);
        callback(null, wanted[0].address, wanted[0].family);
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, '', 0),
    );
  };
}
