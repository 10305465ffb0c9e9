/**
 * @module Scope step-up: when a claimed agent's token lacks a scope, the refusal opens (or reuses) a
 * pending request and carries its URL; the signed-in owner grants exactly the requested scopes to
 * that same token, so the agent's retry succeeds without a new token or a restart. Grants are
 * recorded (who, when) and revocable on `/account`. See docs/opentrain-auth.md "Scope step-up".
 */
import { SCOPES, opentrainHasScope } from '@opentrain/api';
import { type Clock, conflict, forbidden, newId, notFound } from '@platform/kit';
import type { Selectable } from 'kysely';
import type { OpenTrainAuth, StepUpOffer } from '../platform/context';
import { iso, type OtDb, type OtExecutor, textArray } from '../platform/db';
import type { OpenTrainTables } from '../platform/db';
import type { TokensService } from '../tokens';

export type ScopeRequestRow = Selectable<OpenTrainTables['ot_scope_requests']>;

/** How long a pending request stays open; a later refusal opens a new one. */
export const SCOPE_REQUEST_TTL_MS = 7 * 24 * 3600_000;

export { RETRY_AFTER_APPROVAL } from '../platform/context';

export type { StepUpOffer } from '../platform/context';

export interface ScopeRequestView {
  id: string;
  tokenId: string;
  tokenName: string;
  tokenPreview: string;
  tokenStatus: 'active' | 'revoked' | 'expired';
  tokenScopes: string[];
  agentName: string | null;
  requestedScopes: string[];
  addedScopes: string[];
  status: 'pending' | 'granted' | 'revoked' | 'expired';
  createdAt: string;
  expiresAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  revokedBy: string | null;
  revokedAt: string | null;
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort();

export class StepUpService {
  constructor(
    private readonly db: OtDb,
    private readonly clock: Clock,
    private readonly publicUrl: () => string,
    private readonly tokens: TokensService,
  ) {}

  url(requestId: string): string {
    return `${this.publicUrl()}/account/scope-requests/${requestId}`;
  }

  /**
   * Opens or reuses the token's pending request so it covers `missing`; one pending request per
   * token keeps the URL stable across repeated refusals. Null when the token cannot be stepped up
   * (unclaimed account, or a scope OpenTrain does not know).
   */
  async offer(auth: OpenTrainAuth, missing: readonly string[]): Promise<StepUpOffer | null> {
    if (!auth.claimed || missing.length === 0) return null;
    if (missing.some((s) => !(SCOPES as readonly string[]).includes(s))) return null;
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      // Lock the token row: concurrent refusals of one token then share a single pending request.
      const token = await trx.selectFrom('ot_api_tokens').select(['id', 'revoked_at']).where('id', '=', auth.tokenId).forUpdate().executeTakeFirst();
      if (!token || token.revoked_at) return null;
      const pending = await this.pendingFor(trx, auth.tokenId, now);
      let row: ScopeRequestRow;
      if (pending) {
        const scopes = union(pending.requested_scopes, missing);
        row =
          scopes.length === pending.requested_scopes.length
            ? pending
            : await trx.updateTable('ot_scope_requests').set({ requested_scopes: textArray(scopes), updated_at: now }).where('id', '=', pending.id).returningAll().executeTakeFirstOrThrow();
      } else {
        row = await trx
          .insertInto('ot_scope_requests')
          .values({
            id: newId('scr', now),
            organization_id: auth.organizationId,
            token_id: auth.tokenId,
            requested_scopes: textArray(union([], missing)),
            added_scopes: textArray([]),
            status: 'pending',
            created_at: now,
            updated_at: now,
            expires_at: new Date(now.getTime() + SCOPE_REQUEST_TTL_MS),
            decided_by_user_id: null,
            decided_at: null,
            revoked_by_user_id: null,
            revoked_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      }
      return { stepUpUrl: this.url(row.id), stepUpRequestId: row.id, missingScopes: [...missing].sort(), expiresAt: iso(row.expires_at) as string };
    });
  }

