/**
 * @module Secrets: `prefix_` + 32 base62 random chars + a 6-char base62 CRC32 checksum. A mistyped
 * or truncated token fails the checksum and is rejected before any database lookup. Only the
 * SHA-256 hash is stored; comparisons are constant-time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const RANDOM_LENGTH = 32;
export const CHECKSUM_LENGTH = 6;

export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    // Rejection sampling keeps the distribution uniform (248 = 4 * 62).
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

function toBase62(n: number, width: number): string {
  let out = '';
  let v = n;
  while (v > 0) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

function checksum(body: string): string {
  return toBase62(crc32(body), CHECKSUM_LENGTH);
}

/** A new secret with the given prefix (which ends in `_`, e.g. `ot_pat_`, `tak_`). */
export function generateToken(prefix: string): string {
  if (!prefix.endsWith('_')) throw new Error(`Token prefix must end with "_": ${prefix}`);
  const body = `${prefix}${randomBase62(RANDOM_LENGTH)}`;
  return `${body}${checksum(body)}`;
}

/** True when the token has one of the prefixes, the right length and alphabet, and a valid checksum. */
export function isWellFormedToken(token: string, prefixes: readonly string[]): boolean {
  const prefix = prefixes.find((p) => token.startsWith(p));
  if (!prefix) return false;
  const rest = token.slice(prefix.length);
  if (rest.length !== RANDOM_LENGTH + CHECKSUM_LENGTH || !/^[0-9A-Za-z]+$/.test(rest)) return false;
  const body = token.slice(0, token.length - CHECKSUM_LENGTH);
  return safeEqual(checksum(body), token.slice(-CHECKSUM_LENGTH));
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time string comparison (length is not secret). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** A display form that identifies a token without revealing it, e.g. `ot_pat_8f2a********91cd`. */
export function maskToken(token: string, prefix: string, { head = 4, tail = 4, mask = '********' } = {}): string {
  const rest = token.slice(prefix.length);
  return `${prefix}${rest.slice(0, head)}${mask}${rest.slice(-tail)}`;
}

/** Time-ordered, URL-safe ids: `<prefix>_` + 8 chars of milliseconds + 14 random chars. */
export function newId(prefix: string, now: Date = new Date()): string {
  return `${prefix}_${toBase62(now.getTime(), 8)}${randomBase62(14)}`;
}
