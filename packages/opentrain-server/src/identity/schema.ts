/**
 * @module Agent identity: anonymous registrations (one per agent, each with its own employer
 * organization and claim token) and claim attempts (email + user code + verification link).
 */
import type { SqlMigration } from '@platform/kit';

export type ClaimAttemptStatus = 'pending' | 'superseded' | 'completed' | 'locked';

export interface IdentityTables {
  ot_agent_registrations: {
    id: string;
    organization_id: string;
    agent_name: string | null;
    claim_token_hash: string;
    claim_expires_at: Date;
    poll_interval_seconds: number;
    last_polled_at: Date | null;
    claimed_at: Date | null;
    claimed_by_user_id: string | null;
    /** When the post-claim token was handed to the agent (exactly once). */
    delivered_at: Date | null;
    /** Set when the claim token was revoked (RFC 7009). */
    claim_revoked_at: Date | null;
    created_at: Date;
  };
  ot_claim_attempts: {
    id: string;
    registration_id: string;
    /** Normalized (lower-case) email the account is reserved for. */
    email: string;
    attempt_token_hash: string;
    user_code_hash: string;
    status: ClaimAttemptStatus;
    failed_code_attempts: number;
    expires_at: Date;
    created_at: Date;
    completed_at: Date | null;
    completed_by_user_id: string | null;
  };
}

export const identityMigrations: SqlMigration[] = [
  {
    name: 'ot-0003-identity',
    up: `create table ot_agent_registrations (
      id text primary key,
      organization_id text not null unique references ot_organizations(id),
      agent_name text,
      claim_token_hash text not null unique,
      claim_expires_at timestamptz not null,
      poll_interval_seconds int not null,
      last_polled_at timestamptz,
      claimed_at timestamptz,
      claimed_by_user_id text references ot_users(id),
      delivered_at timestamptz,
      claim_revoked_at timestamptz,
      created_at timestamptz not null
    );
    create table ot_claim_attempts (
      id text primary key,
      registration_id text not null references ot_agent_registrations(id),
      email text not null,
      attempt_token_hash text not null unique,
      user_code_hash text not null,
      status text not null check (status in ('pending', 'superseded', 'completed', 'locked')),
      failed_code_attempts int not null default 0,
      expires_at timestamptz not null,
      created_at timestamptz not null,
      completed_at timestamptz,
      completed_by_user_id text references ot_users(id)
    );
    create index ot_claim_attempts_registration on ot_claim_attempts (registration_id, created_at desc);`,
  },
];
