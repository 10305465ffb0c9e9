/** @module The marketplace change log (`ot_job_changes`): written in the transaction that changes a job. */
import type { JobChangeType } from './schema';
import type { JobsTrx } from './db';

export async function recordChange(trx: JobsTrx, job: { id: string; organization_id: string }, eventType: JobChangeType, at: Date): Promise<string> {
  const row = await trx
    .insertInto('ot_job_changes')
    .values({
      job_id: job.id,
      organization_id: job.organization_id,
      event_type: eventType,
      occurred_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}
