/**
 * @module SSRF guard for webhook URLs. A URL must be https (http only with ALLOW_PRIVATE_WEBHOOK_URLS),
 * carry no credentials, and every address its host resolves to must be a public unicast address:
 * private, loopback, link-local, CGNAT, "this network", multicast, reserved and the IPv6 forms that
 * embed such an IPv4 address (mapped, NAT64, 6to4) are refused. The check runs at creation and again
 * at delivery inside the socket's DNS lookup, so the connection goes to the address that was checked
 * (a DNS answer that changes between check and connect — rebinding — cannot swap it).
 */
import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

export const MAX_URL_LENGTH = 2048;

export type UrlProblem = 'invalid_url' | 'url_too_long' | 'https_required' | 'credentials_in_url' | 'fragment_in_url' | 'private_address' | 'unresolvable_host';

export class UnsafeWebhookUrlError extends Error {
  override name = 'UnsafeWebhookUrlError';
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

export interface UrlPolicy {
  /** ALLOW_PRIVATE_WEBHOOK_URLS: http and private/loopback addresses allowed (self-hosting, tests). */
  allowPrivate: boolean;
  resolve: Resolver;
}

type Range<T> = readonly [base: T, prefix: number, label: string];

const V4_RANGES: Range<string>[] = [
  ['0.0.0.0', 8, '"this network" (0.0.0.0/8)'],
  ['10.0.0.0', 8, 'private (10.0.0.0/8)'],
  ['100.64.0.0', 10, 'carrier-grade NAT (100.64.0.0/10)'],
  ['127.0.0.0', 8, 'loopback (127.0.0.0/8)'],
  ['169.254.0.0', 16, 'link-local (169.254.0.0/16)'],
  ['172.16.0.0', 12, 'private (172.16.0.0/12)'],
  ['192.0.0.0', 24, 'IETF protocol assignments (192.0.0.0/24)'],
  ['192.168.0.0', 16, 'private (192.168.0.0/16)'],
  ['198.18.0.0', 15, 'benchmarking (198.18.0.0/15)'],
  ['224.0.0.0', 4, 'multicast (224.0.0.0/4)'],
  ['240.0.0.0', 4, 'reserved (240.0.0.0/4)'],
];

const V6_RANGES: Range<string>[] = [
  ['::', 128, 'unspecified (::)'],
  ['::1', 128, 'loopback (::1)'],
  ['::', 96, 'IPv4-compatible (::/96, deprecated)'],
  ['64:ff9b:1::', 48, 'local-use NAT64 (64:ff9b:1::/48)'],
  ['100::', 64, 'discard-only (100::/64)'],
  ['2001::', 32, 'Teredo (2001::/32)'],
  ['fc00::', 7, 'unique local / private (fc00::/7)'],
  ['fe80::', 10, 'link-local (fe80::/10)'],
  ['fec0::', 10, 'site-local (fec0::/10, deprecated)'],
  ['ff00::', 8, 'multicast (ff00::/8)'],
];

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

const v4InRange = (ip: number, [base, prefix]: Range<string>) => prefix === 0 || ip >>> (32 - prefix) === (parseIPv4(base) as number) >>> (32 - prefix);
const v6InRange = (ip: bigint, base: string, prefix: number) => ip >> BigInt(128 - prefix) === (parseIPv6(base) as bigint) >> BigInt(128 - prefix);

function formatV4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

/**
 * Why an address may not receive webhooks (e.g. `loopback (127.0.0.0/8)`), or null for a public
 * unicast address. Accepts IPv4 and IPv6 text (brackets and zone ids are ignored).
 */
export function blockedAddressReason(address: string): string | null {
  const v4 = parseIPv4(address);
  if (v4 !== null) return V4_RANGES.find((r) => v4InRange(v4, r))?.[2] ?? null;
  const v6 = parseIPv6(address);
  if (v6 === null) return 'not an IP address';
  for (const [base, prefix, shift, kind] of V6_EMBEDDING) {
    if (v6InRange(v6, base, prefix)) {
      const embedded = formatV4(Number((v6 >> shift) & 0xffffffffn));
      const reason = blockedAddressReason(embedded);
      return reason ? `${kind} ${embedded}: ${reason}` : null;
    }
  }
  return V6_RANGES.find(([base, prefix]) => v6InRange(v6, base, prefix))?.[2] ?? null;
}

/** The URL's host without IPv6 brackets. */
export function urlHostname(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/** Syntax, scheme and credential checks, plus the address check when the host is an IP literal. No DNS. */
export function parseWebhookUrl(raw: string, allowPrivate: boolean): URL {
  if (typeof raw !== 'string' || raw.length === 0) throw new UnsafeWebhookUrlError('invalid_url', 'url must be an absolute https URL.');
  if (raw.length > MAX_URL_LENGTH) throw new UnsafeWebhookUrlError('url_too_long', `url must be at most ${MAX_URL_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeWebhookUrlError('invalid_url', 'url is not a valid absolute URL.');
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) {
    throw new UnsafeWebhookUrlError('https_required', url.protocol === 'http:' ? 'url must use https.' : `url must use https (got ${url.protocol.slice(0, 20)}).`);
  }
  if (url.username || url.password) throw new UnsafeWebhookUrlError('credentials_in_url', 'url must not contain credentials (user:password@).');
  if (url.hash) throw new UnsafeWebhookUrlError('fragment_in_url', 'url must not contain a #fragment.');
  const host = urlHostname(url);
  if (!host) throw new UnsafeWebhookUrlError('invalid_url', 'url has no host.');
  if (!allowPrivate && isIP(host)) assertPublic(host, host);
  return url;
}

function assertPublic(host: string, address: string): void {
  const reason = blockedAddressReason(address);
  if (reason) {
    const via = host === address ? address : `${host} resolves to ${address}`;
    throw new UnsafeWebhookUrlError('private_address', `Refusing a non-public address: ${via} is ${reason}.`, address);
  }
}

/** Resolves a host and checks every address (unless private addresses are allowed). */
export async function resolveChecked(host: string, policy: UrlPolicy): Promise<LookupAddress[]> {
  if (isIP(host)) {
    if (!policy.allowPrivate) assertPublic(host, host);
    return [{ address: host, family: isIP(host) }];
  }
  let addresses: LookupAddress[];
  try {
    addresses = await policy.resolve(host);
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).message;
    throw new UnsafeWebhookUrlError('unresolvable_host', `Could not resolve ${host} (${code}).`);
  }
  if (addresses.length === 0) throw new UnsafeWebhookUrlError('unresolvable_host', `${host} has no addresses.`);
  if (!policy.allowPrivate) for (const a of addresses) assertPublic(host, a.address);
  return addresses;
}

/** Creation-time check: a well-formed URL whose host resolves only to allowed addresses. */
export async function assertWebhookUrl(raw: string, policy: UrlPolicy): Promise<URL> {
  const url = parseWebhookUrl(raw, policy.allowPrivate);
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
