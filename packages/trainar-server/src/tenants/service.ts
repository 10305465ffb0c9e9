/**
 * @module Tenants: the isolation boundary. Created by sign-up (with a password) or by the operator
 * CLI (with a password, or with a set-password link mailed to the first admin). A disabled tenant's
 * keys get 401 and its users cannot sign in; nothing is deleted.
 */
import { conflict, notFound } from '@platform/kit';
import { sql } from 'kysely';
import { iso, isUniqueViolation, type TenantsTable } from '../platform/db';
import type { ServiceDeps } from '../platform/deps';
import { hashPassword, type IssuedInvitation, issueInvitation, normalizeEmail, presentUser, sendInvitationMail, type UserRow } from '../users';

export interface CreateTenantInput {
  name: string;
  adminEmail: string;
  adminName?: string;
  /** Omitted: the admin is created as invited and mailed a set-password link. */
  adminPassword?: string;
  timezone?: string;
  country?: string | null;
  language?: string;
}

export interface TenantSummary {
  id: string;
  name: string;
  status: 'active' | 'disabled';
  timezone: string;
  country: string | null;
  language: string;
  created_at: string;
  disabled_at: string | null;
  users: number;
  active_api_keys: number;
}

export const presentTenant = (t: TenantsTable) => ({
  id: t.id,
  name: t.name,
  status: t.status,
  timezone: t.timezone,
  country: t.country,
  language: t.language,
  created_at: iso(t.created_at) as string,
  disabled_at: iso(t.disabled_at),
});

export class TenantService {
  constructor(private readonly deps: ServiceDeps) {}

  async create(input: CreateTenantInput): Promise<{ tenant: ReturnType<typeof presentTenant>; admin: ReturnType<typeof presentUser>; invitation: IssuedInvitation | null }> {
    const { db, clock } = this.deps;
    const email = normalizeEmail(input.adminEmail);
    const now = clock.now();
    const tenantId = crypto.randomUUID();
    const adminId = crypto.randomUUID();
    const passwordHash = input.adminPassword ? await hashPassword(input.adminPassword) : null;
    const taken = () => conflict(`A TrainAR user with the email ${email} already exists.`, { field: 'email' });
    let result: { tenant: TenantsTable; admin: UserRow; invitation: IssuedInvitation | null };
    try {
      result = await db.transaction().execute(async (trx) => {
        if (await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) throw taken();
        const tenant = await trx
          .insertInto('tenants')
          .values({
            id: tenantId,
            name: input.name,
            timezone: input.timezone ?? 'UTC',
            country: input.country ?? null,
            language: input.language ?? 'en',
            status: 'active',
            created_at: now,
            updated_at: now,
            disabled_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const admin = await trx
          .insertInto('users')
          .values({
            id: adminId,
            tenant_id: tenantId,
            email,
            full_name: input.adminName?.trim() || email.split('@')[0],
            role: 'admin',
            is_active: true,
            password_hash: passwordHash,
            created_at: now,
            updated_at: now,
            password_set_at: passwordHash ? now : null,
            last_active_at: null,
            deactivated_at: null,
            invited_by_user_id: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const invitation = passwordHash ? null : await issueInvitation(this.deps, trx, tenantId, adminId);
        return { tenant, admin: { ...admin, invitation_expires_at: invitation?.expiresAt ?? null }, invitation };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw taken();
      throw err;
    }
    if (result.invitation) await sendInvitationMail(this.deps, { email, fullName: result.admin.full_name }, result.tenant.name, result.invitation, null);
    return { tenant: presentTenant(result.tenant), admin: presentUser(result.admin), invitation: result.invitation };
  }

  async get(tenantId: string) {
    const row = await this.deps.db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirst();
    if (!row) throw notFound(`No tenant ${tenantId}.`, { field: 'tenant' });
    return row;
  }

  /** Every tenant with its user and active-key counts (operator CLI only; never reachable with a tak_ key). */
  async list(): Promise<TenantSummary[]> {
    const rows = await this.deps.db
      .selectFrom('tenants as t')
      .selectAll('t')
      .select((eb) => [
        eb.selectFrom('users').select(eb.fn.countAll<number>().as('n')).whereRef('users.tenant_id', '=', 't.id').as('users'),
        eb.selectFrom('api_keys').select(eb.fn.countAll<number>().as('n')).whereRef('api_keys.tenant_id', '=', 't.id').where('api_keys.revoked_at', 'is', null).as('active_api_keys'),
      ])
      .orderBy('t.created_at')
      .orderBy('t.id')
      .execute();
    return rows.map((r) => ({ ...presentTenant(r), users: Number(r.users ?? 0), active_api_keys: Number(r.active_api_keys ?? 0) }));
  }

  async setStatus(tenantId: string, status: 'active' | 'disabled') {
    const now = this.deps.clock.now();
    await this.get(tenantId);
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('tenants')
        .set({ status, updated_at: now, disabled_at: status === 'disabled' ? now : null })
        .where('id', '=', tenantId)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (status === 'disabled') {
        // web_sessions.user_id is text (the kit is id-agnostic), users.id a uuid.
        const users = trx.selectFrom('users').select(sql<string>`id::text`.as('id')).where('tenant_id', '=', tenantId);
        await trx.deleteFrom('web_sessions').where('user_id', 'in', users).execute();
      }
      return updated;
    });
    return presentTenant(row);
  }
}
