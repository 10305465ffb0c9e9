/**
 * @module Who is looking (the viewer's side decides isFromViewer, unread and needs-reply counts),
 * rows → the API's Message and conversation summary objects, and the opaque list cursor.
 */
import type { ConversationSummary, Message } from '@opentrain/api';
import { badRequest } from '@platform/kit';
import type { Selectable } from 'kysely';
import { iso } from '../platform/db';
import type { MessagingTables, SenderSide } from './schema';

/** An API token acts for its organization (any member); a signed-in freelancer acts for themself. */
export type Viewer = { side: 'employer'; organizationId: string; userId: string | null } | { side: 'freelancer'; userId: string };

export type ConversationRow = Selectable<MessagingTables['ot_conversations']>;
export type MessageRow = Selectable<MessagingTables['ot_messages']>;

export const otherSide = (side: SenderSide): SenderSide => (side === 'employer' ? 'freelancer' : 'employer');
export const readSeqOf = (c: ConversationRow, side: SenderSide) => Number(side === 'employer' ? c.employer_read_seq : c.freelancer_read_seq);

export function toMessage(m: MessageRow, c: Pick<ConversationRow, 'job_id'>, viewerSide: SenderSide, viewerReadSeq: number): Message {
  const createdAt = iso(m.created_at) as string;
  return {
    id: m.id,
    createdAt,
    updatedAt: createdAt,
    conversationId: m.conversation_id,
    jobId: c.job_id,
    senderUserId: m.sender_user_id,
    isFromViewer: m.sender_side === viewerSide,
    content: m.content,
    messageType: 'TEXT',
    system: false,
    hasUnreadFlag: m.sender_side !== viewerSide && Number(m.seq) > viewerReadSeq,
    attachmentCount: 0,
    hasAudio: false,
    editedAt: null,
    reactionCount: 0,
  };
}

export interface SummaryCounts {
  unreadCount: number;
  needsReplyCount: number;
}

export function toSummary(c: ConversationRow, last: MessageRow | undefined, viewerSide: SenderSide, counts: SummaryCounts): ConversationSummary {
  return {
    id: c.id,
    type: 'DIRECT_MESSAGE',
    bucket: c.bucket,
    jobId: c.job_id,
    proposalId: c.proposal_id,
    contractId: c.contract_id,
    channelName: c.channel_name ?? 'Conversation',
    status: c.status,
    sandbox: c.sandbox === true,
    updatedAt: iso(c.updated_at) as string,
    lastMessage: last
      ? {
          id: last.id,
          content: last.content,
          senderUserId: last.sender_user_id,
          isFromViewer: last.sender_side === viewerSide,
          createdAt: iso(last.created_at) as string,
        }
      : null,
    unreadCount: counts.unreadCount,
    needsReplyCount: counts.needsReplyCount,
  };
}

/** List-mode position: the last conversation's (updatedAt, id), base64url JSON. */
export interface ListPosition {
  updatedAt: Date;
  id: string;
}

export const encodeListCursor = (p: ListPosition) => Buffer.from(JSON.stringify({ u: p.updatedAt.toISOString(), i: p.id })).toString('base64url');

export function decodeListCursor(cursor: string): ListPosition {
  const invalid = () => badRequest('Invalid cursor: pass the nextCursor of a previous conversation list.', { field: 'cursor' });
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const { u, i } = (parsed ?? {}) as { u?: unknown; i?: unknown };
  const updatedAt = typeof u === 'string' ? new Date(u) : new Date(Number.NaN);
  if (typeof i !== 'string' || Number.isNaN(updatedAt.getTime())) throw invalid();
  return { updatedAt, id: i };
}

/** "Maria G.": first name and last initial, never the full name or email. */
export function maskName(first: string | null, last: string | null): string {
  const f = first?.trim();
  const l = last?.trim();
  if (!f) return 'AI trainer';
  return l ? `${f} ${l[0].toUpperCase()}.` : f;
}
