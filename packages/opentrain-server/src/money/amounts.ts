/**
 * @module Money arithmetic in integer cents (never floats): parsing USD input, the 10% marketplace
 * fee (rounded half up to the cent), the $9.95 contract initiation fee charged on hire, rates in
 * ten-thousandths of a dollar (per-label rates go below a cent) and rate x volume.
 */
import { isUsdInRange, MAX_MILESTONE_USD, usdCents, usdRuleText } from '@opentrain/api';
import { badRequest } from '@platform/kit';

export const CONTRACT_INITIATION_FEE_CENTS = 995;
export const MARKETPLACE_FEE_PERCENT = 10;
export const MAX_MILESTONE_CENTS = MAX_MILESTONE_USD * 100;
const MILESTONE_RANGE = { min: 0, max: MAX_MILESTONE_USD };
/** An hourly or per-label rate may not exceed what one milestone may hold ($100,000) [I]. */
export const MAX_RATE_E4 = MAX_MILESTONE_CENTS * 100;

/** round(10% of `amountCents`), half up: 10% of 1005 cents is 100.5 → 101. */
export function marketplaceFeeCents(amountCents: number): number {
  return Math.floor((amountCents * MARKETPLACE_FEE_PERCENT + 50) / 100);
}

export interface Charge {
  milestoneCents: number;
  marketplaceFeeCents: number;
  initiationFeeCents: number;
  totalCents: number;
}

/** What funding a milestone costs: the amount, its fee, and (on hire only) the initiation fee. */
export function chargeFor(amountCents: number, options: { hire: boolean }): Charge {
  const fee = marketplaceFeeCents(amountCents);
  const initiation = options.hire ? CONTRACT_INITIATION_FEE_CENTS : 0;
  return {
    milestoneCents: amountCents,
    marketplaceFeeCents: fee,
    initiationFeeCents: initiation,
    totalCents: amountCents + fee + initiation,
  };
}

/** Parses a decimal text into an integer of `scale` decimals, or null (no float arithmetic). */
function scaled(value: unknown, scale: number): number | null {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
  const match = new RegExp(`^(\\d{1,9})(?:\\.(\\d{1,${scale}}))?$`).exec(text);
  if (!match) return null;
  return Number(match[1]) * 10 ** scale + Number((match[2] ?? '').padEnd(scale, '0'));
}

/**
 * A milestone amount → cents by the contract's rule (`milestoneAmount` in @opentrain/api), which API
 * input has already passed; human forms (the approval page) are checked here, 400 naming `field`.
 */
export function parseUsdCents(value: unknown, field: string): number {
  const cents = usdCents(value);
  if (cents === null || !isUsdInRange(value, MILESTONE_RANGE)) throw badRequest(`${field} must be ${usdRuleText(MILESTONE_RANGE)}.`, { field });
  return cents;
}

/** A rate in USD (up to four decimals) → ten-thousandths of a dollar, or null when not a positive rate. */
export function rateE4(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const v = scaled(value, 4);
  return v && v > 0 ? v : null;
}

/**
 * The contract's rate from the job (or the bid when the job names none): ten-thousandths of a dollar,
 * null for fixed-price. A rate above the cap is a 400 naming the job field, before any money moves.
 */
export function contractRateE4(paymentType: string, fields: Record<string, unknown> | undefined, bidAmountUsd: unknown): number | null {
  const field = paymentType === 'PAY_PER_HOUR' ? 'pricePerHour' : paymentType === 'PAY_PER_LABEL' ? 'pricePerLabel' : null;
  if (!field) return null;
  const rate = rateE4(fields?.[field] ?? bidAmountUsd);
  assertRateWithinCap(rate, field);
  return rate;
}

/** Throws a 400 naming `field` when a rate is above the cap (jobs with such a rate cannot be hired). */
export function assertRateWithinCap(rate: number | null, field: string): void {
  if (rate !== null && rate > MAX_RATE_E4) {
    throw badRequest(`${field} is above the maximum rate of $${MAX_RATE_E4 / 10_000} per hour or label; change the job's rate first.`, { field, maxRateUsd: MAX_RATE_E4 / 10_000 });
  }
}

/** rate x volume in cents, refused (400 naming `field`) above the $100,000 milestone cap. */
export function cappedAmountForVolumeCents(rate: number, volume: number, field = 'volume'): number {
  const cents = amountForVolumeCents(rate, volume);
  if (cents > MAX_MILESTONE_CENTS) {
    const maxVolume = Math.floor((MAX_MILESTONE_CENTS * 10_000) / rate) / 100;
    throw badRequest(`${field} x rate is ${formatCents(cents)}, above the $100,000 cap per milestone (at most ${maxVolume} at this rate).`, {
      field,
      maxAmountUsd: MAX_MILESTONE_CENTS / 100,
      maxVolume,
    });
  }
  return cents;
}

const formatCents = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Volumes are positive with at most two decimals (hours, labels). */
export function parseVolume(value: unknown, field = 'volume'): number {
  const v = scaled(value, 2);
  if (v === null || v <= 0) throw badRequest(`${field} must be a positive number with at most two decimals.`, { field });
  return v / 100;
}

/** rate x volume in cents, rounded half up (integer arithmetic on rate·1e4 and volume·1e2). */
export function amountForVolumeCents(rate: number, volume: number): number {
  const product = rate * Math.round(volume * 100); // units of 1e-6 dollars
  return Math.floor((product + 5_000) / 10_000);
}

export const centsToUsd = (cents: number) => cents / 100;
export const e4ToUsd = (e4: number) => e4 / 10_000;
