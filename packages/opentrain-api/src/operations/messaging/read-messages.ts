import { clipUserText, defineOperation, editUserText, z } from '@platform/kit';
import { conversationSummarySchema, messageSchema } from './message-schema';

const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1')
  .optional();

export default defineOperation({
  name: 'opentrain_read_messages',
  toolset: 'messages',
  method: 'GET',
  path: '/messages',
  description: 'List conversations with unread/needs-reply counts, or (with conversationId) read its messages oldest-first, paging older or newer from a message id.',
  input: z.object({
    conversationId: z.string().min(1).max(64).optional().describe('Read this conversation (omit to list conversations)'),
    limit: z.number().int().min(1).max(100).default(20).describe('Page size, 1-100 (default 20)'),
    cursor: z.string().min(1).max(200).optional().describe('nextCursor of the previous page (message mode: a message id)'),
    direction: z.enum(['older', 'newer']).default('older').describe('Message mode: page toward older (default) or newer messages from the cursor'),
    filter: z.enum(['all', 'job', 'proposal']).default('all').describe('List mode: all, job (post-hire DMs) or proposal (pre-hire rooms)'),
    unreadOnly: flag.describe('List mode: only conversations with unread messages (true/1)'),
  }),
  output: z.object({
    conversations: z.array(conversationSummarySchema).optional().describe('List mode'),
    conversation: conversationSummarySchema.optional().describe('Message mode: the conversation read'),
    messages: z.array(messageSchema).optional().describe('Message mode, oldest first'),
    nextCursor: z.string().nullable(),
  }),
  auth: 'required',
  scopes: ['messages:read'],
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  cli: ['messages', 'read'],
  summarize: (out) => {
    if (out.messages && out.conversation) {
      const c = out.conversation;
      const lines = out.messages.map(
        // Names and contents arrive fenced (user text): edit them inside the fence.
        (m) => `- [${m.createdAt}] ${m.isFromViewer ? 'you' : editUserText(c.channelName, (name) => name.split(' · ')[0])}: ${clipUserText(m.content, 300)}`,
      );
      const state = c.status === 'open' ? '' : ` (${c.status.replace('_', '-')})`;
      return [
        `${out.messages.length} message(s) in ${c.channelName}${state}${c.sandbox ? ' [sandbox]' : ''}.`,
        ...lines,
        out.nextCursor ? `More: cursor=${out.nextCursor}` : 'No more messages in this direction.',
      ].join('\n');
    }
    const list = out.conversations ?? [];
    const lines = list.map(
      (c) =>
        `- ${c.id} ${c.bucket} "${c.channelName}"${c.sandbox ? ' [sandbox]' : ''}: ${c.unreadCount} unread, ${c.needsReplyCount} need reply${c.lastMessage ? `; last: ${clipUserText(c.lastMessage.content, 80)}` : ''}`,
    );
    return [`${list.length} conversation(s).`, ...lines, out.nextCursor ? `More: cursor=${out.nextCursor}` : ''].filter(Boolean).join('\n');
  },
});