  private pendingFor(exec: OtExecutor, tokenId: string, now: Date) {
    return exec.selectFrom('ot_scope_requests').selectAll().where('token_id', '=', tokenId).where('status', '=', 'pending').where('expires_at', '>', now).orderBy('created_at', 'desc').executeTakeFirst();
  }

  /** A request of the owner's organization (another organization's is a 404, not a 403: no probing). */
  async view(organizationId: string, requestId: string): Promise<ScopeRequestView> {
    const [view] = await this.views(organizationId, requestId);
    if (!view) throw notFound(`No scope request ${requestId} in this account.`, { resource: 'scope-requests', requestId });
    return view;
  }

  /** Granted and pending requests of an organization, newest first (the `/account` list). */
  list(organizationId: string): Promise<ScopeRequestView[]> {
    return this.views(organizationId);
  }

  private async views(organizationId: string, requestId?: string): Promise<ScopeRequestView[]> {
    let query = this.db
      .selectFrom('ot_scope_requests as r')
      .innerJoin('ot_api_tokens as t', 't.id', 'r.token_id')
      .innerJoin('ot_organizations as o', 'o.id', 'r.organization_id')
      .leftJoin('ot_users as d', 'd.id', 'r.decided_by_user_id')
      .leftJoin('ot_users as v', 'v.id', 'r.revoked_by_user_id')
      .leftJoin('ot_agent_registrations as a', 'a.organization_id', 'r.organization_id')
      .select([
        'r.id', 'r.token_id', 'r.requested_scopes', 'r.added_scopes', 'r.status', 'r.created_at', 'r.expires_at', 'r.decided_at', 'r.revoked_at',
        't.name as token_name', 't.preview', 't.scopes as token_scopes', 't.revoked_at as token_revoked_at', 't.expires_at as token_expires_at',
        'd.email as decided_by', 'v.email as revoked_by', 'a.agent_name',
      ])
      .where('r.organization_id', '=', organizationId)
      .orderBy('r.created_at', 'desc')
      .limit(100);
    if (requestId) query = query.where('r.id', '=', requestId);
    const rows = await query.execute();
    const now = this.clock.now().getTime();
    return rows.map((r) => ({
      id: r.id,
      tokenId: r.token_id,
      tokenName: r.token_name,
      tokenPreview: r.preview,
      tokenStatus: r.token_revoked_at ? 'revoked' : r.token_expires_at && new Date(r.token_expires_at).getTime() <= now ? 'expired' : 'active',
      tokenScopes: r.token_scopes,
      agentName: r.agent_name ?? null,
      requestedScopes: r.requested_scopes,
      addedScopes: r.added_scopes,
      status: r.status === 'pending' && new Date(r.expires_at).getTime() <= now ? 'expired' : r.status,
      createdAt: iso(r.created_at) as string,
      expiresAt: iso(r.expires_at) as string,
      decidedBy: r.decided_by ?? null,
      decidedAt: iso(r.decided_at),
      revokedBy: r.revoked_by ?? null,
      revokedAt: iso(r.revoked_at),
    }));
  }

