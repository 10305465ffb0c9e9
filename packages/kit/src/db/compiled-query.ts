/**
 * @module Hot queries compiled once. Kysely builds and compiles a query's SQL on every call; for a
 * query that runs on every request (the token lookup) that is repeated work. `compileOnce` compiles
 * the query the first time with placeholder arguments, remembers where each argument landed among the
 * parameters, and afterwards only substitutes the new arguments.
 */
import type { Compilable, CompiledQuery } from 'kysely';
import type { AnyDb } from './database';

/** A stand-in argument, recognised by identity in the compiled parameters. */
class Placeholder {
  constructor(readonly index: number) {}
}

/**
 * `build` must use each argument only as a parameter value (not to choose the query's shape).
 * Returns a function running the compiled query with new arguments.
 */
export function compileOnce<Args extends unknown[], Row>(db: AnyDb, arity: Args['length'], build: (...args: Args) => Compilable<Row>) {
  let compiled: CompiledQuery<Row> | undefined;
  let slots: (number | null)[] = [];
  return async (...args: Args): Promise<Row[]> => {
    if (!compiled) {
      const placeholders = Array.from({ length: arity }, (_, i) => new Placeholder(i)) as Args;
      compiled = build(...placeholders).compile();
      slots = compiled.parameters.map((p) => (p instanceof Placeholder ? p.index : null));
    }
    const query = compiled;
    const parameters = query.parameters.map((p, i) => {
      const slot = slots[i];
      return slot === null ? p : args[slot];
    });
    const result = await db.executeQuery<Row>({ ...query, parameters });
    return result.rows;
  };
}
