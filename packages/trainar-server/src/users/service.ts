/**
 * @module Users of a tenant: list, get, invite, edit, deactivate/reactivate, delete. Every query
 * filters by the caller's tenant id (never taken from input), so another tenant's user is simply
 * "not found". Rules: nobody deactivates or deletes themself; a tenant keeps at least one active admin.
 */
import { ApiError, badRequest, conflict, notFound } from '@platform/kit';
import type { Role, User } from '@trainar/api';
import { sql } from 'kysely';
import { isUniqueViolation, type TrainArExecutor } from '../platform/db';
import type { Actor, ServiceDeps } from '../platform/deps';
import { findInvitation, issueInvitation, sendInvitationMail } from './invitations';
import { hashPassword, verifyPassword } from './passwords';
import { presentUser, type UserRow } from './present';

export interface ListUsersInput {
  status?: User['status'];
  role?: Role;
  limit: number;
  offset: number;
}

export interface UserPatch {
  full_name?: string;
  role?: Role;
  is_active?: boolean;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const emailTaken = (email: string) => conflict(`A TrainAR user with the email ${email} already exists.`, { field: 'email' });

export class UserService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Active users' ids by lower-cased email (integrations match imported assignees by email). */
  async activeIdsByEmail(tenantId: string, emails: string[]): Promise<Map<string, string>> {
    if (emails.length === 0) return new Map();
    const rows = await this.deps.db
      .selectFrom('users')
      .select(['id', 'email'])
      .where('tenant_id', '=', tenantId)
      .where('is_active', '=', true)
      .where(sql<boolean>`lower(email) = any(${sql.val(emails)}::text[])`)
      .execute();
    return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
  }

  /** The tenant's active admins (billing mails them when a payment fails). */
  async activeAdmins(tenantId: string): Promise<Array<{ email: string; fullName: string }>> {
    const rows = await this.deps.db.selectFrom('users').select(['email', 'full_name']).where('tenant_id', '=', tenantId).where('role', '=', 'admin').where('is_active', '=', true).orderBy('email').execute();
    return rows.map((r) => ({ email: r.email, fullName: r.full_name }));
  }

  private base(db: TrainArExecutor, tenantId: string) {
    return db
      .selectFrom('users')
      .selectAll('users')
      .select(sql<Date | null>`(select max(i.expires_at) from user_invitations i where i.user_id = users.id and i.used_at is null)`.as('invitation_expires_at'))
      .where('users.tenant_id', '=', tenantId);
  }

  /** One query: the page and the filtered total (`count(*) over()`); a second only for a page past the end. */
  async list(tenantId: string, input: ListUsersInput) {
    let q = this.base(this.deps.db, tenantId);
    if (input.role) q = q.where('users.role', '=', input.role);
    if (input.status === 'inactive') {
      q = q.where('users.is_active', '=', false);
    } else if (input.status) {
      const op = input.status === 'invited' ? 'is' : 'is not';
      q = q.where('users.is_active', '=', true).where('users.password_hash', op, null);
    }
    const rows = await q.select(sql<string>`count(*) over()`.as('total_count')).orderBy('users.created_at').orderBy('users.id').limit(input.limit).offset(input.offset).execute();
    let total = rows.length > 0 ? Number(rows[0].total_count) : 0;
    if (rows.length === 0 && input.offset > 0) {
      const counted = await q
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      total = Number(counted.n);
    }
    return { users: rows.map(({ total_count: _, ...row }) => presentUser(row)), total, limit: input.limit, offset: input.offset };
  }

  async getRow(tenantId: string, userId: string, db: TrainArExecutor = this.deps.db): Promise<UserRow> {
    const row = await this.base(db, tenantId).where('users.id', '=', userId).executeTakeFirst();
    if (!row) throw notFound(`No user ${userId} in this tenant.`, { field: 'user_id' });
    return row;
  }

  async get(tenantId: string, userId: string): Promise<User> {
    return presentUser(await this.getRow(tenantId, userId));
  }

