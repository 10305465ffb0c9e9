/**
 * @module Messaging tables: conversations between an employer organization and one freelancer
 * (a pre-hire `proposal` room per proposal, a post-hire `job` DM per contract) and their messages.
 * Read watermarks and each side's last message live on the conversation row, so unread and
 * needs-reply counts are two indexed range counts.
 */
import type { SqlMigration } from '@platform/kit';
import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { OpenTrainTables, OtDb } from '../platform/db';

/** int8: node-postgres returns strings, PGlite numbers; always read through Number(). */
export type Int8 = ColumnType<string | number, number | string, number | string>;

export const CONVERSATION_BUCKETS = ['proposal', 'job'] as const;
export type ConversationBucket = (typeof CONVERSATION_BUCKETS)[number];
/** open: both sides write; read_only: history only (contract ended, proposal declined); blocked: the freelancer blocked it. */
export type ConversationStatus = 'open' | 'read_only' | 'blocked';
export type SenderSide = 'employer' | 'freelancer';

// A type alias (not an interface): Kysely's withTables needs an index signature.
export type MessagingTables = {
  ot_conversations: {
    id: string;
    organization_id: string;
    freelancer_user_id: string;
    bucket: ConversationBucket;
    job_id: string;
    proposal_id: string | null;
    contract_id: string | null;
    status: ConversationStatus;
    status_reason: string | null;
    /** "Maria G. · Job title"; null until first resolved (job DMs are created inside another domain's transaction). */
    channel_name: string | null;
    /** Whether the freelancer is a sandbox (simulated) one; null until first resolved. */
    sandbox: boolean | null;
    employer_first_message_at: Date | null;
    /** Highest message seq each side has read / written (0 = none). */
    employer_read_seq: Int8;
    freelancer_read_seq: Int8;
    employer_last_seq: Int8;
    freelancer_last_seq: Int8;
    last_message_id: string | null;
    created_at: Date;
    updated_at: Date;
  };
  ot_messages: {
    id: string;
    /** Global insertion order: pages and watermarks compare it. */
    seq: ColumnType<string | number, never, never>;
    conversation_id: string;
    sender_side: SenderSide;
    /** The human who wrote it (an org member, or the freelancer); null for an unclaimed agent. */
    sender_user_id: string | null;
    content: string;
    created_at: Date;
  };
};

export type MessagingDbTables = OpenTrainTables & MessagingTables;
export type MessagingDb = Kysely<MessagingDbTables>;
export type MessagingTrx = Transaction<MessagingDbTables>;
export type MessagingExecutor = MessagingDb | MessagingTrx;

export const messagingDb = (db: OtDb): MessagingDb => db.withTables<MessagingTables>();
/** Another domain's transaction (or handle), typed with its own tables, seen with ours. */
// biome-ignore lint/suspicious/noExplicitAny: any Kysely transaction over the same database.
export const asMessagingExecutor = (exec: Kysely<any>): MessagingExecutor => exec as MessagingExecutor;

export const messagingMigrations: SqlMigration[] = [
  {
    name: 'ot-0270-messaging',
    up: `create table ot_conversations (
      id text primary key,
      organization_id text not null references ot_organizations(id),
      freelancer_user_id text not null references ot_users(id),
      bucket text not null check (bucket in ('proposal', 'job')),
      job_id text not null,
      proposal_id text,
      contract_id text,
      status text not null default 'open' check (status in ('open', 'read_only', 'blocked')),
      status_reason text,
      channel_name text,
      sandbox boolean,
      employer_first_message_at timestamptz,
      employer_read_seq bigint not null default 0,
      freelancer_read_seq bigint not null default 0,
      employer_last_seq bigint not null default 0,
      freelancer_last_seq bigint not null default 0,
      last_message_id text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check ((bucket = 'proposal' and proposal_id is not null) or (bucket = 'job' and contract_id is not null))
    );
    create unique index ot_conversations_proposal on ot_conversations (proposal_id) where bucket = 'proposal';
    create unique index ot_conversations_contract on ot_conversations (contract_id) where bucket = 'job';
    create index ot_conversations_organization on ot_conversations (organization_id, updated_at desc, id desc);
    create index ot_conversations_freelancer on ot_conversations (freelancer_user_id, updated_at desc, id desc);
    create table ot_messages (
      id text primary key,
      seq bigint generated always as identity,
      conversation_id text not null references ot_conversations(id),
      sender_side text not null check (sender_side in ('employer', 'freelancer')),
      sender_user_id text references ot_users(id),
      content text not null,
      created_at timestamptz not null
    );
    create index ot_messages_conversation on ot_messages (conversation_id, seq);
    create index ot_messages_conversation_side on ot_messages (conversation_id, sender_side, seq);`,
  },
];
