/**
 * @module The team (spec 3.10): members of the caller's organization, pending invites, inviting by
 * email (a 7-day join link, token stored hashed), joining through that link, and who may act on
 * approvals. A user belongs to at most one organization (accounts domain rule), so joining is
 * refused for someone who already belongs to another one.
 *
 * Approvals [I]: the OWNER always may; a MEMBER may only once the owner allowed it on /account/team.
 */
import { badRequest, type Clock, conflict, forbidden, generateToken, hashToken, hours, isWellFormedToken, type Logger, type Mailer, newId, notFound } from '@platform/kit';
import { type Kysely, sql, type Transaction } from 'kysely';
import { displayName, emailSchema, normalizeEmail, type UsersService } from '../accounts';
import type { OpenTrainTables } from '../platform/db';
import { iso } from '../platform/db';
import { addedMail, inviteMail } from './mail';
import type { TeamTables } from './schema';

export const INVITE_TOKEN_PREFIX = 'ot_inv_';
export const INVITE_TTL_MS = hours(7 * 24);

type Db = Kysely<OpenTrainTables & TeamTables>;
type Trx = Transaction<OpenTrainTables & TeamTables>;

export interface TeamView {
  organization: { id: string; name: string | null; ownerUserId: string | null; ownerName: string | null };
  members: { userId: string; role: 'OWNER' | 'MEMBER'; name: string; email: string; joinedAt: string; canActOnApprovals: boolean }[];
  invites: { id: string; email: string; createdAt: string; expiresAt: string }[];
}

export type InviteStatus = 'invite_created' | 'member_added' | 'already_member';

export type InviteState =
  | { state: 'valid'; email: string; organizationId: string; organizationName: string | null; expiresAt: Date }
  | { state: 'unknown' | 'expired' | 'accepted' | 'replaced' };

export type JoinResult = { ok: true; organizationId: string; alreadyMember: boolean } | { ok: false; reason: 'unknown' | 'expired' | 'accepted' | 'replaced' | 'wrong_email' | 'member_elsewhere' };

export interface TeamDeps {
  db: unknown;
  clock: Clock;
  mailer: Mailer;
  logger: Logger;
  users: Pick<UsersService, 'findById'>;
  publicUrl(): string;
}

/** Serialises membership changes of one user (a user joins at most one organization). */
const lockUser = (trx: Trx, userId: string) => sql`select pg_advisory_xact_lock(hashtext(${`ot_members_user:${userId}`}))`.execute(trx);

export class TeamService {
  private readonly db: Db;

  constructor(private readonly deps: TeamDeps) {
    this.db = deps.db as Db;
  }

