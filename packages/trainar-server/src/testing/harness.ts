/**
 * @module Test harness for TrainAR: a real server on a real database
 * (PGlite copy of the migrated template, or a fresh PostgreSQL database with TEST_DATABASE_URL),
 * a manual clock, tenants with a signed-up admin, keys with exact scopes, and raw HTTP calls
 * (including calls built from an operation contract, as any client would send them).
 */
import { type AnyOperation, createLogger, isQueryField, ManualClock } from '@platform/kit';
import { createTestDatabase, type TestDatabase, waitForJobsSettled } from '@platform/kit/testing';
import type { TrainArMcpSettings } from '../app';
import type { AppServices } from '../composition';
import { type StartTrainArOptions, startTrainAr } from '../main';
import { trainarMigrations } from '../migrations';
import type { TrainArSettings } from '../platform/deps';

export interface HarnessOptions {
  settings?: Partial<TrainArSettings>;
  /** Default: a ManualClock at the real current time (browser cookies must not look expired). */
  clock?: ManualClock;
  /** Hosted MCP settings (SSE limits, allowed hosts). */
  mcp?: Partial<TrainArMcpSettings>;
  /** `GET /metrics` settings (default: METRICS_ENABLED / METRICS_TOKEN, i.e. on, loopback clients only). */
  metrics?: StartTrainArOptions['metrics'];
  /** An existing test database (a restart on the same data); the caller closes it. Default: a fresh one. */
  database?: TestDatabase;
}

export interface TenantFixture {
  tenantId: string;
  tenantName: string;
  adminId: string;
  adminEmail: string;
  password: string;
}

export interface HttpResult {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies.
  body: any;
  headers: Headers;
}

export interface CallOptions {
  key?: string | null;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
}

export const PASSWORD = 'correct horse battery staple';

const nowhere = 'http://127.0.0.1:9';
const HARNESS_INTEGRATIONS = { servicem8: { clientId: 'harness-sm8', clientSecret: 'harness-sm8-secret', authorizeUrl: `${nowhere}/authorize`, tokenUrl: `${nowhere}/token`, apiUrl: `${nowhere}/api_1.0` } };

export const uniqueEmail = (label = 'user') => `${label}-${crypto.randomUUID().slice(0, 8)}@example.test`;

export async function startHarness(options: HarnessOptions = {}) {
  const database: TestDatabase = options.database ?? (await createTestDatabase(trainarMigrations));
  const clock = options.clock ?? new ManualClock(Date.now());
  const app = await startTrainAr({
    port: 0,
    host: '127.0.0.1',
    database,
    clock,
    logger: createLogger({ name: 'trainar-test', level: 'silent' }),
    // ServiceM8 configured (at a closed loopback port) so connect URLs can be made; integration tests bring real peers.
    // Every test request comes from 127.0.0.1: failed-guess throttling raised (fuzz-brute-force.test.ts lowers it).
    settings: { apiRateLimitPerMinute: 0, secretGuessesPerIp: { limit: 100_000, windowSeconds: 60 }, integrations: HARNESS_INTEGRATIONS, ...options.settings },
    smtpUrl: undefined,
    mcp: options.mcp,
    metrics: options.metrics,
  });
  const services = app.extra.services as AppServices;
  const worker = app.extra.worker as { wake(): void };

  async function call(method: string, path: string, opts: CallOptions = {}): Promise<HttpResult> {
    const url = new URL(path, app.url);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.key) headers.Authorization = `Bearer ${opts.key}`;
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(url, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body), redirect: 'manual' });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // HTML pages and plain text stay as text.
    }
    return { status: res.status, body, headers: res.headers };
  }

  return {
    url: app.url,
    database,
    clock,
    services,
    app,

    /** A tenant whose first admin signed up with PASSWORD. */
    async createTenant(name = `Tenant ${crypto.randomUUID().slice(0, 6)}`): Promise<TenantFixture> {
      const adminEmail = uniqueEmail('admin');
      const created = await services.tenants.create({ name, adminEmail, adminName: `Admin of ${name}`, adminPassword: PASSWORD });
      return { tenantId: created.tenant.id, tenantName: name, adminId: created.admin.id, adminEmail, password: PASSWORD };
    },

    /** A key with exactly these scopes, minted as the operator would. */
    async createKey(tenantId: string, scopes: readonly string[], name = 'test key'): Promise<{ key: string; id: string }> {
      const created = await services.apiKeys.create(tenantId, { kind: 'operator' }, { name, scopes: [...scopes] });
      return { key: created.key, id: created.id };
    },

    async invite(tenantId: string, role: 'admin' | 'member' = 'member', email = uniqueEmail(role)) {
      return services.users.invite(tenantId, { kind: 'operator' }, { email, full_name: `Invited ${role}`, role });
    },

    /** A paid subscription (sandbox checkout completed, as the provider would): seats bound the seat limit. */
    async subscribe(tenantId: string, seats: number, plan: 'starter' | 'professional' | 'enterprise' = 'professional') {
      const checkout = await services.billing.createSubscription(tenantId, { package_id: plan, seats });
      await services.billing.completeCheckout(checkout.checkout_id, { providerRef: `sandbox_${checkout.checkout_id}` });
      return services.billing.getSubscription(tenantId);
    },

    call,

    /** Sends an operation the way a client would: query fields in the URL, the rest as a JSON body. */
    callOperation(op: AnyOperation, input: Record<string, unknown>, key: string | null): Promise<HttpResult> {
      const query: Record<string, string> = {};
      const body: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(input)) {
        if (value === undefined) continue;
        if (isQueryField(op, field)) query[field] = Array.isArray(value) ? value.join(',') : String(value);
        else body[field] = value;
      }
      const hasBody = !['GET', 'DELETE'].includes(op.method);
      return call(op.method, `/v1${op.path}`, { key, query, body: hasBody ? body : undefined });
    },

    /** Waits until every job due on the clock has run (instead of sleeping to show nothing more happens). */
    jobsSettled(timeoutMs?: number): Promise<void> {
      return waitForJobsSettled({ db: database.db, clock, wake: () => worker.wake(), timeoutMs });
    },

    async close() {
      await app.close();
      if (!options.database) await database.close();
    },
  };
}

export type TrainArHarness = Awaited<ReturnType<typeof startHarness>>;
