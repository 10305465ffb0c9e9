/**
 * @module Jobs storage: one row per job (draft → OPEN → ARCHIVED), the normalized draft fields as
 * jsonb (keys = DRAFT_UPDATE_KEYS), a generated full-text vector for marketplace search, and a
 * change log that feeds `GET /jobs/changes` and the per-account daily publish limit.
 */
import type { SqlMigration } from '@platform/kit';
import type { Generated } from 'kysely';

import { JOB_STATUSES, type JobStatusName } from '@opentrain/api';

export { JOB_STATUSES };
export type JobStatus = JobStatusName;

/** CLOSED also records a job leaving the marketplace because a live edit was refused by moderation. */
export const JOB_CHANGE_TYPES = ['PUBLISHED', 'UPDATED', 'CLOSED'] as const;
export type JobChangeType = (typeof JOB_CHANGE_TYPES)[number];

export type JobsTables = {
  ot_jobs: {
    id: string;
    /** Insertion order: breaks ties between jobs created in the same millisecond (cursors). */
    seq: Generated<string>;
    organization_id: string;
    status: JobStatus;
    title: string | null;
    description: string | null;
    fields: Record<string, unknown>;
    /** What extraction reported at creation: warnings, unmappedFields, lowConfidenceFields. */
    extraction: Record<string, unknown>;
    slug: string;
    source_format: string;
    idempotency_key: string | null;
    external_id: string | null;
    /** Sandbox jobs (embedded quick start) get simulated applicants; they are listed like any other. */
    sandbox: boolean;
    search_vector: Generated<string>;
    published_at: Date | null;
    closed_at: Date | null;
    created_at: Date;
    updated_at: Date;
  };
  ot_job_changes: {
    id: Generated<string>;
    job_id: string;
    organization_id: string;
    event_type: JobChangeType;
    occurred_at: Date;
  };
};

export const jobsMigrations: SqlMigration[] = [
  {
    name: 'ot-0200-jobs',
    up: `create table ot_jobs (
      id text primary key,
      seq bigint generated always as identity,
      organization_id text not null references ot_organizations(id),
      status text not null check (status in ('DRAFT','OPEN','ONGOING','COMPLETED','ARCHIVED','PENDING_APPROVAL')),
      title text,
      description text,
      fields jsonb not null default '{}'::jsonb,
      extraction jsonb not null default '{}'::jsonb,
      slug text not null,
      source_format text not null default 'text',
      idempotency_key text,
      external_id text,
      sandbox boolean not null default false,
      search_vector tsvector generated always as (
        setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english'::regconfig, coalesce(fields->>'labelingOverview', '') || ' ' || coalesce(fields->>'subjectMatter', '') || ' ' || coalesce(fields->>'dataType', '') || ' ' || coalesce(fields->>'labelTypes', '')), 'B') ||
        setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'C')
      ) stored,
      published_at timestamptz,
      closed_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create unique index ot_jobs_idempotency on ot_jobs (organization_id, idempotency_key) where idempotency_key is not null;
    create index ot_jobs_organization on ot_jobs (organization_id, created_at desc, seq desc);
    create index ot_jobs_listed on ot_jobs (published_at desc, seq desc) where status = 'OPEN';
    create index ot_jobs_search on ot_jobs using gin (search_vector);
    create index ot_jobs_fields on ot_jobs using gin (fields jsonb_path_ops);
    create table ot_job_changes (
      id bigint generated always as identity primary key,
      job_id text not null references ot_jobs(id),
      organization_id text not null references ot_organizations(id),
      event_type text not null,
      occurred_at timestamptz not null
    );
    create index ot_job_changes_time on ot_job_changes (occurred_at, id);
    create index ot_job_changes_publish_limit on ot_job_changes (organization_id, occurred_at) where event_type = 'PUBLISHED';`,
  },
];
