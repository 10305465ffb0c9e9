/**
 * @module Webhook signatures, both HMAC-SHA256 over the raw body bytes and checked in constant time:
 * - the timestamped scheme (`t=<unix seconds>,v1=<hex>`, hex = HMAC keyed with the secret's UTF-8
 *   bytes over `"<t>.<raw body>"`; several `v1=` entries may appear), which OpenTrain publishes as
 *   `X-OpenTrain-Signature`;
 * - Standard Webhooks (standardwebhooks.com): `webhook-id`, `webhook-timestamp` and
 *   `webhook-signature: v1,<base64>` where base64 = HMAC keyed with the base64-decoded part of a
 *   `whsec_<base64>` secret over `"<id>.<timestamp>.<raw body>"`; TrainAR uses it, and receivers
 *   can verify with any Standard Webhooks library.
 * Receivers reject timestamps more than the tolerance (300 s) away from their clock.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

const unixSeconds = (now: Date | number | undefined) => Math.floor((now === undefined ? Date.now() : new Date(now).getTime()) / 1000);

/** hex HMAC-SHA256 keyed with `secret` (UTF-8) over `"<timestamp>.<raw body>"`. */
export function computeTimestampedSignature(secret: string, timestamp: number, rawBody: string | Uint8Array): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(rawBody);
  return hmac.digest('hex');
}

/** `t=<timestamp>,v1=<hex>` for a delivery signed at `timestamp` (unix seconds). */
export function timestampedSignatureHeader(secret: string, timestamp: number, rawBody: string | Uint8Array): string {
  return `t=${timestamp},v1=${computeTimestampedSignature(secret, timestamp, rawBody)}`;
}

export interface ParsedTimestampedSignature {
  timestamp: number;
  signatures: string[];
}

/** Parses `t=…,v1=…[,v1=…]`; null when malformed (no integer t or no v1). Unknown schemes are ignored. */
export function parseTimestampedSignature(header: string | null | undefined): ParsedTimestampedSignature | null {
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

export interface SignatureCheckOptions {
  /** Largest accepted |now − timestamp|, default 300 s. */
  toleranceSeconds?: number;
  /** The receiver's current time (default Date.now()). */
  now?: Date | number;
}

/** Constant-time: every candidate is compared, with no early exit. */
function anyEqual(expected: Buffer, candidates: Buffer[]): boolean {
  let match = false;
  for (const candidate of candidates) if (candidate.length === expected.length && timingSafeEqual(expected, candidate)) match = true;
  return match;
}

/** True when `header` carries a v1 timestamped signature of `rawBody` by `secret` within the tolerance. */
export function verifyTimestampedSignature(rawBody: string | Uint8Array, header: string | null | undefined, secret: string, options: SignatureCheckOptions = {}): boolean {
  const parsed = parseTimestampedSignature(header);
  if (!parsed || !secret) return false;
  if (Math.abs(unixSeconds(options.now) - parsed.timestamp) > (options.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(computeTimestampedSignature(secret, parsed.timestamp, rawBody), 'hex');
  return anyEqual(
    expected,
    parsed.signatures.map((s) => Buffer.from(s, 'hex')),
  );
}

// --- Standard Webhooks -------------------------------------------------------------------------

export const STANDARD_WEBHOOK_HEADERS = { id: 'webhook-id', timestamp: 'webhook-timestamp', signature: 'webhook-signature' } as const;
export const STANDARD_WEBHOOK_SECRET_PREFIX = 'whsec_';

/** A Standard Webhooks signing secret: `whsec_` + base64 of 32 random bytes. */
export function generateStandardWebhookSecret(): string {
  return `${STANDARD_WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

function standardKey(secret: string): Buffer {
  const encoded = secret.startsWith(STANDARD_WEBHOOK_SECRET_PREFIX) ? secret.slice(STANDARD_WEBHOOK_SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length < 16) throw new RangeError('A Standard Webhooks secret must be whsec_ + base64 of at least 16 bytes');
  return key;
}

/** `v1,<base64 HMAC-SHA256 over "<id>.<timestamp>.<raw body>">`. */
export function standardWebhookSignature(secret: string, id: string, timestamp: number, rawBody: string | Uint8Array): string {
  const hmac = createHmac('sha256', standardKey(secret));
  hmac.update(`${id}.${timestamp}.`);
  hmac.update(rawBody);
  return `v1,${hmac.digest('base64')}`;
}

/** The three Standard Webhooks headers for one attempt (`id` stays the same on every retry). */
export function standardWebhookHeaders(secret: string, id: string, timestamp: number, rawBody: string | Uint8Array): Record<string, string> {
  return {
    [STANDARD_WEBHOOK_HEADERS.id]: id,
    [STANDARD_WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [STANDARD_WEBHOOK_HEADERS.signature]: standardWebhookSignature(secret, id, timestamp, rawBody),
  };
}

/** Receiver side: true when any `v1,` signature in the (space-separated) header matches within the tolerance. */
export function verifyStandardWebhook(rawBody: string | Uint8Array, headers: Record<string, string | undefined>, secret: string, options: SignatureCheckOptions = {}): boolean {
  const id = headers[STANDARD_WEBHOOK_HEADERS.id];
  const timestamp = headers[STANDARD_WEBHOOK_HEADERS.timestamp];
  const signature = headers[STANDARD_WEBHOOK_HEADERS.signature];
  if (!id || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(unixSeconds(options.now) - Number(timestamp)) > (options.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(standardWebhookSignature(secret, id, Number(timestamp), rawBody).slice(3), 'base64');
  const candidates = signature
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => Buffer.from(s.slice(3), 'base64'));
  return anyEqual(expected, candidates);
}
