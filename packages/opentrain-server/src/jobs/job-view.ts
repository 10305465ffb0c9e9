/** @module The shape other domains read a job in (any status), built from an `ot_jobs` row. */
import type { Selectable } from 'kysely';
import { iso } from '../platform/db';
import type { JobStatus, JobsTables } from './schema';

export type JobRow = Selectable<JobsTables['ot_jobs']>;

export interface JobView {
  id: string;
  organizationId: string;
  status: JobStatus;
  title: string | null;
  description: string | null;
  /** Normalized draft fields keyed by DRAFT_UPDATE_KEYS (e.g. paymentType, pricePerHour, labelTypes). */
  fields: Record<string, unknown>;
  sandbox: boolean;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The public job page (404 while the job is not listed). */
  jobUrl: string;
}

export const jobPagePath = (jobId: string) => `/jobs/${encodeURIComponent(jobId)}`;

export function toJobView(row: JobRow, publicUrl: string): JobView {
  return {
    id: row.id,
    organizationId: row.organization_id,
    status: row.status,
    title: row.title,
    description: row.description,
    fields: row.fields ?? {},
    sandbox: row.sandbox,
    publishedAt: iso(row.published_at),
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
    jobUrl: `${publicUrl}${jobPagePath(row.id)}`,
  };
}
