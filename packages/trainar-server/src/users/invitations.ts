/**
 * @module Set-password links: a random token (only its SHA-256 is stored) that expires after
 * `inviteTtlHours` (injected clock) and works once. Invited users and operator-created admins
 * without a password get one by mail.
 */
import { generateToken, hashToken, isWellFormedToken } from '@platform/kit';
import type { TrainArExecutor } from '../platform/db';
import type { ServiceDeps } from '../platform/deps';

export const INVITE_PREFIX = 'tinv_';

export interface IssuedInvitation {
  token: string;
  url: string;
  expiresAt: Date;
}

/** Replaces any open invitation of the user with a fresh one (inside the caller's transaction). */
export async function issueInvitation(deps: ServiceDeps, trx: TrainArExecutor, tenantId: string, userId: string): Promise<IssuedInvitation> {
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.settings.inviteTtlHours * 3_600_000);
  const token = generateToken(INVITE_PREFIX);
  await trx.deleteFrom('user_invitations').where('user_id', '=', userId).where('used_at', 'is', null).execute();
  await trx
    .insertInto('user_invitations')
    .values({ id: crypto.randomUUID(), tenant_id: tenantId, user_id: userId, token_hash: hashToken(token), created_at: now, expires_at: expiresAt, used_at: null })
    .execute();
  return { token, expiresAt, url: `${deps.publicUrl()}/invite/accept?token=${encodeURIComponent(token)}` };
}

export async function sendInvitationMail(deps: ServiceDeps, to: { email: string; fullName: string }, tenantName: string, invitation: IssuedInvitation, invitedBy: string | null): Promise<void> {
  const who = invitedBy ? `${invitedBy} has invited you` : 'You have been invited';
  await deps.mailer.send({
    to: to.email,
    subject: `You're invited to ${tenantName} on TrainAR`,
    text: [
      `Hello ${to.fullName},`,
      '',
      `${who} to join ${tenantName} on TrainAR.`,
      `Set your password to sign in: ${invitation.url}`,
      '',
      `This link works once and expires at ${invitation.expiresAt.toISOString()}.`,
    ].join('\n'),
  });
}

export type InvitationLookup = { state: 'valid'; invitationId: string; userId: string; tenantId: string; email: string; fullName: string; tenantName: string } | { state: 'expired' | 'used' | 'unknown' | 'inactive' };

export async function findInvitation(deps: ServiceDeps, token: string): Promise<InvitationLookup> {
  if (!isWellFormedToken(token, [INVITE_PREFIX])) return { state: 'unknown' };
  const row = await deps.db
    .selectFrom('user_invitations as i')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .innerJoin('tenants as t', 't.id', 'i.tenant_id')
    .select(['i.id', 'i.user_id', 'i.tenant_id', 'i.expires_at', 'i.used_at', 'u.email', 'u.full_name', 'u.is_active', 't.name as tenant_name', 't.status as tenant_status'])
    .where('i.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return { state: 'unknown' };
  if (row.used_at) return { state: 'used' };
  if (new Date(row.expires_at).getTime() <= deps.clock.now().getTime()) return { state: 'expired' };
  if (!row.is_active || row.tenant_status !== 'active') return { state: 'inactive' };
  return { state: 'valid', invitationId: row.id, userId: row.user_id, tenantId: row.tenant_id, email: row.email, fullName: row.full_name, tenantName: row.tenant_name };
}
