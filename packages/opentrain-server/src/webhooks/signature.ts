/**
 * @module The OpenTrain webhook signature: `X-OpenTrain-Signature: t=<unix seconds>,v1=<hex>` where
 * hex = HMAC-SHA256 keyed with the whole `whsec_…` secret (its UTF-8 bytes) over `"<t>.<raw body>"`.
 * Receivers verify over the raw bytes, reject timestamps more than the tolerance (300 s) away from
 * their clock, and compare in constant time. Several `v1=` entries may appear (any one may match).
 * The scheme is the kit's timestamped HMAC (kit webhooks/signing.ts); these are its OpenTrain names.
 */
import {
  computeTimestampedSignature,
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  type ParsedTimestampedSignature,
  parseTimestampedSignature,
  type SignatureCheckOptions,
  timestampedSignatureHeader,
  verifyTimestampedSignature,
} from '@platform/kit';

export const SIGNATURE_HEADER = 'X-OpenTrain-Signature';
export const DEFAULT_TOLERANCE_SECONDS = DEFAULT_SIGNATURE_TOLERANCE_SECONDS;

export const computeSignature = computeTimestampedSignature;
/** The header value for a delivery signed at `timestamp` (unix seconds). */
export const signatureHeader = timestampedSignatureHeader;
export type ParsedSignature = ParsedTimestampedSignature;
/** Parses `t=…,v1=…[,v1=…]`; null when malformed (no integer t or no v1). Unknown schemes are ignored. */
export const parseSignatureHeader = parseTimestampedSignature;
export type VerifyOptions = SignatureCheckOptions;

/**
 * True when `header` carries a v1 signature of `rawBody` by `secret` made within the tolerance.
 * Pass the body exactly as received (string or bytes), never re-serialised JSON.
 */
export const verifyOpenTrainSignature = verifyTimestampedSignature;
