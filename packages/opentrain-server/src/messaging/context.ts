/** @module What the messaging module's handlers and pages receive: the request plus this module's services. */
import { implementer } from '@platform/kit';
import type { Kysely } from 'kysely';
import type { OpenTrainContext, PlatformServices } from '../platform/context';
import type { ConversationsService, JobConversationInput } from './conversations-service';
import type { MessagesService } from './messages-service';
import type { MessagingPorts } from './ports';
import type { MessagingDb } from './schema';
import type { MessagingSettings } from './settings';

/** What the messaging module offers the others (money opens and ends a contract's job DM). */
export interface MessagingFacade {
  db: MessagingDb;
  settings: MessagingSettings;
  conversations: ConversationsService;
  messages: MessagesService;
  /** The post-hire job DM of a contract, created (idempotently) in the caller's transaction. */
  // biome-ignore lint/suspicious/noExplicitAny: any Kysely transaction over the OpenTrain database.
  ensureJobConversation(trx: Kysely<any>, input: JobConversationInput): Promise<string>;
  /** Makes the contract's job DM read-only (409 read_only_conversation), in the caller's transaction. */
  // biome-ignore lint/suspicious/noExplicitAny: any Kysely transaction over the OpenTrain database.
  markContractEnded(trx: Kysely<any>, contractId: string): Promise<void>;
  /** The job DM's id for a contract (null before the hire is confirmed). */
  jobConversationId(contractId: string): Promise<string | null>;
}

export type MessagingServices = PlatformServices & MessagingPorts & { messaging: MessagingFacade };
export const implementMessaging = implementer<OpenTrainContext<MessagingServices>>();