  /** Creates the user as invited and mails a set-password link; the user is removed again if the mail cannot be sent. */
  async invite(tenantId: string, actor: Actor, input: { email: string; full_name: string; role: Role }): Promise<User> {
    const { clock, db } = this.deps;
    const email = normalizeEmail(input.email);
    const now = clock.now();
    const id = crypto.randomUUID();
    let invitation: Awaited<ReturnType<typeof issueInvitation>>;
    let tenantName: string;
    let inviter: string | null = null;
    try {
      ({ invitation, tenantName, inviter } = await db.transaction().execute(async (trx) => {
        const tenant = await trx.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirstOrThrow();
        const existing = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
        if (existing) throw emailTaken(email);
        const inviterRow = actor.kind === 'user' ? await trx.selectFrom('users').select('full_name').where('id', '=', actor.userId).where('tenant_id', '=', tenantId).executeTakeFirst() : undefined;
        await trx
          .insertInto('users')
          .values({
            id,
            tenant_id: tenantId,
            email,
            full_name: input.full_name,
            role: input.role,
            is_active: true,
            password_hash: null,
            created_at: now,
            updated_at: now,
            password_set_at: null,
            last_active_at: null,
            deactivated_at: null,
            invited_by_user_id: actor.kind === 'user' ? actor.userId : null,
          })
          .execute();
        return { invitation: await issueInvitation(this.deps, trx, tenantId, id), tenantName: tenant.name, inviter: inviterRow?.full_name ?? null };
      }));
    } catch (err) {
      if (isUniqueViolation(err)) throw emailTaken(email);
      throw err;
    }
    try {
      await sendInvitationMail(this.deps, { email, fullName: input.full_name }, tenantName, invitation, inviter);
    } catch (err) {
      this.deps.logger.error({ err, tenantId, userId: id }, 'invitation mail failed; invite rolled back');
      await db.deleteFrom('users').where('id', '=', id).where('tenant_id', '=', tenantId).execute();
      throw new ApiError({ kind: 'unavailable', message: 'The invitation email could not be sent; nobody was invited. Try again later.' });
    }
    return this.get(tenantId, id);
  }

  /** Sends a fresh set-password link to a user who has not set a password yet. */
  async resendInvitation(tenantId: string, actor: Actor, userId: string): Promise<User> {
    const row = await this.getRow(tenantId, userId);
    if (row.password_hash !== null) throw conflict(`${row.email} has already set a password.`, { field: 'user_id' });
    if (!row.is_active) throw conflict(`${row.email} is deactivated; reactivate them first.`, { field: 'user_id' });
    const { invitation, tenantName } = await this.deps.db.transaction().execute(async (trx) => {
      const tenant = await trx.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirstOrThrow();
      return { invitation: await issueInvitation(this.deps, trx, tenantId, userId), tenantName: tenant.name };
    });
    const inviter = actor.kind === 'user' ? ((await this.getRow(tenantId, actor.userId).catch(() => null))?.full_name ?? null) : null;
    await sendInvitationMail(this.deps, { email: row.email, fullName: row.full_name }, tenantName, invitation, inviter);
    return this.get(tenantId, userId);
  }

