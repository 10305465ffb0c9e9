/**
 * Deleting a user keeps the tenant's records and nulls the user's references (spec 2.2). Every
 * foreign key to users — including those later modules add — must be ON DELETE SET NULL, or
 * CASCADE for rows that exist only for that user.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TrainArHarness } from '../testing/index';

let h: TrainArHarness;
// Rows that only make sense for the user themself; everything else keeps its row with a null reference.
// Integrations: the user's staff mapping is dropped with them [S: users-and-seats], and so is a
// connection they started but have not finished (its OAuth state).
const CASCADE_ALLOWED = new Set(['user_invitations.user_id', 'integration_user_links.user_id', 'integration_oauth_states.user_id']);

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('deleting a user', () => {
  it('every foreign key to users nulls the reference (or cascades for per-user rows)', async () => {
    const { rows } = await sql<{ tbl: string; col: string; rule: string }>`
      select c.conrelid::regclass::text as tbl, a.attname as col, c.confdeltype as rule
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
      where c.contype = 'f' and c.confrelid = 'users'::regclass`.execute(h.database.db);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) {
      const name = `${r.tbl.replace(/^.*\./, '')}.${r.col}`;
      expect(r.rule === 'n' || (r.rule === 'c' && CASCADE_ALLOWED.has(name)), `${name} must be ON DELETE SET NULL`).toBe(true);
    }
  });

  it("keeps the keys they created and the users they invited, with the reference nulled, and ends their sessions", async () => {
    const t = await h.createTenant('Deletion Co');
    const users = h.services.users;
    const second = await users.invite(t.tenantId, { kind: 'user', userId: t.adminId }, { email: `second-${crypto.randomUUID().slice(0, 6)}@example.test`, full_name: 'Second Admin', role: 'admin' });
    const key = await h.services.apiKeys.create(t.tenantId, { kind: 'user', userId: t.adminId }, { name: 'made by first admin', scopes: ['read:users'] });
    await h.database.db.insertInto('web_sessions').values({ id_hash: 'x'.repeat(64), user_id: t.adminId, created_at: new Date(), expires_at: new Date(Date.now() + 3_600_000) }).execute();

    await expect(users.delete(t.tenantId, { kind: 'user', userId: t.adminId }, t.adminId)).rejects.toMatchObject({ status: 409 });
    await users.delete(t.tenantId, { kind: 'user', userId: second.id }, t.adminId);

    const keyRow = await h.database.db.selectFrom('api_keys').selectAll().where('id', '=', key.id).executeTakeFirstOrThrow();
    expect(keyRow.created_by_user_id).toBeNull();
    const secondRow = await h.database.db.selectFrom('users').selectAll().where('id', '=', second.id).executeTakeFirstOrThrow();
    expect(secondRow.invited_by_user_id).toBeNull();
    const sessions = await h.database.db.selectFrom('web_sessions').selectAll().where('user_id', '=', t.adminId).execute();
    expect(sessions).toEqual([]);
    expect((await h.call('GET', '/v1/api-tenant-users', { key: key.key })).status).toBe(200);
  });
});
