/**
 * @module The OpenTrain webhook signature: `X-OpenTrain-Signature: t=<unix seconds>,v1=<hex>` where
 * hex = HMAC-SHA256 keyed with the whole `whsec_…` secret (its UTF-8 bytes) over `"<t>.<raw body>"`.
 * Receivers verify over the raw bytes, reject timestamps more than the tolerance (300 s) away from
 * their clock, and compare in constant time. Several `v1=` entries may appear (any one may match).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-OpenTrain-Signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function computeSignature(secret: string, timestamp: number, rawBody: string | Uint8Array): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(rawBody);
  return hmac.digest('hex');
}

/** The header value for a delivery signed at `timestamp` (unix seconds). */
export function signatureHeader(secret: string, timestamp: number, rawBody: string | Uint8Array): string {
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, rawBody)}`;
}

export interface ParsedSignature {
  timestamp: number;
  signatures: string[];
}

/** Parses `t=…,v1=…[,v1=…]`; null when malformed (no integer t or no v1). Unknown schemes are ignored. */
export function parseSignatureHeader(header: string | null | undefined): ParsedSignature | null {
  if (typeof header !== 'string' || header.length > 4096) return null;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

export interface VerifyOptions {
  /** Largest accepted |now − t|, default 300 s. */
  toleranceSeconds?: number;
  /** The receiver's current time (default Date.now()). */
  now?: Date | number;
}

/**
 * True when `header` carries a v1 signature of `rawBody` by `secret` made within the tolerance.
 * Pass the body exactly as received (string or bytes), never re-serialised JSON.
 */
export function verifyOpenTrainSignature(rawBody: string | Uint8Array, header: string | null | undefined, secret: string, options: VerifyOptions = {}): boolean {
  const parsed = parseSignatureHeader(header);
  if (!parsed || !secret) return false;
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowMs = options.now === undefined ? Date.now() : new Date(options.now).getTime();
  if (Math.abs(Math.floor(nowMs / 1000) - parsed.timestamp) > tolerance) return false;
  const expected = Buffer.from(computeSignature(secret, parsed.timestamp, rawBody), 'hex');
  let match = false;
  for (const candidate of parsed.signatures) {
    // Every candidate is compared (no early exit), each in constant time.
    if (timingSafeEqual(expected, Buffer.from(candidate, 'hex'))) match = true;
  }
  return match;
}
