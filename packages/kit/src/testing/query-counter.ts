/**
 * @module Counts the SQL statements a database runs, for tests that pin how many queries a request
 * costs. It wraps the real driver's query method (PGlite instance, or node-postgres clients), so the
 * queries still run against the real database.
 */
import pg from 'pg';
import type { Database } from '../db/database';

export interface QueryCounter {
  /** The statements run since the last reset, in order. */
  readonly statements: string[];
  reset(): void;
  restore(): void;
}

type QueryFn = (text: unknown, ...rest: unknown[]) => unknown;

export function countQueries(database: Database): QueryCounter {
  const statements: string[] = [];
  const record = (text: unknown) => {
    statements.push(typeof text === 'string' ? text : String((text as { text?: string })?.text ?? text));
  };
  // PGlite is one instance per database; node-postgres clients share one prototype (counted per process).
  const target = (database.pglite ?? pg.Client.prototype) as unknown as { query: QueryFn };
  const original = target.query;
  target.query = function (this: unknown, text: unknown, ...rest: unknown[]) {
    record(text);
    return original.call(this, text, ...rest);
  };
  return {
    statements,
    reset: () => {
      statements.length = 0;
    },
    restore: () => {
      target.query = original;
    },
  };
}
