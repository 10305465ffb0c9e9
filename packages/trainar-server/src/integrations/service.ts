/**
 * @module A tenant's integrations (spec 2.10): the provider registry, connect (OAuth 2.0 code + PKCE;
 * the state is single use, expires in 10 minutes and is bound to the tenant and to the user or key
 * that asked), our callback (tokens sealed at rest with the kit secret box under
 * TRAINAR_SECRET_KEY), status, disconnect (RFC 7009 revocation when the provider has an endpoint,
 * tokens deleted, imported tasks kept) and trigger_sync (a job on the outbox runner). The import
 * and the write-back live in sync.ts and writeback.ts. Every query is filtered by tenant_id.
 */
import { createHash } from 'node:crypto';
import { ApiError, badRequest, conflict, createSecretBox, enqueueJob, forbidden, notFound, type SecretBox, systemResolver } from '@platform/kit';
import type { IntegrationProvider, TenantIntegration } from '@trainar/api';
import { sql } from 'kysely';
import type { Actor, ServiceDeps } from '../platform/deps';
import { guardedFetch, ProviderError } from './http';
import type { IntegrationDb, TenantIntegrationsTable } from './migrations';
import { OAuthClient, type TokenSet } from './oauth';
import type { IntegrationPorts } from './ports';
import { presentIntegration, type WritebackCounts } from './present';
import { ProviderRegistry } from './providers/registry';
import type { OAuthConfig, ProviderAdapter } from './providers/types';
import { DEFAULT_AUTO_SYNC_MIN, DEFAULT_WRITEBACK_RETRIES, type IntegrationSettings } from './settings';

export const SYNC_JOB = 'integrations.sync';
export const WRITEBACK_JOB = 'integrations.writeback';
export const CALLBACK_PATH = '/integrations/callback';
const STATE_TTL_MS = 10 * 60_000;
/** Refresh when the access token has less than this left, so no call starts with a dying token. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export interface IntegrationRef {
  provider?: string;
  integration_id?: string;
}

export interface SyncPayload {
  integration_id: string;
  reason: 'initial' | 'manual' | 'auto';
  /** Auto syncs: the next_sync_at they were scheduled for (a later schedule supersedes them). */
  due?: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const syncJob = (p: SyncPayload, runAt?: Date) => ({
  kind: SYNC_JOB,
  payload: p,
  runAt,
  maxAttempts: 3,
  dedupeKey: p.reason === 'auto' ? `${SYNC_JOB}:auto:${p.integration_id}:${p.due}` : undefined,
});

export class IntegrationService {
  readonly db: IntegrationDb;
  readonly registry: ProviderRegistry;
  readonly box: SecretBox;
  readonly fetcher: ReturnType<typeof guardedFetch>;
  readonly oauth: OAuthClient;
  readonly autoSyncMin: number;
  readonly retryScheduleMs: readonly number[];

  constructor(
    readonly deps: ServiceDeps,
    readonly ports: IntegrationPorts,
  ) {
    const s: IntegrationSettings = deps.settings.integrations ?? {};
    this.db = deps.db as unknown as IntegrationDb;
    this.registry = new ProviderRegistry(s);
    this.box = createSecretBox({ masterKey: deps.settings.webhookSecretKey, previousKeys: deps.settings.previousSecretKeys, keyName: 'TRAINAR_SECRET_KEY', salt: 'trainar', info: 'trainar integration tokens v1' });
    const allow = s.urlAllowance ?? deps.settings.webhookUrlAllowance;
    this.fetcher = guardedFetch({ allow, resolve: deps.settings.skillResolver ?? systemResolver });
    this.oauth = new OAuthClient(this.fetcher, allow !== 'public');
    this.autoSyncMin = s.autoSyncIntervalMin ?? DEFAULT_AUTO_SYNC_MIN;
    this.retryScheduleMs = s.writebackRetryScheduleMs ?? DEFAULT_WRITEBACK_RETRIES;
  }

  listProviders(): { providers: IntegrationProvider[] } {
    return { providers: this.registry.list() };
  }

  async list(tenantId: string): Promise<{ integrations: TenantIntegration[] }> {
    const rows = await this.db.selectFrom('tenant_integrations').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').execute();
    return { integrations: await Promise.all(rows.map((r) => this.present(r))) };
  }

  async status(tenantId: string, ref: IntegrationRef): Promise<TenantIntegration> {
    return this.present(await this.row(tenantId, ref));
  }

