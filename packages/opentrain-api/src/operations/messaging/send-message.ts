import { defineOperation, z } from '@platform/kit';
import { claimedGate, featureGate } from '../../gates';
import { MESSAGE_MAX_CHARS, messageSchema } from './message-schema';

export default defineOperation({
  name: 'opentrain_send_message',
  toolset: 'messages',
  method: 'POST',
  path: '/messages',
  description: 'Send a plain-text message (1-10,000 chars) into a conversation; contact details and off-platform payment are refused.',
  input: z.object({
    conversationId: z.string().min(1).max(64).describe('Conversation id from opentrain_read_messages or opentrain_start_proposal_conversation'),
    content: z.string().min(1, 'must not be empty').max(MESSAGE_MAX_CHARS, `must be at most ${MESSAGE_MAX_CHARS} characters`).describe('Plain text, 1-10,000 characters'),
  }),
  output: z.object({ ok: z.literal(true), message: messageSchema }),
  auth: 'required',
  scopes: ['messages:write'],
  gates: [claimedGate('send messages'), featureGate('public_api_messaging_writes')],
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: true,
  },
  successStatus: 201,
  cli: ['messages', 'send'],
  summarize: (out) =>
    `Sent message ${out.message.id} in ${out.message.conversationId}. Replies arrive as message.received events (opentrain_poll_updates) or in opentrain_read_messages.`,
});
