/**
 * @module API keys: `tak_` + 32 random base62 + checksum, stored as a SHA-256 hash, returned in full
 * only by `create`, listed masked (`tak_` + 8 + `...` + last 4). A key can only mint keys within its
 * own scopes; revocation is immediate (the next call gets 401).
 */
import { compileOnce, forbidden, generateToken, hashToken, maskToken, notFound } from '@platform/kit';
import { type ApiKey, scopesNotCovered } from '@trainar/api';
import { sql } from 'kysely';
import { type ApiKeysTable, iso } from '../platform/db';
import type { Actor, ServiceDeps } from '../platform/deps';

export const KEY_PREFIX = 'tak_';

export function presentKey(row: ApiKeysTable): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: `${KEY_PREFIX}${row.prefix}`,
    last4: row.last4,
    masked_key: `${KEY_PREFIX}${row.prefix}...${row.last4}`,
    scopes: row.scopes,
    created_at: iso(row.created_at) as string,
    last_used_at: iso(row.last_used_at),
    revoked: row.revoked_at !== null,
    revoked_at: iso(row.revoked_at),
    created_via: row.created_via,
  };
}

export interface AuthenticatedKey {
  keyId: string;
  tenantId: string;
  scopes: string[];
}

export class ApiKeyService {
  constructor(private readonly deps: ServiceDeps) {
    this.keyByHash = compileOnce(deps.db, 1, (keyHash: string) =>
      deps.db
        .selectFrom('api_keys')
        .innerJoin('tenants', 'tenants.id', 'api_keys.tenant_id')
        .select(['api_keys.id', 'api_keys.tenant_id', 'api_keys.scopes', 'api_keys.revoked_at', 'api_keys.last_used_at', 'tenants.status'])
        .where('api_keys.key_hash', '=', keyHash),
    );
  }

  /** The key and its tenant's status: one query, compiled once (every API request runs it). */
  private readonly keyByHash;

  /**
   * Mints a key. Scope names are validated by the contract (unknown → 400); here a key acting as
   * creator may only pass on scopes it holds itself (403 naming the missing ones).
   */
  async create(tenantId: string, actor: Actor, input: { name: string; scopes: string[] }): Promise<ApiKey & { key: string }> {
    if (actor.kind === 'key') {
      const missing = scopesNotCovered(actor.scopes, input.scopes);
      if (missing.length) {
        throw forbidden(`This key cannot grant ${missing.join(', ')}: a key can only create keys with scopes it has.`, { field: 'scopes', missingScopes: missing, grantedScopes: actor.scopes });
      }
    }
    const key = generateToken(KEY_PREFIX);
    const masked = maskToken(key, KEY_PREFIX, { head: 8, tail: 4, mask: '...' });
    const now = this.deps.clock.now();
    const row = await this.deps.db
      .insertInto('api_keys')
      .values({
        id: crypto.randomUUID(),
        tenant_id: tenantId,
        name: input.name,
        key_hash: hashToken(key),
        prefix: masked.slice(KEY_PREFIX.length, KEY_PREFIX.length + 8),
        last4: key.slice(-4),
        scopes: sql<string[]>`${sql.val([...new Set(input.scopes)])}::text[]` as never,
        created_via: actor.kind === 'user' ? 'dashboard' : actor.kind === 'key' ? 'api' : 'operator',
        created_by_user_id: actor.kind === 'user' ? actor.userId : null,
        created_by_key_id: actor.kind === 'key' ? actor.keyId : null,
        created_at: now,
        last_used_at: null,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ...presentKey(row), key };
  }

  async list(tenantId: string, input: { limit: number; offset: number }) {
    const [rows, total] = await Promise.all([
      this.deps.db.selectFrom('api_keys').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(input.limit).offset(input.offset).execute(),
      this.deps.db
        .selectFrom('api_keys')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', tenantId)
        .executeTakeFirstOrThrow(),
    ]);
    return { api_keys: rows.map(presentKey), total: Number(total.n), limit: input.limit, offset: input.offset };
  }

  /** Revokes the key (idempotent: revoking a revoked key returns it unchanged). */
  async revoke(tenantId: string, keyId: string): Promise<ApiKey> {
    const now = this.deps.clock.now();
    await this.deps.db.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', keyId).where('tenant_id', '=', tenantId).where('revoked_at', 'is', null).execute();
    const row = await this.deps.db.selectFrom('api_keys').selectAll().where('id', '=', keyId).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!row) throw notFound(`No API key ${keyId} in this tenant.`, { field: 'key_id' });
    return presentKey(row);
  }

  /**
   * The key's tenant and scopes, or null when the key is unknown, revoked or its tenant disabled.
   * Records `last_used_at` (at most once a minute per key, to keep reads cheap).
   */
  async authenticate(key: string): Promise<AuthenticatedKey | null> {
    const [row] = await this.keyByHash(hashToken(key));
    if (!row || row.revoked_at !== null || row.status !== 'active') return null;
    const now = this.deps.clock.now();
    if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() >= 60_000) {
      await this.deps.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    return { keyId: row.id, tenantId: row.tenant_id, scopes: row.scopes };
  }
}
