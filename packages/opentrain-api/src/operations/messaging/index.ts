/** @module The messaging operations, in the order they appear in the registry (owned by the messaging domain). */
import type { AnyOperation } from '@platform/kit';
import readMessages from './read-messages';
import sendMessage from './send-message';
import startProposalConversation from './start-proposal-conversation';

export { default as readMessages } from './read-messages';
export { default as sendMessage } from './send-message';
export { default as startProposalConversation } from './start-proposal-conversation';
export * from './message-schema';

export const messagingOperations: AnyOperation[] = [readMessages, sendMessage, startProposalConversation];
