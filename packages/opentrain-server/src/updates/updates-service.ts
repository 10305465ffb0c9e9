/**
 * @module The updates feed (spec 3.8, GET /updates): the account's events of the 8 documented
 * types the token can read, oldest first, IDs only.
 *
 * The cursor is the numeric id of the last event a page returned, but pages are NOT `id > cursor`:
 * on PostgreSQL a transaction can take id 7, commit after the one that took id 8, and an id cursor
 * would have moved past 7 for ever. Instead the cursor is resolved to that event's outbox position
 * (transaction id, event id) and the page is read with the kit's `readEvents`, which only hands out
 * events of transactions older than every transaction still running, in (transaction, id) order.
 * A late-committing event therefore always lands after any cursor already handed out.
 */
import { opentrainHasScope } from '@opentrain/api';
import { badRequest, forbidden, readEvents } from '@platform/kit';
import { sql } from 'kysely';
import type { OtDb } from '../platform/db';
import { EVENT_TYPE_SCOPES, type EventRecord, toEventRecord, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../webhooks';

export const FEED_READ_SCOPES = ['proposals:read', 'messages:read', 'payments:read'] as const;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface UpdatesPage {
  events: EventRecord[];
  nextCursor: string | null;
  hasMore: boolean;
}

/** The event types a token with `scopes` may read (empty = none of the feed's read scopes). */
export function readableEventTypes(scopes: readonly string[]): WebhookEventType[] {
  return WEBHOOK_EVENT_TYPES.filter((type) => opentrainHasScope(scopes, EVENT_TYPE_SCOPES[type]));
}

export class UpdatesService {
  constructor(private readonly db: OtDb) {}

  async poll(organizationId: string, scopes: readonly string[], options: { cursor?: string | null; limit?: number } = {}): Promise<UpdatesPage> {
    const types = readableEventTypes(scopes);
    if (types.length === 0) {
      throw forbidden(`Reading updates needs at least one of ${FEED_READ_SCOPES.join(', ')}.`, {
        reason: 'insufficient_scope',
        requiredScopes: [...FEED_READ_SCOPES],
        grantedScopes: [...scopes],
        anyOf: true,
      });
    }
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
    const cursor = options.cursor ?? null;
    const after = await this.positionOf(organizationId, cursor);
    const page = await readEvents(this.db, { after, scope: organizationId, types, limit: limit + 1 });
    const events = page.events.slice(0, limit);
    return {
      events: events.map(toEventRecord),
      nextCursor: events.length > 0 ? String(events[events.length - 1].id) : cursor,
      hasMore: page.events.length > limit,
    };
  }

  /** The outbox position of the cursor's event (null = the start). "0" is accepted as the start too. */
  private async positionOf(organizationId: string, cursor: string | null): Promise<string | null> {
    if (cursor === null || /^0+$/.test(cursor)) return null;
    if (!/^\d{1,19}$/.test(cursor) || BigInt(cursor) > 9223372036854775807n) throw invalidCursor();
    const { rows } = await sql<{ tx_id: string }>`
      select tx_id::text as tx_id from outbox_events where id = ${cursor}::bigint and scope = ${organizationId}`.execute(this.db);
    if (!rows[0]) throw invalidCursor();
    return `${rows[0].tx_id}.${cursor}`;
  }
}

const invalidCursor = () => badRequest('cursor is not a nextCursor value this account was given; omit it to start from the beginning.', { field: 'cursor', reason: 'invalid_cursor' });
