/**
 * @module Team tables (spec 3.10): email invitations to an organization (the join token stored as
 * a SHA-256 hash, 7-day expiry) and the per-member permission to act on approvals. Members
 * themselves live in the accounts domain's `ot_organization_members`.
 */
import type { SqlMigration } from '@platform/kit';

export interface TeamTables {
  ot_team_invites: {
    id: string;
    organization_id: string;
    email: string;
    email_normalized: string;
    /** SHA-256 of the `ot_inv_` join token (the token itself is only in the email). */
    token_hash: string;
    invited_by_user_id: string | null;
    created_at: Date;
    expires_at: Date;
    accepted_at: Date | null;
    accepted_user_id: string | null;
    /** Set when a newer invite to the same email replaced this one. */
    revoked_at: Date | null;
  };
  ot_team_member_permissions: {
    organization_id: string;
    user_id: string;
    can_act_on_approvals: boolean;
    updated_at: Date;
    updated_by_user_id: string | null;
  };
}

export const teamMigrations: SqlMigration[] = [
  {
    name: 'ot-0500-team',
    up: `create table ot_team_invites (
      id text primary key,
      organization_id text not null references ot_organizations(id),
      email text not null,
      email_normalized text not null,
      token_hash text not null unique,
      invited_by_user_id text references ot_users(id),
      created_at timestamptz not null,
      expires_at timestamptz not null,
      accepted_at timestamptz,
      accepted_user_id text references ot_users(id),
      revoked_at timestamptz
    );
    create unique index ot_team_invites_open on ot_team_invites (organization_id, email_normalized) where accepted_at is null and revoked_at is null;
    create table ot_team_member_permissions (
      organization_id text not null references ot_organizations(id),
      user_id text not null references ot_users(id),
      can_act_on_approvals boolean not null,
      updated_at timestamptz not null,
      updated_by_user_id text references ot_users(id),
      primary key (organization_id, user_id)
    );`,
  },
];
