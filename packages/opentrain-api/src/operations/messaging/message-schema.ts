/** @module The conversation summary and Message objects every messaging operation returns. */
import { z } from '@platform/kit';

export const MESSAGE_MAX_CHARS = 10_000;

export const messageSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  conversationId: z.string(),
  jobId: z.string(),
  /** The human who wrote it (null for a message sent by an agent whose account had no human yet). */
  senderUserId: z.string().nullable(),
  isFromViewer: z.boolean(),
  content: z.string(),
  messageType: z.literal('TEXT'),
  system: z.boolean(),
  /** From the other side and not yet read by the viewer's side. */
  hasUnreadFlag: z.boolean(),
  attachmentCount: z.number().int(),
  hasAudio: z.boolean(),
  editedAt: z.string().nullable(),
  reactionCount: z.number().int(),
});
export type Message = z.infer<typeof messageSchema>;

export const conversationSummarySchema = z.object({
  id: z.string(),
  type: z.literal('DIRECT_MESSAGE'),
  bucket: z.enum(['proposal', 'job']),
  jobId: z.string(),
  proposalId: z.string().nullable(),
  contractId: z.string().nullable(),
  /** "Maria G. · <job title>" (freelancers are always masked). */
  channelName: z.string(),
  /** open; read_only (contract ended, proposal declined); blocked (the freelancer blocked it). */
  status: z.enum(['open', 'read_only', 'blocked']),
  /** True when the freelancer is a simulated sandbox freelancer. */
  sandbox: z.boolean(),
  updatedAt: z.string(),
  lastMessage: z
    .object({
      id: z.string(),
      content: z.string(),
      senderUserId: z.string().nullable(),
      isFromViewer: z.boolean(),
      createdAt: z.string(),
    })
    .nullable(),
  unreadCount: z.number().int(),
  needsReplyCount: z.number().int(),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;
