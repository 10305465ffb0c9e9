/**
 * @module Personal API tokens (`ot_pat_`): minted with a masked preview, stored as SHA-256 only,
 * resolved on every Public API call (malformed → 401 before any lookup), listed, revoked.
 *
 * Lineage: a token minted through the API records its parent. It never outlives its parent
 * (expiry ≤ the parent's) nor out-scopes it (scopes covered by the parent's), and revoking a token
 * revokes all its descendants. Over the API a token manages only itself and its descendants, so a
 * leaked narrow token cannot list or revoke the owner's other tokens; the signed-in owner manages
 * every token of the account on /account.
 */
import { SCOPES, TOKEN_PREFIXES, type TokenMetadata, opentrainHasScope } from '@opentrain/api';
import { type Clock, type RateLimiter, badRequest, compileOnce, conflict, forbidden, generateToken, hashToken, isWellFormedToken, maskToken, newId, notFound, rateLimited, unauthorized } from '@platform/kit';
import type { Selectable } from 'kysely';
import { featureRowsJson, resolveFeatureStates } from '../accounts';
import type { OpenTrainAuth } from '../platform/context';
import { iso, type OpenTrainTables, type OtDb, type OtExecutor, textArray } from '../platform/db';
import type { OpenTrainLimits } from '../platform/limits';
import type { TokenOrigin } from './schema';

export type TokenRow = Selectable<OpenTrainTables['ot_api_tokens']>;

const PAT = TOKEN_PREFIXES.pat;
/** lastUsedAt is written at most once a minute per token, so a busy token is not a write per request. */
const TOUCH_EVERY_MS = 60_000;
const LIST_LIMIT = 200;

export interface MintInput {
  organizationId: string;
  userId: string | null;
  name: string;
  scopes: readonly string[];
  expiresAt: Date | null;
  origin: TokenOrigin;
  parentTokenId?: string | null;
}

export class TokensService {
  constructor(
    private readonly db: OtDb,
    private readonly clock: Clock,
    private readonly limiter: RateLimiter,
    private readonly limits: OpenTrainLimits,
  ) {
    this.tokenByHash = compileOnce(this.db, 1, (tokenHash: string) =>
      this.db
        .selectFrom('ot_api_tokens as t')
        .innerJoin('ot_organizations as o', 'o.id', 't.organization_id')
        .select(['t.id', 't.name', 't.scopes', 't.organization_id', 't.user_id', 't.expires_at', 't.revoked_at', 't.last_used_at', 'o.claimed_at', 'o.owner_user_id'])
        .select(featureRowsJson('t.organization_id').as('features'))
        .where('t.token_hash', '=', tokenHash),
    );
  }

  /** The token, its account and the account's feature flags: one query, compiled once (every request runs it). */
  private readonly tokenByHash;

