/** @module The messaging module's public surface. */
export type { MessagingFacade, MessagingServices } from './context';
export type { JobConversationInput } from './conversations-service';
export { createMessagingModule } from './module';
export type { MessagingPorts, ProposalRef } from './ports';
export { type MessagingTables, messagingMigrations } from './schema';
