/**
 * @module Top-up amounts: the public field is `amountUsd` (dollars, at most two decimals, as a
 * number or a numeric string); everything inside is integer cents. No float arithmetic: the
 * value's decimal text is parsed, so 10.1 is 1010 cents exactly and 10.005 is refused, not rounded.
 */
import { badRequest } from '@platform/kit';

export const MIN_TOP_UP_CENTS = 1_000;
export const MAX_TOP_UP_CENTS = 1_000_000;

const rangeMessage = 'amountUsd must be between 10 and 10000 US dollars, with at most two decimals.';

/** `amountUsd` (number or string) → cents, or 400 `details.field = "amountUsd"`. */
export function parseAmountUsd(value: unknown, field = 'amountUsd'): number {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw badRequest(rangeMessage, { field, minUsd: 10, maxUsd: 10_000 });
  const centsValue = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return assertTopUpCents(centsValue, field);
}

/** 1000–1000000 cents ($10–$10,000), else 400 naming `amountUsd`. */
export function assertTopUpCents(amountCents: number, field = 'amountUsd'): number {
  if (!Number.isInteger(amountCents) || amountCents < MIN_TOP_UP_CENTS || amountCents > MAX_TOP_UP_CENTS) {
    throw badRequest(rangeMessage, { field, minUsd: 10, maxUsd: 10_000 });
  }
  return amountCents;
}

/** 123456 → "$1,234.56". */
export function formatUsd(amountCents: number): string {
  const sign = amountCents < 0 ? '-' : '';
  const abs = Math.abs(amountCents);
  return `${sign}$${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}
