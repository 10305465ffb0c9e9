/**
 * @module Outbox migrations: `outbox_events` (append-only event log), `jobs` (the queue) and
 * `job_attempts` (one row per claim of a job).
 */
import type { SqlMigration } from '../db/migrations';

const eventsAndJobs = `
-- Events: written in the caller's transaction, never updated. tx_id orders readers safely:
-- a reader only sees events whose transaction is older than every running transaction.
CREATE TABLE outbox_events (
  id bigserial PRIMARY KEY,
  type text NOT NULL,
  scope text,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL,
  tx_id xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX outbox_events_position_idx ON outbox_events (tx_id, id);
CREATE INDEX outbox_events_scope_position_idx ON outbox_events (scope, tx_id, id) WHERE scope IS NOT NULL;
CREATE INDEX outbox_events_type_idx ON outbox_events (type, tx_id, id);

CREATE FUNCTION outbox_events_reject_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'outbox_events is append-only (event %)', OLD.id;
END
$fn$;
CREATE TRIGGER outbox_events_append_only BEFORE UPDATE ON outbox_events
  FOR EACH ROW EXECUTE FUNCTION outbox_events_reject_update();

CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'dead')),
  attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts int NOT NULL DEFAULT 10 CHECK (max_attempts >= 1),
  run_at timestamptz NOT NULL,
  lease_owner text,
  lease_expires_at timestamptz,
  last_error text,
  dedupe_key text UNIQUE,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  finished_at timestamptz,
  CONSTRAINT jobs_running_has_lease CHECK (status <> 'running' OR (lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL))
);
-- The claim query reads due pending jobs in (run_at, id) order and running jobs whose lease expired.
CREATE INDEX jobs_due_idx ON jobs (run_at, id) WHERE status = 'pending';
CREATE INDEX jobs_lease_idx ON jobs (lease_expires_at) WHERE status = 'running';

CREATE TABLE job_attempts (
  job_id bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  attempt int NOT NULL,
  worker text NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  outcome text CHECK (outcome IN ('succeeded', 'failed', 'lease_lost')),
  error text,
  PRIMARY KEY (job_id, attempt),
  CONSTRAINT job_attempts_finished_has_outcome CHECK ((finished_at IS NULL) = (outcome IS NULL))
);
`;

/** Apply with the product's own migrations (`migrate(db, [...outboxMigrations, ...mine])`). */
export const outboxMigrations: SqlMigration[] = [{ name: 'kit-0001-outbox-events-and-jobs', up: eventsAndJobs }];
