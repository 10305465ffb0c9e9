/**
 * @module Accounts: human users, employer organizations (the "account" an agent works in; created
 * at anonymous registration, owned by a human once claimed), members, and per-account feature flags.
 */
import type { SqlMigration } from '@platform/kit';
import { FEATURE_KEYS } from '@opentrain/api';

export interface AccountTables {
  ot_users: {
    id: string;
    email: string;
    /** Lower-cased: emails are unique case-insensitively. */
    email_normalized: string;
    first_name: string | null;
    last_name: string | null;
    /** `scrypt$…` or null (magic-link only). */
    password_hash: string | null;
    created_at: Date;
    email_verified_at: Date | null;
  };
  ot_organizations: {
    id: string;
    name: string | null;
    owner_user_id: string | null;
    claimed_at: Date | null;
    created_at: Date;
  };
  ot_organization_members: {
    organization_id: string;
    user_id: string;
    role: 'OWNER' | 'MEMBER';
    joined_at: Date;
  };
  ot_feature_flags: {
    key: string;
    rollout_mode: 'ALL' | 'ALLOWLIST' | 'OFF';
    updated_at: Date;
  };
  ot_organization_features: {
    organization_id: string;
    feature_key: string;
    enabled: boolean;
  };
}

export const accountMigrations: SqlMigration[] = [
  {
    name: 'ot-0001-accounts',
    up: `create table ot_users (
      id text primary key,
      email text not null,
      email_normalized text not null unique,
      first_name text,
      last_name text,
      password_hash text,
      created_at timestamptz not null,
      email_verified_at timestamptz
    );
    create table ot_organizations (
      id text primary key,
      name text,
      owner_user_id text references ot_users(id),
      claimed_at timestamptz,
      created_at timestamptz not null
    );
    create table ot_organization_members (
      organization_id text not null references ot_organizations(id),
      user_id text not null references ot_users(id),
      role text not null check (role in ('OWNER', 'MEMBER')),
      joined_at timestamptz not null,
      primary key (organization_id, user_id)
    );
    create index ot_organization_members_user on ot_organization_members (user_id);
    create table ot_feature_flags (
      key text primary key,
      rollout_mode text not null check (rollout_mode in ('ALL', 'ALLOWLIST', 'OFF')),
      updated_at timestamptz not null
    );
    ${FEATURE_KEYS.map((k) => `insert into ot_feature_flags (key, rollout_mode, updated_at) values ('${k}', 'ALL', now());`).join('\n    ')}
    create table ot_organization_features (
      organization_id text not null references ot_organizations(id),
      feature_key text not null references ot_feature_flags(key),
      enabled boolean not null,
      primary key (organization_id, feature_key)
    );`,
  },
];
