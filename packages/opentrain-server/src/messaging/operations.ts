/** @module Handlers for GET/POST /messages and POST /proposals/{id}/conversation (the API token acts for its organization). */
import { readMessages, sendMessage, startProposalConversation } from '@opentrain/api';
import { implement } from '@platform/kit';
import type { OpenTrainAuth, OpenTrainContext } from '../context';
import type { Viewer } from './views';

const caller = (ctx: OpenTrainContext) => ctx.auth as OpenTrainAuth;
const employer = (ctx: OpenTrainContext): Viewer => ({
  side: 'employer',
  organizationId: caller(ctx).organizationId,
  userId: caller(ctx).userId,
});

export const messagingOperations = [
  implement(readMessages, async (input, ctx: OpenTrainContext) => {
    const { messaging } = ctx.services;
    if (input.conversationId) {
      return messaging.messages.readConversation(employer(ctx), input.conversationId, {
        limit: input.limit,
        cursor: input.cursor,
        direction: input.direction,
      });
    }
    return messaging.messages.listConversations(employer(ctx), {
      limit: input.limit,
      cursor: input.cursor,
      filter: input.filter,
      unreadOnly: input.unreadOnly,
    });
  }),
  implement(sendMessage, (input, ctx: OpenTrainContext) => ctx.services.messaging.messages.send(employer(ctx), input.conversationId, input.content)),
  implement(startProposalConversation, async (input, ctx: OpenTrainContext) => {
    const result = await ctx.services.messaging.conversations.startForProposal(caller(ctx), input.proposalId);
    if (result.created) ctx.scope.setStatus(201);
    return result;
  }),
];