  /** The provider URL a person opens to consent; our callback finishes the connection. */
  async connectUrl(tenantId: string, actor: Actor, providerKey: string): Promise<{ provider: string; connect_url: string; expires_at: string }> {
    const adapter = this.adapter(providerKey);
    const config = this.oauthConfig(adapter);
    const redirectUri = `${this.deps.publicUrl().replace(/\/+$/, '')}${CALLBACK_PATH}`;
    const auth = await this.oauth.authorizationUrl(config, redirectUri);
    const now = this.deps.clock.now();
    const expires = new Date(now.getTime() + STATE_TTL_MS);
    const hash = sha256(auth.state);
    await this.db.deleteFrom('integration_oauth_states').where('expires_at', '<', now).execute();
    await this.db
      .insertInto('integration_oauth_states')
      .values({
        state_hash: hash,
        tenant_id: tenantId,
        provider: providerKey,
        user_id: actor.kind === 'user' ? actor.userId : null,
        key_id: actor.kind === 'key' ? actor.keyId : null,
        code_verifier: this.box.seal(auth.codeVerifier, hash),
        redirect_uri: redirectUri,
        created_at: now,
        expires_at: expires,
        used_at: null,
      })
      .execute();
    return { provider: providerKey, connect_url: auth.url, expires_at: expires.toISOString() };
  }

  /**
   * Our OAuth callback: checks the state (known, unused, unexpired, and when a dashboard user started
   * it, the same user is signed in here), exchanges the code with the PKCE verifier, stores the
   * tokens sealed and queues the first sync. Errors are ApiErrors naming the next step.
   */
  async completeConnection(callback: URL, signedInUserId: string | null): Promise<{ tenantId: string; integration: TenantIntegration }> {
    const state = callback.searchParams.get('state');
    if (!state) throw badRequest('This link has no state: start the connection again from Dashboard → Integrations or get_integration_connect_url.', { field: 'state' });
    const hash = sha256(state);
    const now = this.deps.clock.now();
    const pending = await this.db.updateTable('integration_oauth_states').set({ used_at: now }).where('state_hash', '=', hash).where('used_at', 'is', null).where('expires_at', '>', now).returningAll().executeTakeFirst();
    if (!pending) throw badRequest('This connection link is unknown, used or expired (links last 10 minutes): start again from Dashboard → Integrations or get_integration_connect_url.', { field: 'state' });
    if (pending.user_id && pending.user_id !== signedInUserId) {
      throw forbidden('This connection was started by another dashboard user: sign in as that user, or start again from Dashboard → Integrations.', { field: 'state' });
    }
    const adapter = this.adapter(pending.provider);
    let tokens: TokenSet;
    try {
      tokens = await this.oauth.exchange(this.oauthConfig(adapter), callback, state, pending.redirect_uri, this.box.open(pending.code_verifier, hash));
    } catch (err) {
      if (err instanceof ProviderError) throw badRequest(`${adapter.info.name} did not complete the connection: ${err.message}. Start again from Dashboard → Integrations.`, { field: 'code' });
      throw err;
    }
    const row = await this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('tenant_integrations').select('id').where('tenant_id', '=', pending.tenant_id).where('provider', '=', pending.provider).executeTakeFirst();
      const id = existing?.id ?? crypto.randomUUID();
      const values = {
        status: 'connected' as const,
        ...this.sealedTokens(id, tokens, now),
        connected_at: now,
        connected_by_user_id: pending.user_id,
        last_sync_error: null,
        next_sync_at: now,
        updated_at: now,
      };
      const saved = existing
        ? await trx.updateTable('tenant_integrations').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
        : await trx
            .insertInto('tenant_integrations')
            .values({
              id,
              tenant_id: pending.tenant_id,
              provider: pending.provider,
              auto_sync_interval_min: this.autoSyncMin,
              writeback_enabled: true,
              last_sync_at: null,
              last_sync_status: null,
              last_sync_summary: null,
              created_at: now,
              ...values,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
      await enqueueJob(trx, syncJob({ integration_id: id, reason: 'initial' }), this.deps.clock);
      return saved;
    });
    return { tenantId: pending.tenant_id, integration: await this.present(row) };
  }

