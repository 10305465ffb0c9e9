/** @module Opaque keyset cursors: base64url of a small JSON tuple; a bad cursor is a 400 naming `cursor`. */
import { badRequest } from '@platform/kit';

export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor with the given part types (`s` string, `n` number). */
export function decodeCursor(cursor: string, shape: readonly ('s' | 'n')[]): (string | number)[] {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts) && parts.length === shape.length && parts.every((p, i) => (shape[i] === 's' ? typeof p === 'string' : typeof p === 'number' && Number.isFinite(p)))) {
      return parts as (string | number)[];
    }
  } catch {
    // fall through to the 400
  }
  throw badRequest('cursor is not a nextCursor value from this endpoint.', {
    field: 'cursor',
  });
}

/** A timestamp taken from a cursor, validated. */
export function cursorDate(value: string | number): Date {
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime()))
    throw badRequest('cursor is not a nextCursor value from this endpoint.', {
      field: 'cursor',
    });
  return date;
}