  /** GET /team. */
  async view(organizationId: string): Promise<TeamView> {
    const now = this.deps.clock.now();
    const org = await this.db.selectFrom('ot_organizations').selectAll().where('id', '=', organizationId).executeTakeFirst();
    if (!org) throw notFound('Organization not found.', { resource: 'organizations', organizationId });
    const members = await this.db
      .selectFrom('ot_organization_members as m')
      .innerJoin('ot_users as u', 'u.id', 'm.user_id')
      .leftJoin('ot_team_member_permissions as p', (j) => j.onRef('p.organization_id', '=', 'm.organization_id').onRef('p.user_id', '=', 'm.user_id'))
      .select(['m.user_id', 'm.role', 'm.joined_at', 'u.email', 'u.first_name', 'u.last_name', 'p.can_act_on_approvals'])
      .where('m.organization_id', '=', organizationId)
      .orderBy('m.joined_at', 'asc')
      .orderBy('m.user_id', 'asc')
      .execute();
    const invites = await this.db
      .selectFrom('ot_team_invites')
      .select(['id', 'email', 'created_at', 'expires_at'])
      .where('organization_id', '=', organizationId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    const owner = members.find((m) => m.user_id === org.owner_user_id);
    return {
      organization: { id: org.id, name: org.name, ownerUserId: org.owner_user_id, ownerName: owner ? displayName(owner) : null },
      members: members.map((m) => ({
        userId: m.user_id,
        role: m.role,
        name: displayName(m),
        email: m.email,
        joinedAt: iso(m.joined_at) as string,
        canActOnApprovals: m.role === 'OWNER' || m.can_act_on_approvals === true,
      })),
      invites: invites.map((i) => ({ id: i.id, email: i.email, createdAt: iso(i.created_at) as string, expiresAt: iso(i.expires_at) as string })),
    };
  }

  /**
   * POST /team/invites. A member already → `already_member`; an existing user in no organization →
   * added at once (`member_added`, told by email); anyone else → an emailed 7-day join link
   * (`invite_created`; a newer invite to the same email replaces the older one). When the email
   * cannot be sent the invite is withdrawn and 409 `invite_email_send_failed` is thrown.
   */
  async invite(organizationId: string, invitedByUserId: string | null, rawEmail: string): Promise<{ ok: true; status: InviteStatus; email: string; team: TeamView }> {
    const parsed = emailSchema.safeParse(rawEmail);
    if (!parsed.success) throw badRequest('email must be a valid email address.', { field: 'email', email: String(rawEmail).slice(0, 254), issues: parsed.error.issues });
    const email = parsed.data;
    const normalized = normalizeEmail(email);
    const now = this.deps.clock.now();
    const org = await this.db.selectFrom('ot_organizations').select(['id', 'name']).where('id', '=', organizationId).executeTakeFirstOrThrow();
    const inviter = invitedByUserId ? await this.deps.users.findById(invitedByUserId) : undefined;

    const outcome = await this.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext(${`ot_team_invite:${organizationId}:${normalized}`}))`.execute(trx);
      const user = await trx.selectFrom('ot_users').select(['id', 'email']).where('email_normalized', '=', normalized).executeTakeFirst();
      if (user) {
        await lockUser(trx, user.id);
        const memberships = await trx.selectFrom('ot_organization_members').select('organization_id').where('user_id', '=', user.id).execute();
        if (memberships.some((m) => m.organization_id === organizationId)) return { status: 'already_member' as const };
        if (memberships.length === 0) {
          await trx.insertInto('ot_organization_members').values({ organization_id: organizationId, user_id: user.id, role: 'MEMBER', joined_at: now }).execute();
          await this.closeOpenInvites(trx, organizationId, normalized, now);
          return { status: 'member_added' as const, to: user.email };
        }
      }
      await this.closeOpenInvites(trx, organizationId, normalized, now);
      const token = generateToken(INVITE_TOKEN_PREFIX);
      const id = newId('inv', now);
      const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
      await trx
        .insertInto('ot_team_invites')
        .values({ id, organization_id: organizationId, email, email_normalized: normalized, token_hash: hashToken(token), invited_by_user_id: inviter?.id ?? null, created_at: now, expires_at: expiresAt, accepted_at: null, accepted_user_id: null, revoked_at: null })
        .execute();
      return { status: 'invite_created' as const, id, token, expiresAt };
    });

    // Mail goes out after the commit: never hold a transaction across SMTP (and on PGlite the
    // sandbox mailer's own write would wait for it).
    if (outcome.status === 'invite_created') {
      const joinUrl = `${this.deps.publicUrl()}/team/join?token=${outcome.token}`;
      try {
        await this.deps.mailer.send(inviteMail({ to: email, organizationName: org.name, inviterName: inviter ? displayName(inviter) : null, joinUrl, expiresAt: outcome.expiresAt }));
      } catch (error) {
        await this.db.deleteFrom('ot_team_invites').where('id', '=', outcome.id).execute();
        this.deps.logger.warn({ organizationId, mailer: this.deps.mailer.kind, error: error instanceof Error ? error.message : String(error) }, 'team invite email not sent');
        throw conflict('The invitation email could not be sent, so no invite was created. Try again later.', { reason: 'invite_email_send_failed', email });
      }
    } else if (outcome.status === 'member_added') {
      await this.deps.mailer.send(addedMail({ to: outcome.to, organizationName: org.name, teamUrl: `${this.deps.publicUrl()}/account/team` })).catch((error: unknown) => {
        this.deps.logger.warn({ organizationId, error: error instanceof Error ? error.message : String(error) }, 'team member-added notice not sent');
      });
    }
    return { ok: true, status: outcome.status, email, team: await this.view(organizationId) };
  }

  /** What a join link stands for (the GET page shows it; only acceptInvite consumes it). */
  async peekInvite(token: string): Promise<InviteState> {
    if (!isWellFormedToken(token, [INVITE_TOKEN_PREFIX])) return { state: 'unknown' };
    const row = await this.db
      .selectFrom('ot_team_invites as i')
      .innerJoin('ot_organizations as o', 'o.id', 'i.organization_id')
      .select(['i.email', 'i.organization_id', 'i.expires_at', 'i.accepted_at', 'i.revoked_at', 'o.name'])
      .where('i.token_hash', '=', hashToken(token))
      .executeTakeFirst();
    const state = row ? inviteState(row, this.deps.clock.now()) : 'unknown';
    if (!row || state !== 'valid') return { state: state as Exclude<InviteState['state'], 'valid'> };
    return { state, email: row.email, organizationId: row.organization_id, organizationName: row.name, expiresAt: new Date(row.expires_at) };
  }

  /** The signed-in human with the invited email joins as MEMBER (once; the link is then spent). */
  async joinWithInvite(token: string, userId: string): Promise<JoinResult> {
    if (!isWellFormedToken(token, [INVITE_TOKEN_PREFIX])) return { ok: false, reason: 'unknown' };
    const now = this.deps.clock.now();
    return this.db.transaction().execute(async (trx): Promise<JoinResult> => {
      await lockUser(trx, userId);
      const row = await trx.selectFrom('ot_team_invites').selectAll().where('token_hash', '=', hashToken(token)).forUpdate().executeTakeFirst();
      if (!row) return { ok: false, reason: 'unknown' };
      const state = inviteState(row, now);
      if (state !== 'valid') return { ok: false, reason: state };
      const user = await trx.selectFrom('ot_users').select(['email_normalized']).where('id', '=', userId).executeTakeFirstOrThrow();
      if (user.email_normalized !== row.email_normalized) return { ok: false, reason: 'wrong_email' };
      const memberships = await trx.selectFrom('ot_organization_members').select('organization_id').where('user_id', '=', userId).execute();
      const alreadyMember = memberships.some((m) => m.organization_id === row.organization_id);
      if (!alreadyMember && memberships.length > 0) return { ok: false, reason: 'member_elsewhere' };
      if (!alreadyMember) await trx.insertInto('ot_organization_members').values({ organization_id: row.organization_id, user_id: userId, role: 'MEMBER', joined_at: now }).execute();
      await trx.updateTable('ot_team_invites').set({ accepted_at: now, accepted_user_id: userId }).where('id', '=', row.id).execute();
      return { ok: true, organizationId: row.organization_id, alreadyMember };
    });
  }

  async role(organizationId: string, userId: string): Promise<'OWNER' | 'MEMBER' | null> {
    const row = await this.db.selectFrom('ot_organization_members').select('role').where('organization_id', '=', organizationId).where('user_id', '=', userId).executeTakeFirst();
    return row?.role ?? null;
  }

  async isMember(organizationId: string, userId: string): Promise<boolean> {
    return (await this.role(organizationId, userId)) !== null;
  }

  /** Whether this human may confirm approvals for the organization: its OWNER always; a MEMBER when the owner allowed it. */
  async canActOnApprovals(organizationId: string, userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('ot_organization_members as m')
      .leftJoin('ot_team_member_permissions as p', (j) => j.onRef('p.organization_id', '=', 'm.organization_id').onRef('p.user_id', '=', 'm.user_id'))
      .select(['m.role', 'p.can_act_on_approvals'])
      .where('m.organization_id', '=', organizationId)
      .where('m.user_id', '=', userId)
      .executeTakeFirst();
    if (!row) return false;
    return row.role === 'OWNER' || row.can_act_on_approvals === true;
  }

  /** The owner lets a member act on approvals (or stops it). The owner's own right cannot be changed. */
  async setApprovalPermission(organizationId: string, actingUserId: string, memberUserId: string, allowed: boolean): Promise<void> {
    if ((await this.role(organizationId, actingUserId)) !== 'OWNER') throw forbidden('Only the organization owner can change who may confirm approvals.', { reason: 'owner_required' });
    const role = await this.role(organizationId, memberUserId);
    if (role === null) throw notFound('No such member in this organization.', { resource: 'members', userId: memberUserId });
    if (role === 'OWNER') throw badRequest('The owner can always confirm approvals.', { field: 'user_id' });
    const now = this.deps.clock.now();
    await this.db
      .insertInto('ot_team_member_permissions')
      .values({ organization_id: organizationId, user_id: memberUserId, can_act_on_approvals: allowed, updated_at: now, updated_by_user_id: actingUserId })
      .onConflict((oc) => oc.columns(['organization_id', 'user_id']).doUpdateSet({ can_act_on_approvals: allowed, updated_at: now, updated_by_user_id: actingUserId }))
      .execute();
  }

  private async closeOpenInvites(trx: Trx, organizationId: string, normalized: string, now: Date) {
    await trx.updateTable('ot_team_invites').set({ revoked_at: now }).where('organization_id', '=', organizationId).where('email_normalized', '=', normalized).where('accepted_at', 'is', null).where('revoked_at', 'is', null).execute();
  }
}

function inviteState(row: { expires_at: Date | string; accepted_at: Date | string | null; revoked_at: Date | string | null }, now: Date): 'valid' | 'expired' | 'accepted' | 'replaced' {
  if (row.accepted_at) return 'accepted';
  if (row.revoked_at) return 'replaced';
  if (new Date(row.expires_at).getTime() <= now.getTime()) return 'expired';
  return 'valid';
}
