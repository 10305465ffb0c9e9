/**
 * @module Small value conversions that hide the differences between node-postgres and PGlite:
 * pg returns int8 as a string and PGlite as a number; both accept JSON text cast to jsonb.
 */
import { type RawBuilder, sql } from 'kysely';

/** int8 / numeric from either driver as a JS number (ids stay far below 2^53). */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  throw new TypeError(`Expected a numeric column value, got ${typeof value}`);
}

export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') return new Date(value);
  throw new TypeError(`Expected a timestamp column value, got ${typeof value}`);
}

export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

/** A timestamp column (Date from pg, string from PGlite, or null) as ISO-8601 text for API bodies. */
export function isoOrNull(value: Date | string | null | undefined): string | null {
  return value == null ? null : new Date(value).toISOString();
}

/**
 * A jsonb parameter. Always sent as JSON text: node-postgres would turn a JS array into a
 * PostgreSQL array literal, not JSON.
 */
// biome-ignore lint/suspicious/noExplicitAny: a jsonb value of any shape.
export function jsonb(value: unknown): RawBuilder<any> {
  const text = JSON.stringify(value === undefined ? {} : value);
  if (text === undefined) throw new TypeError('Payload is not JSON-serialisable');
  return sql`${text}::jsonb`;
}

const MAX_ERROR_LENGTH = 4000;

/** The text recorded for a failure: the message, prefixed by the class name unless it is plain `Error`. */
export function describeError(error: unknown): string {
  let text: string;
  if (error instanceof Error) {
    text = error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
  } else if (typeof error === 'string') {
    text = error;
  } else {
    try {
      text = JSON.stringify(error) ?? String(error);
    } catch {
      text = String(error);
    }
  }
  if (!text) text = 'Error without a message';
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
