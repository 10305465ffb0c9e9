/**
 * @module The start-up pass of a master-key rotation: every sealed column of a table is rewritten
 * under the current key (secret-box.ts). Rows already sealed under it are left alone, so the pass
 * is idempotent and cheap once done. Each row is updated only if its value is still the one read
 * (another instance resealing at the same time, or a secret replaced meanwhile, wins).
 */
import { sql } from 'kysely';
import type { AnyDb } from '../db/database';
import type { WorkerLogger } from '../outbox/worker';
import { type SecretBox, SecretUnavailableError } from './secret-box';

export interface SealedColumns {
  table: string;
  /** The key column, also the associated data the values were sealed with. */
  id: string;
  /** Nullable columns are skipped where null. */
  columns: readonly string[];
}

export interface ResealOutcome {
  /** Values rewritten under the current key. */
  resealed: number;
  /** Values that no configured key opens (left as they are; their deliveries fail and say why). */
  unreadable: { id: string; column: string; reason: string }[];
}

const BATCH = 200;

export async function resealColumns(db: AnyDb, box: SecretBox, target: SealedColumns): Promise<ResealOutcome> {
  const outcome: ResealOutcome = { resealed: 0, unreadable: [] };
  if (!box.encrypts) return outcome; // no current key: nothing is sealed anew (plain stays plain)
  const columns = sql.join(target.columns.map((c) => sql.ref(c)));
  // Without previous keys only values stored as is can need sealing: every other start reads no secret.
  const candidates = box.rotating ? sql`true` : sql`(${sql.join(target.columns.map((c) => sql`${sql.ref(c)} like 'plain:%'`), sql` or `)})`;
  let after: string | null = null;
  for (;;) {
    const page: { rows: Record<string, string | null>[] } = await sql<Record<string, string | null>>`select ${sql.ref(target.id)} as id, ${columns} from ${sql.table(target.table)}
      where ${candidates} ${after === null ? sql`` : sql`and ${sql.ref(target.id)} > ${after}`} order by ${sql.ref(target.id)} limit ${BATCH}`.execute(db);
    for (const row of page.rows) {
      const id = String(row.id);
      for (const column of target.columns) {
        const stored = row[column];
        if (stored == null) continue;
        let fresh: string | null;
        try {
          fresh = box.reseal(stored, id);
        } catch (err) {
          if (!(err instanceof SecretUnavailableError)) throw err;
          outcome.unreadable.push({ id, column, reason: err.message });
          continue;
        }
        if (fresh === null) continue;
        const updated = await sql`update ${sql.table(target.table)} set ${sql.ref(column)} = ${fresh}
          where ${sql.ref(target.id)} = ${id} and ${sql.ref(column)} = ${stored}`.execute(db);
        outcome.resealed += Number(updated.numAffectedRows ?? 0);
      }
    }
    if (page.rows.length < BATCH) return outcome;
    after = String(page.rows[page.rows.length - 1].id);
  }
}

/** `resealColumns`, logged: how many values moved, and each unreadable row (ids only, never values). */
export async function resealAtStart(db: AnyDb, box: SecretBox, target: SealedColumns, logger: WorkerLogger): Promise<ResealOutcome> {
  const outcome = await resealColumns(db, box, target);
  if (outcome.resealed > 0) logger.info({ table: target.table, resealed: outcome.resealed }, 'stored secrets resealed under the current master key');
  for (const u of outcome.unreadable) {
    logger.warn({ table: target.table, id: u.id, column: u.column }, `${u.reason}: add the key that sealed it to the _PREVIOUS list, or replace the secret`);
  }
  return outcome;
}