  async update(tenantId: string, actor: Actor, userId: string, patch: UserPatch): Promise<User> {
    const { db, clock } = this.deps;
    if (Object.values(patch).every((v) => v === undefined)) {
      throw badRequest('Invalid input: send at least one of full_name, role, is_active.', { field: '(body)' });
    }
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      // Serialises admin changes per tenant, so two concurrent demotions cannot remove the last admin.
      await trx.selectFrom('tenants').select('id').where('id', '=', tenantId).forUpdate().executeTakeFirst();
      const row = await this.getRow(tenantId, userId, trx);
      const self = actor.kind === 'user' && actor.userId === userId;
      if (patch.is_active === false && self) throw conflict('You cannot deactivate yourself; ask another admin.', { field: 'user_id' });
      const losesAdmin = row.role === 'admin' && row.is_active && (patch.role === 'member' || patch.is_active === false);
      if (losesAdmin) await this.assertAnotherActiveAdmin(trx, tenantId, userId);
      const values: Partial<UserRow> = { updated_at: now };
      if (patch.full_name !== undefined) values.full_name = patch.full_name;
      if (patch.role !== undefined) values.role = patch.role;
      if (patch.is_active !== undefined && patch.is_active !== row.is_active) {
        values.is_active = patch.is_active;
        values.deactivated_at = patch.is_active ? null : now;
      }
      await trx.updateTable('users').set(values).where('id', '=', userId).where('tenant_id', '=', tenantId).execute();
      if (values.is_active === false) await trx.deleteFrom('web_sessions').where('user_id', '=', userId).execute();
    });
    return this.get(tenantId, userId);
  }

  /**
   * Deletes the user. Records that mention them stay, with the reference nulled by `on delete set
   * null` keys (API keys they created, users they invited, and later tasks, activity, minutes);
   * their sessions and invitations go.
   */
  async delete(tenantId: string, actor: Actor, userId: string): Promise<{ id: string; deleted: true }> {
    await this.deps.db.transaction().execute(async (trx) => {
      await trx.selectFrom('tenants').select('id').where('id', '=', tenantId).forUpdate().executeTakeFirst();
      const row = await this.getRow(tenantId, userId, trx);
      if (actor.kind === 'user' && actor.userId === userId) throw conflict('You cannot delete yourself; ask another admin.', { field: 'user_id' });
      if (row.role === 'admin' && row.is_active) await this.assertAnotherActiveAdmin(trx, tenantId, userId);
      await trx.deleteFrom('web_sessions').where('user_id', '=', userId).execute();
      await trx.deleteFrom('users').where('id', '=', userId).where('tenant_id', '=', tenantId).execute();
    });
    return { id: userId, deleted: true };
  }

  private async assertAnotherActiveAdmin(trx: TrainArExecutor, tenantId: string, userId: string): Promise<void> {
    const other = await trx.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('role', '=', 'admin').where('is_active', '=', true).where('id', '!=', userId).executeTakeFirst();
    if (!other) throw conflict('A tenant must keep at least one active admin; make someone else admin first.', { field: 'user_id' });
  }

  /** Email + password sign-in: the user when both match, the user is active and the tenant is not disabled. */
  async verifyCredentials(email: string, password: string): Promise<UserRow | null> {
    const row = await this.deps.db
      .selectFrom('users')
      .innerJoin('tenants', 'tenants.id', 'users.tenant_id')
      .selectAll('users')
      .select('tenants.status as tenant_status')
      .where('users.email', '=', normalizeEmail(email))
      .executeTakeFirst();
    const ok = await verifyPassword(password, row?.password_hash ?? null);
    if (!row || !ok || !row.is_active || row.tenant_status !== 'active') return null;
    return row;
  }

  /** Sets the password of an invited user from a valid set-password link; the link is then spent. */
  async acceptInvitation(token: string, password: string): Promise<UserRow | null> {
    const found = await findInvitation(this.deps, token);
    if (found.state !== 'valid') return null;
    const hash = await hashPassword(password);
    const now = this.deps.clock.now();
    const spent = await this.deps.db.transaction().execute(async (trx) => {
      const used = await trx.updateTable('user_invitations').set({ used_at: now }).where('id', '=', found.invitationId).where('used_at', 'is', null).executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) return false;
      await trx.updateTable('users').set({ password_hash: hash, password_set_at: now, updated_at: now }).where('id', '=', found.userId).where('tenant_id', '=', found.tenantId).execute();
      return true;
    });
    return spent ? this.getRow(found.tenantId, found.userId) : null;
  }

  /** Records dashboard activity (at most once a minute per user). */
  async touch(userId: string): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.db
      .updateTable('users')
      .set({ last_active_at: now })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('last_active_at', 'is', null), eb('last_active_at', '<', new Date(now.getTime() - 60_000))]))
      .execute();
  }
}
