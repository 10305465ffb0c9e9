/**
 * @module The caller's address for per-IP limits. Behind a reverse proxy every connection comes from
 * the proxy, so per-IP buckets (registration, sign-in, brute-force throttles) would lump all callers
 * together. Only when the direct peer is a listed trusted proxy (`TRUSTED_PROXIES`) is
 * `X-Forwarded-For` read, from the right: the first address that is not a trusted proxy is the caller
 * (what a client writes on the left is never believed). Without the setting the header is ignored.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { loadConfig } from '../config/env';
import { parseIPv4, parseIPv6 } from './url-safety';

/** `::ffff:127.0.0.1` → `127.0.0.1`; IPv6 lower-cased; anything else as given. */
function normalizeAddress(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(trimmed);
  return mapped ? mapped[1] : trimmed;
}

const isIpAddress = (text: string) => parseIPv4(text) !== null || parseIPv6(text) !== null;

/** `TRUSTED_PROXIES`: comma-separated IP addresses of the reverse proxies in front of the app. */
export function trustedProxiesFromEnv(env: Record<string, string | undefined> = process.env): string[] {
  const config = loadConfig(
    z.object({
      TRUSTED_PROXIES: z
        .string()
        .optional()
        .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean))
        .refine((list) => list.every(isIpAddress), 'expected comma-separated IP addresses (e.g. 127.0.0.1,10.0.0.5)'),
    }),
    env,
  );
  return config.TRUSTED_PROXIES.map(normalizeAddress);
}

function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/** Sets the `clientIp` variable every per-IP limit reads (see `clientIp` in rest.ts). */
export function resolveClientAddress(trustedProxies: readonly string[]): MiddlewareHandler {
  const trusted = new Set(trustedProxies.map(normalizeAddress));
  return async function clientAddress(c, next) {
    const peer = peerAddress(c);
    let address = peer;
    if (peer && trusted.has(normalizeAddress(peer))) {
      const hops = (c.req.header('X-Forwarded-For') ?? '').split(',').map(normalizeAddress).filter(isIpAddress);
      address = hops.reverse().find((hop) => !trusted.has(hop)) ?? hops.at(-1) ?? peer;
    }
    if (address) c.set('clientIp', address);
    await next();
  };
}
