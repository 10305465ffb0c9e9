/**
 * @module The messaging module: pre-hire proposal rooms and post-hire job DMs, GET/POST /messages,
 * the freelancer's message pages, notification mail and the sandbox freelancer's replies.
 * See docs/messaging.md.
 */
import type { PlatformServices } from '../platform/context';
import type { OpenTrainModule } from '../platform/module';
import type { MessagingFacade, MessagingServices } from './context';
import { ConversationsService } from './conversations-service';
import { MessagesService } from './messages-service';
import { notificationHandlers } from './notifications';
import { messagingOperations } from './operations';
import type { MessagingPorts } from './ports';
import { sandboxReplyHandlers } from './sandbox-replies';
import { messagingDb } from './schema';
import { resolveMessagingSettings } from './settings';
import { mountFreelancerMessages } from './web/freelancer-pages';

export function createMessagingModule(platform: PlatformServices, ports: MessagingPorts): OpenTrainModule<MessagingServices> {
  const db = messagingDb(platform.db);
  const settings = resolveMessagingSettings(platform.settings);
  const conversations = new ConversationsService({ db, clock: platform.clock, proposals: ports.proposals, freelancers: ports.freelancers, jobs: ports.jobs, users: ports.users });
  const messages = new MessagesService({ db, clock: platform.clock, limiter: platform.limiter, settings, conversations, proposals: ports.proposals });
  const messaging: MessagingFacade = {
    db,
    settings,
    conversations,
    messages,
    ensureJobConversation: (trx, input) => conversations.ensureJobConversation(trx, input),
    markContractEnded: (trx, contractId) => conversations.markContractEnded(trx, contractId),
    jobConversationId: (contractId) => conversations.jobConversationId(contractId),
  };
  const services = { ...platform, ...ports, messaging };
  return {
    name: 'messaging',
    services,
    implementations: messagingOperations,
    jobHandlers: { ...sandboxReplyHandlers(db, messages), ...notificationHandlers(db, platform.mailer, platform.publicUrl) },
    mount: (app) => mountFreelancerMessages(app, services),
  };
}
