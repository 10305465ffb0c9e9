/** @module Handlers for GET/POST /messages and POST /proposals/{id}/conversation (the API token acts for its organization). */
import { readMessages, sendMessage, startProposalConversation } from '@opentrain/api';
import type { OpenTrainAuth } from '../platform/context';
import { implementMessaging as implement } from './context';
import type { Viewer } from './views';

const employer = (auth: OpenTrainAuth): Viewer => ({
  side: 'employer',
  organizationId: auth.organizationId,
  userId: auth.userId,
});

export const messagingOperations = [
  implement(readMessages, async (input, ctx) => {
    const { messaging } = ctx.services;
    if (input.conversationId) {
      return messaging.messages.readConversation(employer(ctx.auth), input.conversationId, {
        limit: input.limit,
        cursor: input.cursor,
        direction: input.direction,
      });
    }
    return messaging.messages.listConversations(employer(ctx.auth), {
      limit: input.limit,
      cursor: input.cursor,
      filter: input.filter,
      unreadOnly: input.unreadOnly,
    });
  }),
  implement(sendMessage, (input, ctx) => ctx.services.messaging.messages.send(employer(ctx.auth), input.conversationId, input.content)),
  implement(startProposalConversation, async (input, ctx) => {
    const result = await ctx.services.messaging.conversations.startForProposal(ctx.auth, input.proposalId);
    if (result.created) ctx.scope.setStatus(201);
    return result;
  }),
];
