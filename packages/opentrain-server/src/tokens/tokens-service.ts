/**
 * @module Personal API tokens (`ot_pat_`): minted with a masked preview, stored as SHA-256 only,
 * resolved on every Public API call (malformed → 401 before any lookup), listed, revoked.
 */
import { SCOPES, TOKEN_PREFIXES, type TokenMetadata, opentrainHasScope } from '@opentrain/api';
import { type Clock, type RateLimiter, badRequest, compileOnce, conflict, forbidden, generateToken, hashToken, isWellFormedToken, maskToken, newId, notFound, rateLimited, unauthorized } from '@platform/kit';
import type { Selectable } from 'kysely';
import { featureRowsJson, resolveFeatureStates } from '../accounts/features-service';
import type { OpenTrainAuth } from '../context';
import { iso, type OpenTrainTables, type OtDb, type OtExecutor, textArray } from '../db';
import type { OpenTrainLimits } from '../limits';
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

  async list(organizationId: string): Promise<TokenMetadata[]> {
    const rows = await this.db.selectFrom('ot_api_tokens').selectAll().where('organization_id', '=', organizationId).orderBy('created_at', 'desc').orderBy('seq', 'desc').limit(LIST_LIMIT).execute();
    return rows.map((r) => this.view(r));
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
    return this.createFor({ organizationId: auth.organizationId, name: input.name, scopes, expiresAt: input.expiresAt, origin });
  }

  /** Mints for an organization after the caller's right to these scopes was checked (API or signed-in owner). */
  async createFor(input: { organizationId: string; name: string; scopes: string[]; expiresAt?: string; origin: TokenOrigin }) {
    const now = this.clock.now();
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= now.getTime()) throw badRequest('expiresAt must be in the future.', { field: 'expiresAt' });
    const max = this.limits.maxActiveTokens;
    return this.db.transaction().execute(async (trx) => {
      // Row lock on the organization serializes concurrent mints, so the cap holds.
      const org = await trx.selectFrom('ot_organizations').select(['id', 'owner_user_id']).where('id', '=', input.organizationId).forUpdate().executeTakeFirstOrThrow();
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
      const { secret, row } = await this.mint(trx, { organizationId: input.organizationId, userId: org.owner_user_id, name: input.name, scopes: input.scopes, expiresAt, origin: input.origin });
      return { token: secret, tokenType: 'bearer' as const, metadata: this.view(row) };
    });
  }

  /** DELETE /tokens/{id}: idempotent; another account's token is a 404. */
  async revoke(organizationId: string, tokenId: string, reason = 'revoked_by_owner'): Promise<TokenMetadata> {
    const now = this.clock.now();
    await this.db.updateTable('ot_api_tokens').set({ revoked_at: now, revoked_reason: reason }).where('id', '=', tokenId).where('organization_id', '=', organizationId).where('revoked_at', 'is', null).execute();
    const row = await this.db.selectFrom('ot_api_tokens').selectAll().where('id', '=', tokenId).where('organization_id', '=', organizationId).executeTakeFirst();
    if (!row) throw notFound(`No token ${tokenId} in this account.`, { resource: 'tokens', tokenId });
    return this.view(row);
  }

  /** RFC 7009: revoke by the secret itself; unknown or malformed values are silently ignored. */
  async revokeBySecret(secret: string): Promise<boolean> {
    if (!isWellFormedToken(secret, [PAT])) return false;
    const row = await this.db
      .updateTable('ot_api_tokens')
      .set({ revoked_at: this.clock.now(), revoked_reason: 'revoked_by_oauth_revoke' })
      .where('token_hash', '=', hashToken(secret))
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
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
