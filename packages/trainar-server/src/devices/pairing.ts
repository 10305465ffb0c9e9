/**
 * @module Pairing codes: 8 characters from an alphabet without look-alikes (32^8 ≈ 10^12 codes),
 * shown as XXXX-XXXX, stored only as a SHA-256 hash, valid 10 minutes, single use. Issuing a code
 * for a seat invalidates the seat's earlier codes. Redeeming is throttled per client address.
 */
import { randomInt } from 'node:crypto';
import { hashToken } from '@platform/kit';

export const PAIRING_CODE_TTL_MS = 10 * 60_000;
/** Redeem attempts per client address per minute (a wrong guess and a right one count alike). */
export const PAIRING_ATTEMPTS_PER_MINUTE = 10;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newPairingCode(): string {
  let raw = '';
  for (let i = 0; i < 8; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

/** Case, spaces and the dash do not matter when typing a code on the glasses. */
export function normalizePairingCode(code: string): string {
  const raw = code.replace(/[\s-]/g, '').toUpperCase();
  return raw.length === 8 ? `${raw.slice(0, 4)}-${raw.slice(4)}` : raw;
}

export const hashPairingCode = (code: string) => hashToken(normalizePairingCode(code));

export function qrPayload(publicUrl: string, code: string): string {
  return `trainar://pair?server=${encodeURIComponent(publicUrl)}&code=${encodeURIComponent(code)}`;
}