  /**
   * The owner grants exactly `expectedScopes` (what the page showed) to the request's token. Refused
   * when the request changed since (review again), is not pending, expired, or the token is revoked,
   * expired or pre-claim. Only scopes OpenTrain knows are ever added: within what an owner may mint.
   */
  async grant(input: { organizationId: string; userId: string; requestId: string; expectedScopes: string[] }): Promise<ScopeRequestView> {
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const request = await trx.selectFrom('ot_scope_requests').selectAll().where('id', '=', input.requestId).where('organization_id', '=', input.organizationId).forUpdate().executeTakeFirst();
      if (!request) throw notFound(`No scope request ${input.requestId} in this account.`, { resource: 'scope-requests', requestId: input.requestId });
      if (request.status !== 'pending') throw conflict(`This request was already ${request.status}.`, { reason: 'scope_request_not_pending', status: request.status });
      if (new Date(request.expires_at).getTime() <= now.getTime()) throw conflict('This request expired; the agent gets a new link with its next refused call.', { reason: 'scope_request_expired' });
      if (union([], input.expectedScopes).join(' ') !== union([], request.requested_scopes).join(' ')) {
        throw conflict('The agent asked for more scopes since this page was opened; review the request again.', { reason: 'scope_request_changed' });
      }
      const token = await trx.selectFrom('ot_api_tokens').selectAll().where('id', '=', request.token_id).forUpdate().executeTakeFirstOrThrow();
      const org = await trx.selectFrom('ot_organizations').select(['claimed_at']).where('id', '=', input.organizationId).executeTakeFirstOrThrow();
      if (token.revoked_at) throw conflict('This token has been revoked; it cannot be given more scopes.', { reason: 'token_revoked' });
      if (token.expires_at && new Date(token.expires_at).getTime() <= now.getTime()) throw conflict('This token has expired; it cannot be given more scopes.', { reason: 'token_expired' });
      if (!org.claimed_at || token.origin === 'agent_registration') {
        throw forbidden('A pre-claim token cannot be given more scopes: the agent claims the account first (opentrain_claim_account).', { reason: 'account_claim_required' });
      }
      const known = request.requested_scopes.filter((s) => (SCOPES as readonly string[]).includes(s));
      if (token.parent_token_id) {
        // Lineage: a token never out-scopes the token that minted it, step-up included.
        const parent = await trx.selectFrom('ot_api_tokens').select(['scopes']).where('id', '=', token.parent_token_id).executeTakeFirst();
        const beyond = known.filter((s) => !opentrainHasScope(parent?.scopes ?? [], s));
        if (beyond.length) {
          throw conflict(`This token was minted by another token that lacks ${beyond.join(', ')}; a token never holds more than its parent. Step up the parent token instead.`, { reason: 'scope_exceeds_parent', beyondParent: beyond });
        }
      }
      const added = known.filter((s) => !opentrainHasScope(token.scopes, s));
      await trx.updateTable('ot_api_tokens').set({ scopes: textArray(union(token.scopes, added)) }).where('id', '=', token.id).execute();
      await trx
        .updateTable('ot_scope_requests')
        .set({ status: 'granted', added_scopes: textArray(added), decided_by_user_id: input.userId, decided_at: now, updated_at: now })
        .where('id', '=', request.id)
        .execute();
    });
    return this.view(input.organizationId, input.requestId);
  }

  /** Takes back what a grant added (the token keeps the scopes it had before). Idempotent. */
  async revoke(input: { organizationId: string; userId: string; requestId: string }): Promise<ScopeRequestView> {
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const request = await trx.selectFrom('ot_scope_requests').selectAll().where('id', '=', input.requestId).where('organization_id', '=', input.organizationId).forUpdate().executeTakeFirst();
      if (!request) throw notFound(`No scope request ${input.requestId} in this account.`, { resource: 'scope-requests', requestId: input.requestId });
      if (request.status !== 'granted') return;
      // The token and every token minted from it lose what the grant added: children copied the
      // parent's scopes at mint time and must not keep more than their parent now holds.
      const ids = await this.tokens.lineage(trx, input.organizationId, request.token_id);
      const rows = await trx.selectFrom('ot_api_tokens').select(['id', 'scopes']).where('id', 'in', ids).forUpdate().execute();
      for (const row of rows) {
        const remaining = row.scopes.filter((s) => !request.added_scopes.includes(s));
        if (remaining.length !== row.scopes.length) await trx.updateTable('ot_api_tokens').set({ scopes: textArray(remaining) }).where('id', '=', row.id).execute();
      }
      await trx.updateTable('ot_scope_requests').set({ status: 'revoked', revoked_by_user_id: input.userId, revoked_at: now, updated_at: now }).where('id', '=', request.id).execute();
    });
    return this.view(input.organizationId, input.requestId);
  }
}
