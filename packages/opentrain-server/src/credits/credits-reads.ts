/**
 * @module Credit ledger reads: balances, holds, entry pages with opaque keyset cursors (newest
 * first), freelancer earnings, and an audit that recomputes everything cached from the ledger.
 */
import { badRequest, type Clock, type Executor, notFound } from '@platform/kit';
import { sql } from 'kysely';
import { asCredits, type Balance, type CreditHold, cents, entryView, holdView, type LedgerEntry } from './ledger';

export interface EntryPage {
  entries: LedgerEntry[];
  /** Pass back as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

export interface FreelancerEarning {
  id: string;
  freelancerId: string;
  type: 'CAPTURE' | 'REFUND';
  amountCents: number;
  accountId: string;
  holdId: string;
  ledgerEntryId: string;
  reference: string | null;
  createdAt: Date;
}

export interface EarningsPage {
  earnings: FreelancerEarning[];
  nextCursor: string | null;
}

export interface AccountAudit {
  accountId: string;
  ok: boolean;
  /** Human-readable descriptions of every mismatch found (empty when ok). */
  problems: string[];
  cached: Balance & { version: number };
  ledger: Balance & { entries: number };
  openHoldsCents: number;
}

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 100;

export class CreditReads {
  constructor(
    protected readonly db: Executor,
    protected readonly clock: Clock,
  ) {}

  /** Never-used accounts read as zeros (not 404). */
  async getBalance(accountId: string, exec: Executor = this.db): Promise<Balance> {
    const row = await asCredits(exec).selectFrom('credit_balances').select(['available_cents', 'reserved_cents']).where('account_id', '=', accountId).executeTakeFirst();
    return row ? { availableCents: cents(row.available_cents), reservedCents: cents(row.reserved_cents) } : { availableCents: 0, reservedCents: 0 };
  }

  async getHold(holdId: string, exec: Executor = this.db): Promise<CreditHold> {
    const row = await asCredits(exec).selectFrom('credit_holds').selectAll().where('id', '=', holdId).executeTakeFirst();
    if (!row) throw notFound(`No credit hold ${holdId}.`, { resource: 'credit-holds', holdId });
    return holdView(row);
  }

  /** Holds of an account, newest first (open ones only by default). */
  async listHolds(accountId: string, options: { status?: CreditHold['status'] | 'ALL' } = {}, exec: Executor = this.db): Promise<CreditHold[]> {
    const status = options.status ?? 'OPEN';
    let query = asCredits(exec).selectFrom('credit_holds').selectAll().where('account_id', '=', accountId);
    if (status !== 'ALL') query = query.where('status', '=', status);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();
    return rows.map(holdView);
  }

