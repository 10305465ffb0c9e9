/**
 * @module Sign-in and sign-up by emailed link: one flow for both. A link for an unknown email
 * creates the user when opened (with the name and optional password captured at sign-up). Links are
 * `ot_mlk_` secrets stored as SHA-256, valid 15 minutes, usable once.
 */
import { TOKEN_PREFIXES } from '@opentrain/api';
import { type Clock, generateToken, hashToken, isWellFormedToken, type Mailer, minutes, newId, sameSitePath } from '@platform/kit';
import { hashPassword } from '../accounts';
import { normalizeEmail, type UserRow, type UsersService } from '../accounts';
import type { OtDb } from '../platform/db';
import { signInMail } from '../mail/templates';

export const MAGIC_LINK_TTL_MS = minutes(15);

export interface SignUpProfile {
  firstName?: string;
  lastName?: string;
  password?: string;
}

export type ConsumeResult = { ok: true; user: UserRow; next: string; created: boolean } | { ok: false; reason: 'unknown' | 'expired' | 'used' };

/** Only same-site paths (resolved as a browser would, by the kit): `/claim?token=…` yes, `//evil.example`, `/\tevil` or `https://…` no. */
export const safeNext = (next: unknown): string => sameSitePath(next, '/');

export class MagicLinksService {
  constructor(
    private readonly db: OtDb,
    private readonly clock: Clock,
    private readonly mailer: Mailer,
    private readonly users: UsersService,
    private readonly publicUrl: () => string,
  ) {}

  /** Emails a link. The response never says whether the email had an account. */
  async send(input: { email: string; next?: string; profile?: SignUpProfile }): Promise<void> {
    const email = normalizeEmail(input.email);
    const existing = await this.users.findByEmail(email);
    const now = this.clock.now();
    const token = generateToken(TOKEN_PREFIXES.magicLink);
    const expiresAt = new Date(now.getTime() + MAGIC_LINK_TTL_MS);
    // A sign-up for an existing email becomes a plain sign-in: the profile is not applied.
    const profile = existing ? undefined : input.profile;
    await this.db
      .insertInto('ot_magic_links')
      .values({
        id: newId('mlk', now),
        email,
        token_hash: hashToken(token),
        first_name: profile?.firstName?.trim() || null,
        last_name: profile?.lastName?.trim() || null,
        password_hash: profile?.password ? await hashPassword(profile.password) : null,
        next_path: safeNext(input.next),
        expires_at: expiresAt,
        used_at: null,
        created_at: now,
      })
      .execute();
    const link = `${this.publicUrl()}/signin/verify?token=${token}`;
    await this.mailer.send(signInMail({ to: email, link, newAccount: !existing, expiresAt }));
  }

  /** Whether a link can still be used (the GET page shows a button; only the POST consumes). */
  async peek(token: string): Promise<{ state: 'valid' | 'unknown' | 'expired' | 'used'; email?: string }> {
    if (!isWellFormedToken(token, [TOKEN_PREFIXES.magicLink])) return { state: 'unknown' };
    const row = await this.db.selectFrom('ot_magic_links').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
    if (!row) return { state: 'unknown' };
    if (row.used_at) return { state: 'used', email: row.email };
    if (new Date(row.expires_at).getTime() <= this.clock.now().getTime()) return { state: 'expired', email: row.email };
    return { state: 'valid', email: row.email };
  }

  async consume(token: string): Promise<ConsumeResult> {
    if (!isWellFormedToken(token, [TOKEN_PREFIXES.magicLink])) return { ok: false, reason: 'unknown' };
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx): Promise<ConsumeResult> => {
      const row = await trx.selectFrom('ot_magic_links').selectAll().where('token_hash', '=', hashToken(token)).forUpdate().executeTakeFirst();
      if (!row) return { ok: false, reason: 'unknown' };
      if (row.used_at) return { ok: false, reason: 'used' };
      if (new Date(row.expires_at).getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
      await trx.updateTable('ot_magic_links').set({ used_at: now }).where('id', '=', row.id).execute();
      const { user, created } = await this.users.findOrCreate(trx, { email: row.email, firstName: row.first_name, lastName: row.last_name, passwordHash: row.password_hash });
      return { ok: true, user, next: safeNext(row.next_path), created };
    });
  }
}
