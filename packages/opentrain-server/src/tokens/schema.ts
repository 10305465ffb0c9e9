/** @module API tokens (`ot_pat_`): SHA-256 hash only, masked preview, scopes, expiry, soft revoke. */
import type { SqlMigration } from '@platform/kit';
import type { Generated } from 'kysely';

export type TokenOrigin = 'agent_registration' | 'claim' | 'api' | 'web';

export interface TokenTables {
  ot_api_tokens: {
    id: string;
    /** Insertion order: breaks ties between tokens minted in the same millisecond. */
    seq: Generated<string>;
    organization_id: string;
    /** The human the token acts for (null while the account is unclaimed). */
    user_id: string | null;
    name: string;
    token_hash: string;
    preview: string;
    scopes: string[];
    origin: TokenOrigin;
    created_at: Date;
    last_used_at: Date | null;
    expires_at: Date | null;
    revoked_at: Date | null;
    revoked_reason: string | null;
    /** The token that minted this one over the API (null: minted by a human, a registration or a claim). */
    parent_token_id: Generated<string | null>;
  };
}

export const tokenMigrations: SqlMigration[] = [
  {
    name: 'ot-0002-tokens',
    up: `create table ot_api_tokens (
      id text primary key,
      seq bigint generated always as identity,
      organization_id text not null references ot_organizations(id),
      user_id text references ot_users(id),
      name text not null,
      token_hash text not null unique,
      preview text not null,
      scopes text[] not null,
      origin text not null,
      created_at timestamptz not null,
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz,
      revoked_reason text
    );
    create index ot_api_tokens_organization on ot_api_tokens (organization_id, created_at desc, seq desc);`,
  },
  {
    // A token minted by a token: never outlives or out-scopes it, and is revoked with it.
    name: 'ot-0002-tokens-lineage',
    up: `alter table ot_api_tokens add column parent_token_id text references ot_api_tokens(id);
    create index ot_api_tokens_parent on ot_api_tokens (parent_token_id);`,
  },
];