  /** Creates a token; the secret is returned here and never again. */
  async mint(exec: OtExecutor, input: MintInput): Promise<{ secret: string; row: TokenRow }> {
    const secret = generateToken(PAT);
    const now = this.clock.now();
    const row = await exec
      .insertInto('ot_api_tokens')
      .values({
        id: newId('tok', now),
        organization_id: input.organizationId,
        user_id: input.userId,
        name: input.name,
        token_hash: hashToken(secret),
        preview: maskToken(secret, PAT),
        scopes: textArray(input.scopes),
        origin: input.origin,
        created_at: now,
        last_used_at: null,
        expires_at: input.expiresAt,
        revoked_at: null,
        revoked_reason: null,
        parent_token_id: input.parentTokenId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { secret, row };
  }

  /** The pipeline's authenticate(): null without a credential, 401 for a bad one, 429 over the per-token limit. */
  async authenticate(credential: string | null): Promise<OpenTrainAuth | null> {
    if (credential === null) return null;
    if (!isWellFormedToken(credential, [PAT])) {
      throw unauthorized(`Malformed token: expected ${PAT} followed by 38 letters and digits with a valid checksum.`, { reason: 'malformed_token' });
    }
    const [row] = await this.tokenByHash(hashToken(credential));
    if (!row) throw unauthorized('Unknown token.', { reason: 'unknown_token' });
    if (row.revoked_at) throw unauthorized('This token has been revoked.', { reason: 'token_revoked' });
    const now = this.clock.now();
    if (row.expires_at && new Date(row.expires_at).getTime() <= now.getTime()) {
      throw unauthorized(`This token expired at ${iso(row.expires_at)}.`, { reason: 'token_expired' });
    }
    const { limit, windowSeconds } = this.limits.publicApiPerToken;
    const hit = await this.limiter.hit(`ot:pat:${row.id}`, limit, windowSeconds);
    if (!hit.allowed) throw rateLimited(hit.retryAfterSeconds, undefined, { limit, windowSeconds });
    if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() >= TOUCH_EVERY_MS) {
      await this.db.updateTable('ot_api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    return {
      credentialId: row.id,
      tokenId: row.id,
      tokenName: row.name,
      scopes: row.scopes,
      organizationId: row.organization_id,
      userId: row.user_id ?? row.owner_user_id,
      claimed: row.claimed_at !== null,
      expiresAt: row.expires_at ? new Date(row.expires_at) : null,
      features: resolveFeatureStates(row.features),
    };
  }

  /** Every token of the account (the signed-in owner's /account page). */
  async list(organizationId: string): Promise<TokenMetadata[]> {
    const rows = await this.db.selectFrom('ot_api_tokens').selectAll().where('organization_id', '=', organizationId).orderBy('created_at', 'desc').orderBy('seq', 'desc').limit(LIST_LIMIT).execute();
    return rows.map((r) => this.view(r));
  }

  /** GET /tokens: the calling token and its descendants, newest first. */
  async listLineage(auth: OpenTrainAuth): Promise<TokenMetadata[]> {
    const ids = await this.lineage(this.db, auth.organizationId, auth.tokenId);
    const rows = await this.db.selectFrom('ot_api_tokens').selectAll().where('id', 'in', ids).orderBy('created_at', 'desc').orderBy('seq', 'desc').limit(LIST_LIMIT).execute();
    return rows.map((r) => this.view(r));
  }

  /** `rootId` and every token minted from it, directly or not (an account holds at most a few hundred). */
  async lineage(exec: OtExecutor, organizationId: string, rootId: string): Promise<string[]> {
    const rows = await exec.selectFrom('ot_api_tokens').select(['id', 'parent_token_id']).where('organization_id', '=', organizationId).execute();
    const children = new Map<string, string[]>();
    for (const r of rows) if (r.parent_token_id) children.set(r.parent_token_id, [...(children.get(r.parent_token_id) ?? []), r.id]);
    const found = rows.some((r) => r.id === rootId) ? [rootId] : [];
    for (let i = 0; i < found.length; i++) found.push(...(children.get(found[i]) ?? []));
    return found;
  }

  /** POST /tokens: scopes default to the caller's and must be covered by them; max active per organization. */
  async create(auth: OpenTrainAuth, input: { name: string; scopes?: string[]; expiresAt?: string }, origin: TokenOrigin = 'api') {
    const scopes = [...new Set(input.scopes ?? auth.scopes)];
    const unknownScopes = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
    if (unknownScopes.length) {
      throw badRequest(`Unknown scope${unknownScopes.length > 1 ? 's' : ''}: ${unknownScopes.join(', ')}.`, { field: 'scopes', unknownScopes, supportedScopes: SCOPES });
    }
    const uncovered = scopes.filter((s) => !opentrainHasScope(auth.scopes, s));
    if (uncovered.length) {
      throw forbidden(`A token can only grant scopes its creator holds; this token lacks ${uncovered.join(', ')}.`, {
        reason: 'scope_not_covered',
        requestedScopes: scopes,
        grantedScopes: auth.scopes,
        uncoveredScopes: uncovered,
      });
    }
    // Never outlives the parent: no expiry asked → the parent's; a later one → 400.
    const parentExpiry = auth.expiresAt;
    if (parentExpiry && input.expiresAt && new Date(input.expiresAt).getTime() > parentExpiry.getTime()) {
      throw badRequest(`expiresAt must not be later than the expiry of the token creating it (${parentExpiry.toISOString()}).`, {
        field: 'expiresAt',
        parentExpiresAt: parentExpiry.toISOString(),
      });
    }
    const expiresAt = input.expiresAt ?? parentExpiry?.toISOString();
    return this.createFor({ organizationId: auth.organizationId, name: input.name, scopes, expiresAt, origin, parentTokenId: auth.tokenId });
  }

  /** Mints for an organization after the caller's right to these scopes was checked (API or signed-in owner). */
  async createFor(input: { organizationId: string; name: string; scopes: string[]; expiresAt?: string; origin: TokenOrigin; parentTokenId?: string }) {
    const now = this.clock.now();
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= now.getTime()) throw badRequest('expiresAt must be in the future.', { field: 'expiresAt' });
    const max = this.limits.maxActiveTokens;
    return this.db.transaction().execute(async (trx) => {
      // Row lock on the organization serializes concurrent mints, so the cap holds.
      const org = await trx.selectFrom('ot_organizations').select(['id', 'owner_user_id']).where('id', '=', input.organizationId).forUpdate().executeTakeFirstOrThrow();
      if (input.parentTokenId) {
        // A parent revoked while this request was in flight must not leave a live child behind.
        const parent = await trx.selectFrom('ot_api_tokens').select(['revoked_at']).where('id', '=', input.parentTokenId).forUpdate().executeTakeFirst();
        if (!parent || parent.revoked_at) throw unauthorized('This token has been revoked.', { reason: 'token_revoked' });
      }
      const { active } = await trx
        .selectFrom('ot_api_tokens')
        .select((eb) => eb.fn.countAll<number>().as('active'))
        .where('organization_id', '=', input.organizationId)
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .executeTakeFirstOrThrow();
      if (Number(active) >= max) {
        throw conflict(`This account already has ${max} active tokens; revoke one first.`, { reason: 'token_limit_reached', limit: max });
      }
      const { secret, row } = await this.mint(trx, {
        organizationId: input.organizationId,
        userId: org.owner_user_id,
        name: input.name,
        scopes: input.scopes,
        expiresAt,
        origin: input.origin,
        parentTokenId: input.parentTokenId,
      });
      return { token: secret, tokenType: 'bearer' as const, metadata: this.view(row) };
    });
  }

  /**
   * Revokes a token and all its descendants (idempotent). With `within` (the calling token over
   * the API) only that token's own lineage is reachable; anything else reads as missing (404).
   */
  async revoke(organizationId: string, tokenId: string, reason = 'revoked_by_owner', within?: string): Promise<TokenMetadata> {
    const now = this.clock.now();
    const missing = () => notFound(`No token ${tokenId} in this account.`, { resource: 'tokens', tokenId });
    return this.db.transaction().execute(async (trx) => {
      if (within && !(await this.lineage(trx, organizationId, within)).includes(tokenId)) throw missing();
      const row = await trx.selectFrom('ot_api_tokens').select('id').where('id', '=', tokenId).where('organization_id', '=', organizationId).forUpdate().executeTakeFirst();
      if (!row) throw missing();
      await this.revokeWithDescendants(trx, organizationId, tokenId, reason, now);
      return this.view(await trx.selectFrom('ot_api_tokens').selectAll().where('id', '=', tokenId).executeTakeFirstOrThrow());
    });
  }

  private async revokeWithDescendants(exec: OtExecutor, organizationId: string, tokenId: string, reason: string, at: Date): Promise<void> {
    const ids = await this.lineage(exec, organizationId, tokenId);
    const descendantReason = `parent_revoked:${reason}`;
    await exec.updateTable('ot_api_tokens').set({ revoked_at: at, revoked_reason: reason }).where('id', '=', tokenId).where('revoked_at', 'is', null).execute();
    const descendants = ids.filter((id) => id !== tokenId);
    if (descendants.length) {
      await exec.updateTable('ot_api_tokens').set({ revoked_at: at, revoked_reason: descendantReason }).where('id', 'in', descendants).where('revoked_at', 'is', null).execute();
    }
  }

  /** RFC 7009: revoke by the secret itself (descendants too); unknown or malformed values are silently ignored. */
  async revokeBySecret(secret: string): Promise<boolean> {
    if (!isWellFormedToken(secret, [PAT])) return false;
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('ot_api_tokens').select(['id', 'organization_id', 'revoked_at']).where('token_hash', '=', hashToken(secret)).forUpdate().executeTakeFirst();
      if (!row) return false;
      await this.revokeWithDescendants(trx, row.organization_id, row.id, 'revoked_by_oauth_revoke', this.clock.now());
      return row.revoked_at === null;
    });
  }

  /** Revokes every live token of an organization (a completed claim ends all pre-claim tokens). */
  async revokeAll(exec: OtExecutor, organizationId: string, reason: string, at: Date): Promise<number> {
    const rows = await exec.updateTable('ot_api_tokens').set({ revoked_at: at, revoked_reason: reason }).where('organization_id', '=', organizationId).where('revoked_at', 'is', null).returning('id').execute();
    return rows.length;
  }

  view(row: TokenRow): TokenMetadata {
    const now = this.clock.now().getTime();
    const status = row.revoked_at ? 'revoked' : row.expires_at && new Date(row.expires_at).getTime() <= now ? 'expired' : 'active';
    return {
      id: row.id,
      name: row.name,
      preview: row.preview,
      scopes: row.scopes,
      status,
      organizationId: row.organization_id,
      createdAt: iso(row.created_at) as string,
      lastUsedAt: iso(row.last_used_at),
      expiresAt: iso(row.expires_at),
      revokedAt: iso(row.revoked_at),
    };
  }
}
