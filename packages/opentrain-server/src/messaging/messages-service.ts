/**
 * @module Reading and sending messages. List mode: the viewer's conversations with unread and
 * needs-reply counts. Message mode: one conversation, chronological pages around a message id,
 * marking what the viewer saw as read. Send: participant → conversation state → employer-first →
 * per-conversation rate limit → content policy → insert, counters and event in one transaction.
 */
import type { ConversationSummary, Message } from '@opentrain/api';
import { badRequest, type Clock, conflict, emitEvent, enqueueJob, newId, type RateLimiter, rateLimited, seconds } from '@platform/kit';
import { sql } from 'kysely';
import type { ConversationsService } from './conversations-service';
import { NOTIFY_FREELANCER_JOB, notifyDedupeKey } from './notifications';
import { assertMessageAllowed, hasControlCharacters, MAX_MESSAGE_CHARS } from './policy';
import { NOT_READY_FOR_MESSAGING, orUndefined, type ProposalsPort, proposalStatusOf } from './ports';
import type { MessagingDb, MessagingTrx, SenderSide } from './schema';
import type { MessagingSettings } from './settings';
import { type ConversationRow, decodeListCursor, encodeListCursor, type MessageRow, otherSide, readSeqOf, toMessage, toSummary, type Viewer } from './views';

export const SANDBOX_REPLY_JOB = 'messaging.sandbox_reply';

export interface ListQuery {
  limit: number;
  cursor?: string;
  filter: 'all' | 'job' | 'proposal';
  unreadOnly?: boolean;
}

export interface ThreadQuery {
  limit: number;
  cursor?: string;
  direction: 'older' | 'newer';
}

export interface MessagesDeps {
  db: MessagingDb;
  clock: Clock;
  limiter: RateLimiter;
  settings: MessagingSettings;
  conversations: ConversationsService;
  proposals: ProposalsPort;
}

const sideCols = (side: SenderSide) =>
  side === 'employer'
    ? ({ read: 'c.employer_read_seq', last: 'c.employer_last_seq' } as const)
    : ({
        read: 'c.freelancer_read_seq',
        last: 'c.freelancer_last_seq',
      } as const);

export class MessagesService {
  constructor(private readonly deps: MessagesDeps) {}

  private get db() {
    return this.deps.db;
  }