  /** The account's entries, newest first, `limit` 1–100 (default 50). */
  async listEntries(accountId: string, options: { cursor?: string | null; limit?: number } = {}, exec: Executor = this.db): Promise<EntryPage> {
    const limit = pageLimit(options.limit);
    const before = options.cursor ? decodeCursor(options.cursor, 'e') : null;
    let query = this.entriesWithHold(exec).where('e.account_id', '=', accountId);
    if (before !== null) query = query.where('e.seq', '<', Number(before));
    const rows = await query.orderBy('e.seq', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    return { entries: page.map(entryView), nextCursor: rows.length > limit ? encodeCursor('e', String(cents(page[page.length - 1].seq))) : null };
  }

  /** The last `limit` entries (GET /credits shows 10). */
  async recentEntries(accountId: string, limit = 10, exec: Executor = this.db): Promise<LedgerEntry[]> {
    return (await this.listEntries(accountId, { limit }, exec)).entries;
  }

  async findEntryByKey(idempotencyKey: string, exec: Executor = this.db): Promise<LedgerEntry | null> {
    const row = await this.entriesWithHold(exec).where('e.idempotency_key', '=', idempotencyKey).executeTakeFirst();
    return row ? entryView(row) : null;
  }

  private entriesWithHold(exec: Executor) {
    return asCredits(exec)
      .selectFrom('credit_ledger_entries as e')
      .leftJoin('credit_holds as h', 'h.id', 'e.hold_id')
      .selectAll('e')
      .select('h.hold_entry_id');
  }

  /** What a freelancer has earned: captures credited to them minus refunds of those captures. */
  async getEarnings(freelancerId: string, exec: Executor = this.db): Promise<{ freelancerId: string; earnedCents: number; capturedCents: number; refundedCents: number }> {
    const { rows } = await sql<{ captured: string | number; refunded: string | number }>`
      SELECT COALESCE(SUM(amount_cents) FILTER (WHERE type = 'CAPTURE'), 0)::bigint AS captured,
             COALESCE(-SUM(amount_cents) FILTER (WHERE type = 'REFUND'), 0)::bigint AS refunded
      FROM freelancer_earnings WHERE freelancer_id = ${freelancerId}`.execute(exec);
    const capturedCents = cents(rows[0].captured);
    const refundedCents = cents(rows[0].refunded);
    return { freelancerId, earnedCents: capturedCents - refundedCents, capturedCents, refundedCents };
  }

  async listEarnings(freelancerId: string, options: { cursor?: string | null; limit?: number } = {}, exec: Executor = this.db): Promise<EarningsPage> {
    const limit = pageLimit(options.limit);
    let query = asCredits(exec).selectFrom('freelancer_earnings').selectAll().where('freelancer_id', '=', freelancerId);
    if (options.cursor) query = query.where('position', '<', Number(decodeCursor(options.cursor, 'f')));
    const rows = await query.orderBy('position', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const earnings = page.map((r) => ({
      id: r.id,
      freelancerId: r.freelancer_id,
      type: r.type,
      amountCents: cents(r.amount_cents),
      accountId: r.account_id,
      holdId: r.hold_id,
      ledgerEntryId: r.ledger_entry_id,
      reference: r.reference,
      createdAt: new Date(r.created_at),
    }));
    return { earnings, nextCursor: rows.length > limit ? encodeCursor('f', String(cents(last.position))) : null };
  }

  /**
   * Recomputes an account from its ledger and compares with every cached figure: balance =
   * Σ deltas, reserved = Σ open holds' remainders, running balances chain without gaps, each
   * hold's captured/released/refunded = its entries, each payee's earnings = captured − refunded.
   */
  async verifyAccount(accountId: string, exec: Executor = this.db): Promise<AccountAudit> {
    const problems: string[] = [];
    const balance = await asCredits(exec).selectFrom('credit_balances').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    const cached = balance
      ? { availableCents: cents(balance.available_cents), reservedCents: cents(balance.reserved_cents), version: cents(balance.version) }
      : { availableCents: 0, reservedCents: 0, version: 0 };
    const sums = await sql<{ n: string | number; available: string | number; reserved: string | number; broken: string | number }>`
      WITH e AS (
        SELECT seq, available_delta, reserved_delta, available_after, reserved_after,
               LAG(available_after, 1, 0::bigint) OVER (ORDER BY seq) AS prev_available,
               LAG(reserved_after, 1, 0::bigint) OVER (ORDER BY seq) AS prev_reserved,
               ROW_NUMBER() OVER (ORDER BY seq) AS rn
        FROM credit_ledger_entries WHERE account_id = ${accountId})
      SELECT COUNT(*)::bigint AS n,
             COALESCE(SUM(available_delta), 0)::bigint AS available,
             COALESCE(SUM(reserved_delta), 0)::bigint AS reserved,
             COUNT(*) FILTER (WHERE seq <> rn OR available_after <> prev_available + available_delta
                                OR reserved_after <> prev_reserved + reserved_delta)::bigint AS broken
      FROM e`.execute(exec);
    const ledger = { availableCents: cents(sums.rows[0].available), reservedCents: cents(sums.rows[0].reserved), entries: cents(sums.rows[0].n) };
    if (cents(sums.rows[0].broken) > 0) problems.push(`${sums.rows[0].broken} entries break the running-balance chain or the seq sequence`);
    if (ledger.availableCents !== cached.availableCents) problems.push(`available ${cached.availableCents} ≠ ledger ${ledger.availableCents}`);
    if (ledger.reservedCents !== cached.reservedCents) problems.push(`reserved ${cached.reservedCents} ≠ ledger ${ledger.reservedCents}`);
    if (ledger.entries !== cached.version) problems.push(`version ${cached.version} ≠ ${ledger.entries} entries`);
    if (cached.availableCents < 0 || cached.reservedCents < 0) problems.push('negative balance');

    const holds = await sql<Record<'id' | 'amount' | 'captured' | 'released' | 'refunded' | 'e_held' | 'e_captured' | 'e_released' | 'e_refunded' | 'earned', string | number> & { status: string; payee_id: string | null }>`
      SELECT h.id, h.status, h.payee_id, h.amount_cents AS amount, h.captured_cents AS captured, h.released_cents AS released,
             h.refunded_cents AS refunded,
             COALESCE((SELECT -SUM(amount_cents) FROM credit_ledger_entries e WHERE e.hold_id = h.id AND e.type = 'HOLD'), 0)::bigint AS e_held,
             COALESCE((SELECT -SUM(amount_cents) FROM credit_ledger_entries e WHERE e.hold_id = h.id AND e.type = 'CAPTURE'), 0)::bigint AS e_captured,
             COALESCE((SELECT SUM(amount_cents) FROM credit_ledger_entries e WHERE e.hold_id = h.id AND e.type = 'HOLD_RELEASE'), 0)::bigint AS e_released,
             COALESCE((SELECT SUM(amount_cents) FROM credit_ledger_entries e WHERE e.hold_id = h.id AND e.type = 'REFUND'), 0)::bigint AS e_refunded,
             COALESCE((SELECT SUM(amount_cents) FROM freelancer_earnings f WHERE f.hold_id = h.id), 0)::bigint AS earned
      FROM credit_holds h WHERE h.account_id = ${accountId}`.execute(exec);
    let openHoldsCents = 0;
    for (const h of holds.rows) {
      const [amount, captured, released, refunded] = [cents(h.amount), cents(h.captured), cents(h.released), cents(h.refunded)];
      if (h.status === 'OPEN') openHoldsCents += amount - captured - released;
      if (cents(h.e_held) !== amount) problems.push(`hold ${h.id}: HOLD entries ${h.e_held} ≠ amount ${amount}`);
      if (cents(h.e_captured) !== captured) problems.push(`hold ${h.id}: CAPTURE entries ${h.e_captured} ≠ captured ${captured}`);
      if (cents(h.e_released) !== released) problems.push(`hold ${h.id}: HOLD_RELEASE entries ${h.e_released} ≠ released ${released}`);
      if (cents(h.e_refunded) !== refunded) problems.push(`hold ${h.id}: REFUND entries ${h.e_refunded} ≠ refunded ${refunded}`);
      const expectedEarned = h.payee_id ? captured - refunded : 0;
      if (cents(h.earned) !== expectedEarned) problems.push(`hold ${h.id}: earnings ${h.earned} ≠ ${expectedEarned}`);
    }
    if (openHoldsCents !== cached.reservedCents) problems.push(`reserved ${cached.reservedCents} ≠ open holds ${openHoldsCents}`);
    return { accountId, ok: problems.length === 0, problems, cached, ledger, openHoldsCents };
  }
}

function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw badRequest(`limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}.`, { field: 'limit' });
  }
  return limit;
}

/** Cursors are opaque to clients: a kind letter and a position, base64url-encoded. */
function encodeCursor(kind: 'e' | 'f', position: string): string {
  return Buffer.from(`${kind}:${position}`).toString('base64url');
}

function decodeCursor(cursor: string, kind: 'e' | 'f'): string {
  const text = /^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
  const match = new RegExp(`^${kind}:(\\d{1,15})$`).exec(text);
  if (!match) throw badRequest('Invalid cursor: pass back the nextCursor of a previous page.', { field: 'cursor' });
  return match[1];
}
