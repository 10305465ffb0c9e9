/**
 * @module Reads jobs (the jobs domain's `ot_jobs`) in the shape talent needs: owner, status, title,
 * requirements. Read-only; inside the caller's transaction so an apply sees the job it locks.
 */
import type { TalentExecutor } from './db';
import { type JobRequirements, requirementsFromFields } from './matching';

export interface TalentJob {
  id: string;
  organizationId: string;
  status: string;
  title: string | null;
  description: string | null;
  fields: Record<string, unknown>;
  requirements: JobRequirements;
  publishedAt: Date | null;
}

export async function readJob(exec: TalentExecutor, jobId: string, options: { lock?: boolean } = {}): Promise<TalentJob | undefined> {
  let query = exec.selectFrom('ot_jobs').select(['id', 'organization_id', 'status', 'title', 'description', 'fields', 'published_at']).where('id', '=', jobId);
  if (options.lock) query = query.forShare();
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const fields = (row.fields ?? {}) as Record<string, unknown>;
  return {
    id: row.id,
    organizationId: row.organization_id,
    status: row.status,
    title: row.title ?? (typeof fields.jobTitle === 'string' ? fields.jobTitle : null),
    description: row.description,
    fields,
    requirements: requirementsFromFields(fields),
    publishedAt: row.published_at ? new Date(row.published_at) : null,
  };
}

/** Open jobs for the freelancer job board, newest first. */
export async function listOpenJobs(exec: TalentExecutor, options: { limit: number; offset: number }): Promise<TalentJob[]> {
  const rows = await exec
    .selectFrom('ot_jobs')
    .select(['id', 'organization_id', 'status', 'title', 'description', 'fields', 'published_at'])
    .where('status', '=', 'OPEN')
    .orderBy('published_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return rows.map((row) => {
    const fields = (row.fields ?? {}) as Record<string, unknown>;
    return {
      id: row.id,
      organizationId: row.organization_id,
      status: row.status,
      title: row.title ?? (typeof fields.jobTitle === 'string' ? fields.jobTitle : null),
      description: row.description,
      fields,
      requirements: requirementsFromFields(fields),
      publishedAt: row.published_at ? new Date(row.published_at) : null,
    };
  });
}
