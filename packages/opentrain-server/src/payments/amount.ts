/**
 * @module Top-up amounts: the public field is `amountUsd` (dollars, at most two decimals, as a
 * number or a numeric string); everything inside is integer cents. No float arithmetic: the
 * value's decimal text is parsed, so 10.1 is 1010 cents exactly and 10.005 is refused, not rounded.
 */
import { TOP_UP_USD, usdCents, usdRuleText } from '@opentrain/api';
import { badRequest } from '@platform/kit';

export const MIN_TOP_UP_CENTS = TOP_UP_USD.min * 100;
export const MAX_TOP_UP_CENTS = TOP_UP_USD.max * 100;

const rangeMessage = `amountUsd must be ${usdRuleText(TOP_UP_USD)}.`;

/** `amountUsd` (number or string) → cents by the contract's rule (`topUpAmount`), or 400 `details.field = "amountUsd"`. */
export function parseAmountUsd(value: unknown, field = 'amountUsd'): number {
  const centsValue = usdCents(value);
  if (centsValue === null) throw badRequest(rangeMessage, { field, minUsd: TOP_UP_USD.min, maxUsd: TOP_UP_USD.max });
  return assertTopUpCents(centsValue, field);
}

/** 1000–1000000 cents ($10–$10,000), else 400 naming `amountUsd`. */
export function assertTopUpCents(amountCents: number, field = 'amountUsd'): number {
  if (!Number.isInteger(amountCents) || amountCents < MIN_TOP_UP_CENTS || amountCents > MAX_TOP_UP_CENTS) {
    throw badRequest(rangeMessage, { field, minUsd: TOP_UP_USD.min, maxUsd: TOP_UP_USD.max });
  }
  return amountCents;
}

/** 123456 → "$1,234.56". */
export function formatUsd(amountCents: number): string {
  const sign = amountCents < 0 ? '-' : '';
  const abs = Math.abs(amountCents);
  return `${sign}$${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}