  /** Revokes (RFC 7009, when offered) and forgets the tokens; imported tasks and their links stay. */
  async disconnect(tenantId: string, ref: IntegrationRef): Promise<TenantIntegration> {
    const row = await this.row(tenantId, ref);
    const adapter = this.registry.get(row.provider);
    if (adapter?.oauth) {
      for (const sealed of [row.refresh_token, row.access_token]) {
        if (!sealed) continue;
        try {
          await this.oauth.revoke(adapter.oauth, this.box.open(sealed, row.id));
        } catch (err) {
          // The provider being down must not keep the tenant connected: the tokens are deleted anyway.
          this.deps.logger.warn({ integrationId: row.id, error: (err as Error).message }, 'integration token revocation failed');
        }
      }
    }
    const now = this.deps.clock.now();
    const updated = await this.db
      .updateTable('tenant_integrations')
      .set({ status: 'disconnected', access_token: null, refresh_token: null, token_expires_at: null, next_sync_at: null, updated_at: now })
      .where('id', '=', row.id)
      .where('tenant_id', '=', tenantId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return this.present(updated);
  }

  async triggerSync(tenantId: string, ref: IntegrationRef): Promise<{ integration_id: string; provider: string; queued: true; queued_at: string }> {
    const row = await this.row(tenantId, ref);
    if (row.status === 'disconnected' || row.status === 'pending') {
      throw conflict(`${this.providerName(row.provider)} is ${row.status}: connect it first with get_integration_connect_url.`, { field: 'provider', status: row.status });
    }
    const now = this.deps.clock.now();
    await enqueueJob(this.db, syncJob({ integration_id: row.id, reason: 'manual' }), this.deps.clock);
    return { integration_id: row.id, provider: row.provider, queued: true, queued_at: now.toISOString() };
  }

  /**
   * A usable access token: refreshed first when it expires within REFRESH_MARGIN_MS. The refresh
   * holds the row lock, so a sync and a write-back never spend the same refresh token twice.
   */
  async accessToken(integrationId: string): Promise<{ token: string; row: TenantIntegrationsTable; adapter: ProviderAdapter }> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('tenant_integrations').selectAll().where('id', '=', integrationId).forUpdate().executeTakeFirstOrThrow();
      const adapter = this.adapter(row.provider);
      if (row.status === 'disconnected' || !row.access_token) throw new ProviderError(`${adapter.info.name} is disconnected; reconnect it from Dashboard → Integrations`, 401);
      const now = this.deps.clock.now();
      const expiring = row.token_expires_at && new Date(row.token_expires_at).getTime() - now.getTime() < REFRESH_MARGIN_MS;
      if (!expiring) return { token: this.box.open(row.access_token, row.id), row, adapter };
      if (!row.refresh_token) throw new ProviderError(`${adapter.info.name}'s access token expired and there is no refresh token; reconnect from Dashboard → Integrations`, 401);
      const tokens = await this.oauth.refresh(this.oauthConfig(adapter), this.box.open(row.refresh_token, row.id));
      const sealed = this.sealedTokens(row.id, { ...tokens, refreshToken: tokens.refreshToken ?? this.box.open(row.refresh_token, row.id) }, now);
      const saved = await trx
        .updateTable('tenant_integrations')
        .set({ ...sealed, updated_at: now })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { token: tokens.accessToken, row: saved, adapter };
    });
  }

  providerName(key: string): string {
    return this.registry.get(key)?.info.name ?? key;
  }

  async close(): Promise<void> {
    await this.fetcher.close();
  }

  private sealedTokens(rowId: string, tokens: TokenSet, now: Date) {
    return {
      access_token: this.box.seal(tokens.accessToken, rowId),
      refresh_token: tokens.refreshToken ? this.box.seal(tokens.refreshToken, rowId) : null,
      token_expires_at: tokens.expiresIn ? new Date(now.getTime() + tokens.expiresIn * 1000) : null,
    };
  }

  adapter(key: string): ProviderAdapter {
    const adapter = this.registry.get(key);
    if (!adapter) {
      const known = this.registry
        .list()
        .map((p) => p.key)
        .join(', ');
      throw badRequest(`Unknown provider "${key}"; providers: ${known} (list_integrations).`, { field: 'provider' });
    }
    return adapter;
  }

  private oauthConfig(adapter: ProviderAdapter): OAuthConfig {
    if (!adapter.oauth) {
      throw new ApiError({
        kind: 'unavailable',
        message: `${adapter.info.name} is not configured on this server: the operator sets ${adapter.missingConfig} (docs/trainar-integrations.md).`,
        details: { field: 'provider' },
      });
    }
    return adapter.oauth;
  }

  async row(tenantId: string, ref: IntegrationRef): Promise<TenantIntegrationsTable> {
    let q = this.db.selectFrom('tenant_integrations').selectAll().where('tenant_id', '=', tenantId);
    q = ref.integration_id ? q.where('id', '=', ref.integration_id) : q.where('provider', '=', ref.provider ?? '');
    const row = await q.executeTakeFirst();
    if (!row) {
      const which = ref.integration_id ? `integration ${ref.integration_id}` : `${ref.provider} integration`;
      throw notFound(`No ${which} in this tenant; see list_tenant_integrations, or connect one with get_integration_connect_url.`, { field: ref.integration_id ? 'integration_id' : 'provider' });
    }
    return row;
  }

  async present(row: TenantIntegrationsTable): Promise<TenantIntegration> {
    const { rows } = await sql<{ status: string; n: string; last_sent_at: Date | null }>`
      select status, count(*) as n, max(sent_at) as last_sent_at from integration_writebacks where integration_id = ${row.id} group by status`.execute(this.db);
    const lastError = await this.db
      .selectFrom('integration_writebacks')
      .select('last_error')
      .where('integration_id', '=', row.id)
      .where('status', '!=', 'sent')
      .where('last_error', 'is not', null)
      .orderBy('updated_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const count = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    const counts: WritebackCounts = {
      pending: count('pending'),
      failed: count('failed'),
      sent: count('sent'),
      last_error: lastError?.last_error ?? null,
      last_sent_at: rows.find((r) => r.status === 'sent')?.last_sent_at ?? null,
    };
    return presentIntegration(row, this.providerName(row.provider), counts);
  }
}
