/** @module Emailed sign-in / sign-up links for humans: hashed, 15-minute, single use. */
import type { SqlMigration } from '@platform/kit';

export interface WebTables {
  ot_magic_links: {
    id: string;
    email: string;
    token_hash: string;
    /** Profile captured at sign-up, applied when the link creates the user. */
    first_name: string | null;
    last_name: string | null;
    password_hash: string | null;
    next_path: string | null;
    expires_at: Date;
    used_at: Date | null;
    created_at: Date;
  };
}

export const webMigrations: SqlMigration[] = [
  {
    name: 'ot-0004-magic-links',
    up: `create table ot_magic_links (
      id text primary key,
      email text not null,
      token_hash text not null unique,
      first_name text,
      last_name text,
      password_hash text,
      next_path text,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null
    );
    create index ot_magic_links_email on ot_magic_links (email, created_at desc);`,
  },
];
