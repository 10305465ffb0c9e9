/**
 * @module The messaging domain as the app composes it: pre-hire proposal rooms and post-hire job
 * DMs, GET/POST /messages, the freelancer's message pages, and the sandbox freelancer's replies.
 * See docs/messaging.md.
 */
import type { Kysely } from 'kysely';
import type { DomainModule } from '../domain';
import { ConversationsService, type JobConversationInput } from './conversations-service';
import { MessagesService } from './messages-service';
import { notificationHandlers } from './notifications';
import { messagingOperations } from './operations';
import type { MessagingDeps } from './ports';
import { sandboxReplyHandlers } from './sandbox-replies';
import { messagingDb, messagingMigrations } from './schema';
import { resolveMessagingSettings } from './settings';
import { mountFreelancerMessages } from './web/freelancer-pages';

export type { JobConversationInput } from './conversations-service';
export type { MessagingDeps, ProposalRef } from './ports';

/** Services this domain adds to `Services` (built after the domains before it in services.ts). */
export function createMessagingServices(deps: MessagingDeps) {
  const db = messagingDb(deps.db);
  const settings = resolveMessagingSettings(deps.settings);
  const conversations = new ConversationsService({
    db,
    clock: deps.clock,
    proposals: deps.proposals,
    freelancers: deps.freelancers,
    jobs: deps.jobs,
  });
  const messages = new MessagesService({
    db,
    clock: deps.clock,
    limiter: deps.limiter,
    settings,
    conversations,
    proposals: deps.proposals,
  });
  const messaging = {
    db,
    settings,
    conversations,
    messages,
    /** The post-hire job DM of a contract, created (idempotently) in the caller's transaction. */
    // biome-ignore lint/suspicious/noExplicitAny: any Kysely transaction over the OpenTrain database.
    ensureJobConversation: (trx: Kysely<any>, input: JobConversationInput) => conversations.ensureJobConversation(trx, input),
    /** Makes the contract's job DM read-only (409 read_only_conversation), in the caller's transaction. */
    // biome-ignore lint/suspicious/noExplicitAny: any Kysely transaction over the OpenTrain database.
    markContractEnded: (trx: Kysely<any>, contractId: string) => conversations.markContractEnded(trx, contractId),
    /** The job DM's id for a contract (null before the hire is confirmed). */
    jobConversationId: (contractId: string) => conversations.jobConversationId(contractId),
  };
  return { messaging };
}

export const messagingDomain: DomainModule = {
  name: 'messaging',
  migrations: messagingMigrations,
  implementations: messagingOperations,
  jobHandlers: (services) => ({
    ...sandboxReplyHandlers(services.messaging.db, services.messaging.messages),
    ...notificationHandlers(services.messaging.db, services.mailer, services.publicUrl),
  }),
  mount: (app, services) => mountFreelancerMessages(app, services),
};
