/**
 * @module USD amounts as the contract states them, the one home of their rules: a number or a
 * decimal string, at most two decimals, within the operation's range. The JSON Schema (OpenAPI,
 * MCP, CLI help) shows the bounds; the server converts with `usdCents`, never with float arithmetic.
 */
import { z } from '@platform/kit';

/** Digits, then optionally a point and one or two decimals ("12", "12.5", "12.50"). */
export const USD_TEXT_PATTERN = /^\d{1,9}(?:\.\d{1,2})?$/;

/** A milestone holds at most $100,000. */
export const MAX_MILESTONE_USD = 100_000;
/** A credit top-up is $10 to $10,000. */
export const TOP_UP_USD = { min: 10, max: 10_000 } as const;

/** A USD amount (number or decimal string, at most two decimals) → integer cents, or null when it is not one. */
export function usdCents(value: unknown): number | null {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

export interface UsdRange {
  /** Smallest amount allowed; `0` means "more than zero". */
  min: number;
  max: number;
}

/** The sentence every surface shows when an amount breaks the rule. */
export function usdRuleText(range: UsdRange): string {
  const low = range.min === 0 ? 'more than 0' : `at least ${range.min}`;
  return `US dollars, ${low} and at most ${range.max}, with at most two decimals`;
}

/** True when `value` is an amount within `range` (checked in cents, so 10.1 is exactly 1010). */
export function isUsdInRange(value: unknown, range: UsdRange): boolean {
  const cents = usdCents(value);
  return cents !== null && (range.min === 0 ? cents > 0 : cents >= range.min * 100) && cents <= range.max * 100;
}

/** The contract field: its bounds in the JSON Schema, its exact rule checked on the decimal text. */
export function usdAmount(what: string, range: UsdRange) {
  const error = `Must be ${usdRuleText(range)}.`;
  const number = range.min === 0 ? z.number().gt(0, { error }) : z.number().min(range.min, { error });
  return (
    z
      .union([number.max(range.max, { error }).multipleOf(0.01, { error }), z.string().regex(USD_TEXT_PATTERN, { error })], { error })
      // The text's range, and the exact decimal rule; only when the shape passed, so one issue is reported.
      .refine((value) => isUsdInRange(value, range), { error, when: (payload) => payload.issues.length === 0 })
      .describe(`${what} in ${usdRuleText(range)} (number or decimal string)`)
  );
}

export const milestoneAmount = (what: string) => usdAmount(what, { min: 0, max: MAX_MILESTONE_USD });
export const topUpAmount = (what: string) => usdAmount(what, TOP_UP_USD);

/** A due date: YYYY-MM-DD, or an ISO-8601 time whose date part is kept; empty means none. */
export const dueDateInput = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2}(T.+)?)?$/, { error: 'Must be a date (YYYY-MM-DD).' })
    .refine((v) => v === '' || !Number.isNaN(new Date(v.length === 10 ? `${v}T00:00:00Z` : v).getTime()), {
      error: 'Must be a date (YYYY-MM-DD).',
      when: (payload) => payload.issues.length === 0,
    })
    .describe(what);

/** What a milestone covers: required, at most 5000 characters. */
export const milestoneDescription = (what: string) => z.string().trim().min(1, { error: 'Required: say what the milestone covers.' }).max(5000).describe(what);