  async listConversations(
    viewer: Viewer,
    query: ListQuery,
  ): Promise<{
    conversations: ConversationSummary[];
    nextCursor: string | null;
  }> {
    const mine = sideCols(viewer.side);
    const theirs = sideCols(otherSide(viewer.side));
    let q = this.db
      .selectFrom('ot_conversations as c')
      .selectAll('c')
      .select((eb) => [
        eb
          .selectFrom('ot_messages as m')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('m.conversation_id', '=', 'c.id')
          .where('m.sender_side', '=', otherSide(viewer.side))
          .whereRef('m.seq', '>', mine.read)
          .as('unread_count'),
        eb
          .selectFrom('ot_messages as m')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('m.conversation_id', '=', 'c.id')
          .where('m.sender_side', '=', otherSide(viewer.side))
          .whereRef('m.seq', '>', mine.last)
          .as('needs_reply_count'),
      ]);
    q = viewer.side === 'employer' ? q.where('c.organization_id', '=', viewer.organizationId) : q.where('c.freelancer_user_id', '=', viewer.userId);
    if (query.filter !== 'all') q = q.where('c.bucket', '=', query.filter);
    if (query.unreadOnly) q = q.whereRef(theirs.last, '>', mine.read);
    if (query.cursor) {
      const at = decodeListCursor(query.cursor);
      q = q.where((eb) => eb.or([eb('c.updated_at', '<', at.updatedAt), eb.and([eb('c.updated_at', '=', at.updatedAt), eb('c.id', '<', at.id)])]));
    }
    const rows = await q
      .orderBy('c.updated_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(query.limit + 1)
      .execute();
    const page = rows.slice(0, query.limit);
    const lastIds = page.map((r) => r.last_message_id).filter((id): id is string => id !== null);
    const lastMessages = lastIds.length ? await this.db.selectFrom('ot_messages').selectAll().where('id', 'in', lastIds).execute() : [];
    const byId = new Map(lastMessages.map((m) => [m.id, m]));
    const resolved = await this.deps.conversations.resolveAll(page);
    const conversations = resolved.map((c, i) =>
      toSummary(c, c.last_message_id ? byId.get(c.last_message_id) : undefined, viewer.side, {
        unreadCount: Number(page[i].unread_count ?? 0),
        needsReplyCount: Number(page[i].needs_reply_count ?? 0),
      }),
    );
    const last = page[page.length - 1];
    return {
      conversations,
      nextCursor:
        rows.length > query.limit && last
          ? encodeListCursor({
              updatedAt: new Date(last.updated_at),
              id: last.id,
            })
          : null,
    };
  }

  /** Message mode. Pages are oldest-first; `older` walks back from the cursor (or the newest), `newer` forward (or from the first). */
  async readConversation(viewer: Viewer, conversationId: string, query: ThreadQuery) {
    const conversation = await this.deps.conversations.forViewer(viewer, conversationId);
    let cursorSeq: number | null = null;
    if (query.cursor) {
      const at = await this.db.selectFrom('ot_messages').select('seq').where('id', '=', query.cursor).where('conversation_id', '=', conversation.id).executeTakeFirst();
      if (!at) throw badRequest('Invalid cursor: pass a message id of this conversation (a nextCursor).', { field: 'cursor' });
      cursorSeq = Number(at.seq);
    }
    let q = this.db.selectFrom('ot_messages').selectAll().where('conversation_id', '=', conversation.id);
    if (cursorSeq !== null) q = q.where('seq', query.direction === 'older' ? '<' : '>', cursorSeq);
    const rows = await q
      .orderBy('seq', query.direction === 'older' ? 'desc' : 'asc')
      .limit(query.limit + 1)
      .execute();
    const more = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    if (query.direction === 'older') page.reverse();
    const readSeq = readSeqOf(conversation, viewer.side);
    const messages = page.map((m) => toMessage(m, conversation, viewer.side, readSeq));
    const newestSeq = page.length ? Number(page[page.length - 1].seq) : 0;
    if (newestSeq > readSeq) await this.markRead(conversation.id, viewer.side, newestSeq);
    const edge = query.direction === 'older' ? page[0] : page[page.length - 1];
    const summary = await this.summaryOf(conversation.id, viewer);
    return {
      conversation: summary,
      messages,
      nextCursor: more && edge ? edge.id : null,
    };
  }

  /** The summary of one conversation as the viewer sees it now. */
  async summaryOf(conversationId: string, viewer: Viewer): Promise<ConversationSummary> {
    const conversation = await this.deps.conversations.forViewer(viewer, conversationId);
    const them = otherSide(viewer.side);
    const count = async (above: number) =>
      Number(
        (
          await this.db
            .selectFrom('ot_messages')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('conversation_id', '=', conversationId)
            .where('sender_side', '=', them)
            .where('seq', '>', above)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const last = conversation.last_message_id ? await this.db.selectFrom('ot_messages').selectAll().where('id', '=', conversation.last_message_id).executeTakeFirst() : undefined;
    const mineLast = Number(viewer.side === 'employer' ? conversation.employer_last_seq : conversation.freelancer_last_seq);
    return toSummary(conversation, last, viewer.side, {
      unreadCount: await count(readSeqOf(conversation, viewer.side)),
      needsReplyCount: await count(mineLast),
    });
  }

  private async markRead(conversationId: string, side: SenderSide, seq: number) {
    const column = side === 'employer' ? 'employer_read_seq' : 'freelancer_read_seq';
    await this.db
      .updateTable('ot_conversations')
      .set({ [column]: sql`greatest(${sql.ref(column)}, ${seq})` })
      .where('id', '=', conversationId)
      .execute();
  }

  async send(viewer: Viewer, conversationId: string, content: string): Promise<{ ok: true; message: Message }> {
    if (content.trim().length === 0) throw badRequest('content must contain some text.', { field: 'content' });
    if (content.length > MAX_MESSAGE_CHARS) throw badRequest(`content must be at most ${MAX_MESSAGE_CHARS} characters.`, { field: 'content' });
    if (hasControlCharacters(content))
      throw badRequest('content must be plain text (no control characters).', {
        field: 'content',
      });
    const conversation = await this.deps.conversations.forViewer(viewer, conversationId);
    await this.assertWritable(conversation, viewer.side);
    const { rateLimit, rateWindowSeconds } = this.deps.settings;
    const senderKey = viewer.side === 'employer' ? `org:${viewer.organizationId}` : `user:${viewer.userId}`;
    const hit = await this.deps.limiter.hit(`ot:msg:${conversation.id}:${senderKey}`, rateLimit, rateWindowSeconds);
    if (!hit.allowed) {
      throw rateLimited(hit.retryAfterSeconds, `At most ${rateLimit} messages per ${rateWindowSeconds} s into one conversation. Retry after ${hit.retryAfterSeconds} s.`, {
        limit: rateLimit,
        windowSeconds: rateWindowSeconds,
      });
    }
    assertMessageAllowed(content);
    const row = await this.insert(conversation.id, viewer.side, viewer.userId, content, async (trx, c, message) => {
      if (viewer.side === 'freelancer') return;
      if (!c.sandbox) {
        await enqueueJob(
          trx,
          {
            kind: NOTIFY_FREELANCER_JOB,
            payload: { conversationId: c.id },
            dedupeKey: notifyDedupeKey(c.id, c.freelancer_read_seq),
          },
          this.deps.clock,
        );
        return;
      }
      const runAt = new Date(this.deps.clock.now().getTime() + seconds(this.deps.settings.sandboxReplyDelaySeconds));
      await enqueueJob(
        trx,
        {
          kind: SANDBOX_REPLY_JOB,
          payload: { conversationId: c.id, messageId: message.id },
          runAt,
          dedupeKey: `sandbox-reply:${message.id}`,
        },
        this.deps.clock,
      );
    });
    return {
      ok: true,
      message: toMessage(row.message, row.conversation, viewer.side, Number(row.message.seq)),
    };
  }

  /**
   * Inserts a message and updates the conversation in one transaction, re-checking its state under
   * a row lock (a contract may end concurrently). A freelancer's message emits `message.received`
   * to the employer organization. `after` runs in the same transaction.
   */
  async insert(
    conversationId: string,
    side: SenderSide,
    senderUserId: string | null,
    content: string,
    after?: (trx: MessagingTrx, c: ConversationRow, m: MessageRow) => Promise<void>,
  ): Promise<{ conversation: ConversationRow; message: MessageRow }> {
    return this.db.transaction().execute((trx) => this.insertIn(trx, conversationId, side, senderUserId, content, after));
  }

  /** `insert` inside the caller's transaction (the sandbox simulator completes its job in the same one). */
  async insertIn(
    trx: MessagingTrx,
    conversationId: string,
    side: SenderSide,
    senderUserId: string | null,
    content: string,
    after?: (trx: MessagingTrx, c: ConversationRow, m: MessageRow) => Promise<void>,
  ): Promise<{ conversation: ConversationRow; message: MessageRow }> {
    const { clock } = this.deps;
    const c = await trx.selectFrom('ot_conversations').selectAll().where('id', '=', conversationId).forUpdate().executeTakeFirstOrThrow();
    assertState(c, side);
    const now = clock.now();
    const message = await trx
      .insertInto('ot_messages')
      .values({
        id: newId('msg', now),
        conversation_id: c.id,
        sender_side: side,
        sender_user_id: senderUserId,
        content,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const seq = Number(message.seq);
    const mine = side === 'employer' ? { employer_last_seq: seq, employer_read_seq: seq } : { freelancer_last_seq: seq, freelancer_read_seq: seq };
    await trx
      .updateTable('ot_conversations')
      .set({
        ...mine,
        last_message_id: message.id,
        updated_at: now,
        ...(side === 'employer' && c.employer_first_message_at === null ? { employer_first_message_at: now } : {}),
      })
      .where('id', '=', c.id)
      .execute();
    if (side === 'freelancer') {
      await emitEvent(
        trx,
        {
          type: 'message.received',
          scope: c.organization_id,
          payload: {
            conversationId: c.id,
            messageId: message.id,
            jobId: c.job_id,
          },
        },
        clock,
      );
    }
    await after?.(trx, c, message);
    return { conversation: c, message };
  }

  /** Checks that do not need the row lock; the lock re-checks the conversation's own state. */
  private async assertWritable(c: ConversationRow, side: SenderSide) {
    assertState(c, side);
    if (c.bucket !== 'proposal' || !c.proposal_id) return;
    const proposalId = c.proposal_id;
    const proposal = await orUndefined(() => this.deps.proposals.get(proposalId));
    const status = proposal ? proposalStatusOf(proposal) : null;
    if (status && (NOT_READY_FOR_MESSAGING as readonly string[]).includes(status)) {
      await this.db.updateTable('ot_conversations').set({ status: 'read_only', status_reason: 'proposal_declined' }).where('id', '=', c.id).where('status', '=', 'open').execute();
      throw conflict(`This conversation is read-only: proposal ${proposalId} is ${status}.`, {
        reason: 'read_only_conversation',
        conversationId: c.id,
        proposalStatus: status,
      });
    }
  }
}

function assertState(c: ConversationRow, side: SenderSide): void {
  if (c.status === 'read_only') {
    const why = c.status_reason === 'contract_ended' ? 'the contract has ended' : 'the proposal was declined';
    throw conflict(`This conversation is read-only: ${why}.`, {
      reason: 'read_only_conversation',
      conversationId: c.id,
      statusReason: c.status_reason,
    });
  }
  if (c.status === 'blocked') {
    throw conflict('This conversation is blocked: no new messages can be sent into it.', { reason: 'message_blocked', conversationId: c.id });
  }
  if (side === 'freelancer' && c.bucket === 'proposal' && c.employer_first_message_at === null) {
    throw conflict('The employer writes first in a pre-hire conversation; you can reply once they have.', { reason: 'employer_first_message_required', conversationId: c.id });
  }
}
