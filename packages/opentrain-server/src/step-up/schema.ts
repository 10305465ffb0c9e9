/**
 * @module Scope step-up requests: a claimed agent's token asked for scopes it lacks; the owner grants
 * exactly those to that same token (or lets the request expire), and can revoke the grant later.
 */
import type { SqlMigration } from '@platform/kit';

export type ScopeRequestStatus = 'pending' | 'granted' | 'revoked';

export interface StepUpTables {
  ot_scope_requests: {
    id: string;
    organization_id: string;
    token_id: string;
    /** The scopes the token asked for (grows while pending, so repeated 403s share one URL). */
    requested_scopes: string[];
    /** The scopes the grant really added to the token (requested minus those it already had). */
    added_scopes: string[];
    status: ScopeRequestStatus;
    created_at: Date;
    updated_at: Date;
    /** A pending request expires; a new 403 then opens a fresh one. */
    expires_at: Date;
    decided_by_user_id: string | null;
    decided_at: Date | null;
    revoked_by_user_id: string | null;
    revoked_at: Date | null;
  };
}

export const stepUpMigrations: SqlMigration[] = [
  {
    name: 'ot-0610-scope-requests',
    up: `create table ot_scope_requests (
      id text primary key,
      organization_id text not null references ot_organizations(id),
      token_id text not null references ot_api_tokens(id),
      requested_scopes text[] not null,
      added_scopes text[] not null default '{}',
      status text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      expires_at timestamptz not null,
      decided_by_user_id text references ot_users(id),
      decided_at timestamptz,
      revoked_by_user_id text references ot_users(id),
      revoked_at timestamptz
    );
    create index ot_scope_requests_token on ot_scope_requests (token_id, status);
    create index ot_scope_requests_organization on ot_scope_requests (organization_id, created_at desc);`,
  },
];
