/** @module The tenant as an account: details, locale settings and configuration. */
import { badRequest } from '@platform/kit';
import { type Account, SCOPES, trainarApi } from '@trainar/api';
import { iso } from '../platform/db';
import type { ServiceDeps } from '../platform/deps';
import { canonicalCountry, canonicalLanguage, canonicalTimezone } from './locale';

export interface AccountPatch {
  name?: string;
  timezone?: string;
  country?: string | null;
  language?: string;
}

/** Validates and canonicalises locale fields; a bad one is a 400 naming it. */
export function normalizeAccountPatch(patch: AccountPatch): AccountPatch {
  const out: AccountPatch = {};
  if (patch.name !== undefined) {
    const name = patch.name.trim();
    if (!name) throw badRequest('Invalid input: name: must not be empty', { field: 'name' });
    out.name = name;
  }
  if (patch.timezone !== undefined) {
    const tz = canonicalTimezone(patch.timezone);
    if (!tz) throw badRequest(`Invalid input: timezone: "${patch.timezone}" is not an IANA time zone (e.g. Europe/London)`, { field: 'timezone' });
    out.timezone = tz;
  }
  if (patch.country !== undefined) {
    if (patch.country === null || patch.country === '') out.country = null;
    else {
      const country = canonicalCountry(patch.country);
      if (!country) throw badRequest(`Invalid input: country: "${patch.country}" is not an ISO 3166-1 alpha-2 country code (e.g. GB)`, { field: 'country' });
      out.country = country;
    }
  }
  if (patch.language !== undefined) {
    const language = canonicalLanguage(patch.language);
    if (!language) throw badRequest(`Invalid input: language: "${patch.language}" is not a BCP 47 language tag (e.g. en-GB)`, { field: 'language' });
    out.language = language;
  }
  return out;
}

export class AccountService {
  constructor(private readonly deps: ServiceDeps) {}

  async get(tenantId: string): Promise<Account> {
    const { db } = this.deps;
    const tenant = await db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirstOrThrow();
    const users = await db
      .selectFrom('users')
      .select((eb) => [
        eb.fn.countAll<number>().as('users'),
        eb.fn.countAll<number>().filterWhere('is_active', '=', true).as('active_users'),
        eb.fn.countAll<number>().filterWhere('role', '=', 'admin').filterWhere('is_active', '=', true).as('admins'),
      ])
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    const keys = await db
      .selectFrom('api_keys')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    return {
      id: tenant.id,
      name: tenant.name,
      timezone: tenant.timezone,
      country: tenant.country,
      language: tenant.language,
      status: tenant.status,
      created_at: iso(tenant.created_at) as string,
      // Billing (subscriptions, seats) is a later module; until a tenant subscribes there is no plan.
      plan: null,
      usage: { users: Number(users.users), active_users: Number(users.active_users), admins: Number(users.admins), api_keys: Number(keys.n) },
    };
  }

  async update(tenantId: string, patch: AccountPatch): Promise<Account> {
    const values = normalizeAccountPatch(patch);
    if (Object.keys(values).length === 0) throw badRequest('Invalid input: send at least one of name, timezone, country, language.', { field: '(body)' });
    await this.deps.db
      .updateTable('tenants')
      .set({ ...values, updated_at: this.deps.clock.now() })
      .where('id', '=', tenantId)
      .execute();
    return this.get(tenantId);
  }

  async settings(tenantId: string) {
    const a = await this.get(tenantId);
    return {
      tenant_id: a.id,
      general: { name: a.name },
      locality: { timezone: a.timezone, country: a.country, language: a.language },
      authentication: { methods: ['email_password'], sso: false },
      invitations: { expiry_hours: this.deps.settings.inviteTtlHours },
      api: { base_path: trainarApi.basePath, rate_limit_per_minute: this.deps.settings.apiRateLimitPerMinute, scopes: [...SCOPES] },
    };
  }
}
