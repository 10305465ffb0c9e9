/**
 * @module Human web sessions: an opaque cookie (HttpOnly, SameSite=Lax, Secure on https) whose
 * SHA-256 is stored server-side with an expiry, so signing out or revoking is immediate and every
 * app instance sees the same sessions.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Clock } from '../clock';
import type { AnyDb } from '../db/database';
import type { SqlMigration } from '../db/migrations';
import { hashToken, randomBase62 } from '../secrets/tokens';

export const sessionMigrations: SqlMigration[] = [
  {
    name: 'kit-0300-web-sessions',
    up: `create table web_sessions (
      id_hash text primary key,
      user_id text not null,
      created_at timestamptz not null,
      expires_at timestamptz not null
    );
    create index web_sessions_user on web_sessions (user_id);`,
  },
];

export interface SessionOptions {
  cookieName: string;
  ttlMs: number;
}

export class SessionStore {
  constructor(
    private readonly db: AnyDb,
    private readonly clock: Clock,
    private readonly options: SessionOptions,
  ) {}

  /** Starts a session for the user and sets the cookie. */
  async signIn(c: Context, userId: string): Promise<void> {
    const token = randomBase62(43);
    const now = this.clock.now();
    const expires = new Date(now.getTime() + this.options.ttlMs);
    await this.db.insertInto('web_sessions').values({ id_hash: hashToken(token), user_id: userId, created_at: now, expires_at: expires }).execute();
    setCookie(c, this.options.cookieName, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: new URL(c.req.url).protocol === 'https:',
      path: '/',
      expires,
    });
  }

  /** The signed-in user's id, or null. */
  async userId(c: Context): Promise<string | null> {
    const token = getCookie(c, this.options.cookieName);
    if (!token) return null;
    const row = await this.db.selectFrom('web_sessions').select(['user_id', 'expires_at']).where('id_hash', '=', hashToken(token)).executeTakeFirst();
    if (!row || new Date(row.expires_at).getTime() <= this.clock.now().getTime()) return null;
    return row.user_id as string;
  }

  async signOut(c: Context): Promise<void> {
    const token = getCookie(c, this.options.cookieName);
    if (token) await this.db.deleteFrom('web_sessions').where('id_hash', '=', hashToken(token)).execute();
    deleteCookie(c, this.options.cookieName, { path: '/' });
  }

  /** Ends every session of a user (password change, deactivation). */
  async signOutEverywhere(userId: string): Promise<void> {
    await this.db.deleteFrom('web_sessions').where('user_id', '=', userId).execute();
  }
}
