/** @module What every TrainAR service is built from (one set per app instance). */
import type { Clock, Logger, Mailer } from '@platform/kit';
import type { TrainArDb } from './db';
import type { KnowledgeOptions } from './knowledge/options';

export interface TrainArSettings {
  /** How long a set-password (invitation) link stays valid. */
  inviteTtlHours: number;
  /** Requests per minute per API key; 0 disables the limit. */
  apiRateLimitPerMinute: number;
  /** Knowledge limits, embedder and vector backend (defaults from env, see knowledge/options.ts). */
  knowledge?: Partial<KnowledgeOptions>;
}

export const defaultSettings: TrainArSettings = { inviteTtlHours: 168, apiRateLimitPerMinute: 600 };

export interface ServiceDeps {
  db: TrainArDb;
  clock: Clock;
  mailer: Mailer;
  logger: Logger;
  /** Origin for links in mail (invitations). */
  publicUrl: () => string;
  settings: TrainArSettings;
}

/**
 * Who is acting: a dashboard user, an API key (REST/MCP), or the operator CLI. Services use it
 * for the rules that depend on the caller (nobody deactivates themself; a key only grants scopes
 * it has) and to record who created what.
 */
export type Actor =
  | { kind: 'user'; userId: string }
  | { kind: 'key'; keyId: string; scopes: string[] }
  | { kind: 'operator' };
