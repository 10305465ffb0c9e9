/** @module Human users: unique by email (case-insensitive); an "OpenTrain account" is a user in an organization. */
import { newId, z, type Clock } from '@platform/kit';
import type { OpenTrainTables, OtDb, OtExecutor } from '../platform/db';

export type UserRow = OpenTrainTables['ot_users'];

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** What every surface accepts as an email address. */
export const emailSchema = z.string().trim().max(254, 'must be at most 254 characters').pipe(z.email({ message: 'must be a valid email address' }));

export function displayName(user: Pick<UserRow, 'first_name' | 'last_name' | 'email'>): string {
  const full = [user.first_name, user.last_name].filter(Boolean).join(' ');
  return full || user.email;
}

export class UsersService {
  constructor(
    private readonly db: OtDb,
    private readonly clock: Clock,
  ) {}

  async findByEmail(email: string, exec: OtExecutor = this.db): Promise<UserRow | undefined> {
    return exec.selectFrom('ot_users').selectAll().where('email_normalized', '=', normalizeEmail(email)).executeTakeFirst();
  }

  async findById(id: string, exec: OtExecutor = this.db): Promise<UserRow | undefined> {
    return exec.selectFrom('ot_users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Creates the user unless one exists with that email (then returns the existing one: race-safe). */
  async findOrCreate(exec: OtExecutor, input: { email: string; firstName?: string | null; lastName?: string | null; passwordHash?: string | null }): Promise<{ user: UserRow; created: boolean }> {
    const now = this.clock.now();
    const inserted = await exec
      .insertInto('ot_users')
      .values({
        id: newId('usr', now),
        email: input.email.trim(),
        email_normalized: normalizeEmail(input.email),
        first_name: input.firstName ?? null,
        last_name: input.lastName ?? null,
        password_hash: input.passwordHash ?? null,
        created_at: now,
        email_verified_at: now,
      })
      .onConflict((oc) => oc.column('email_normalized').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { user: inserted, created: true };
    return { user: (await this.findByEmail(input.email, exec)) as UserRow, created: false };
  }

  /** The user's organization membership (a user belongs to at most one until teams arrive). */
  async membership(userId: string, exec: OtExecutor = this.db) {
    return exec
      .selectFrom('ot_organization_members as m')
      .innerJoin('ot_organizations as o', 'o.id', 'm.organization_id')
      .select(['m.organization_id', 'm.role', 'o.name'])
      .where('m.user_id', '=', userId)
      .orderBy('m.joined_at', 'asc')
      .executeTakeFirst();
  }

  /**
   * True when the email already has an OpenTrain account, i.e. a user with that email who belongs
   * to an organization. A user who signed up but owns nothing yet (typically the human in the
   * middle of a claim) can still claim.
   */
  async hasAccount(email: string, exec: OtExecutor = this.db): Promise<boolean> {
    const row = await exec
      .selectFrom('ot_users as u')
      .innerJoin('ot_organization_members as m', 'm.user_id', 'u.id')
      .select('u.id')
      .where('u.email_normalized', '=', normalizeEmail(email))
      .executeTakeFirst();
    return row !== undefined;
  }
}
