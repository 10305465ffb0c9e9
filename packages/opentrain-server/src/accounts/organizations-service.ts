/**
 * @module Employer organizations. An anonymous registration creates one (no owner); a completed
 * claim makes the human its OWNER, so the agent's pre-claim work stays in the same account.
 */
import { newId, type Clock } from '@platform/kit';
import type { OpenTrainTables, OtDb, OtExecutor } from '../platform/db';

export type OrganizationRow = OpenTrainTables['ot_organizations'];

export class OrganizationsService {
  constructor(
    private readonly db: OtDb,
    private readonly clock: Clock,
  ) {}

  async create(exec: OtExecutor, input: { name: string | null }): Promise<OrganizationRow> {
    const now = this.clock.now();
    return exec.insertInto('ot_organizations').values({ id: newId('org', now), name: input.name, owner_user_id: null, claimed_at: null, created_at: now }).returningAll().executeTakeFirstOrThrow();
  }

  async get(id: string, exec: OtExecutor = this.db): Promise<OrganizationRow | undefined> {
    return exec.selectFrom('ot_organizations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Hands an unclaimed organization to its human owner. Returns false when it was already claimed. */
  async claim(exec: OtExecutor, organizationId: string, userId: string, at: Date): Promise<boolean> {
    const updated = await exec
      .updateTable('ot_organizations')
      .set({ owner_user_id: userId, claimed_at: at })
      .where('id', '=', organizationId)
      .where('claimed_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!updated) return false;
    await exec.insertInto('ot_organization_members').values({ organization_id: organizationId, user_id: userId, role: 'OWNER', joined_at: at }).execute();
    return true;
  }

  async members(organizationId: string, exec: OtExecutor = this.db) {
    return exec
      .selectFrom('ot_organization_members as m')
      .innerJoin('ot_users as u', 'u.id', 'm.user_id')
      .select(['m.user_id', 'm.role', 'm.joined_at', 'u.email', 'u.first_name', 'u.last_name'])
      .where('m.organization_id', '=', organizationId)
      .orderBy('m.joined_at', 'asc')
      .execute();
  }
}
