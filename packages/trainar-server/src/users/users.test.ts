import { ops } from '@trainar/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness, uniqueEmail } from '../testing/index';

let h: TrainArHarness;
let t: TenantFixture;
let key: string;

beforeAll(async () => {
  h = await startHarness();
  t = await h.createTenant('Acme Field Services');
  key = (await h.createKey(t.tenantId, ['read:users', 'manage:users'])).key;
});
afterAll(() => h?.close());

describe('users over REST', () => {
  it('lists users as the n8n node reads them ({users:[{id,email,full_name}]}, limit as a string)', async () => {
    const res = await h.call('GET', '/v1/api-tenant-users', { key, query: { limit: '1' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1, limit: 1, offset: 0 });
    expect(res.body.users[0]).toMatchObject({ id: t.adminId, email: t.adminEmail, full_name: 'Admin of Acme Field Services', role: 'admin', roles: ['admin'], status: 'active' });
  });

  it('invites a user with the n8n body {email, full_name, roles:["admin"]} and mails a set-password link', async () => {
    const email = uniqueEmail('n8n');
    const res = await h.call('POST', '/v1/api-tenant-users', { key, body: { email, full_name: 'Nia Node', roles: ['admin'] } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email, full_name: 'Nia Node', role: 'admin', roles: ['admin'], status: 'invited', is_active: true });
    const expires = new Date(res.body.invitation_expires_at).getTime();
    expect(expires - h.clock.now().getTime()).toBe(168 * 3_600_000);
    const mail = await h.call('GET', '/dev/mail', { query: { to: email } });
    expect(mail.body).toContain('invite/accept?token=tinv_');
  });

  it('treats roles: [] as member and rejects bad invitations with 400 naming the field', async () => {
    const member = await h.call('POST', '/v1/api-tenant-users', { key, body: { email: uniqueEmail(), full_name: 'Mo Member', roles: [] } });
    expect(member.body.role).toBe('member');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ email: 'not-an-email', full_name: 'X' }, 'email'],
      [{ email: uniqueEmail(), full_name: '' }, 'full_name'],
      [{ email: uniqueEmail(), full_name: 'X', role: 'owner' }, 'role'],
      [{ email: uniqueEmail(), full_name: 'X', roles: ['trainer'] }, 'roles.0'],
      [{ email: uniqueEmail(), full_name: 'X', role: 'member', roles: ['admin'] }, 'roles'],
    ];
    for (const [body, field] of cases) {
      const res = await h.call('POST', '/v1/api-tenant-users', { key, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ error: 'BAD_REQUEST', details: { field } });
      expect(typeof res.body.message).toBe('string');
    }
  });

  it('refuses to invite an email that is already a user (409 CONFLICT)', async () => {
    const res = await h.call('POST', '/v1/api-tenant-users', { key, body: { email: t.adminEmail.toUpperCase(), full_name: 'Dup' } });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('CONFLICT');
  });

  it('gets, edits, changes the role of, deactivates and reactivates a user', async () => {
    const invited = await h.invite(t.tenantId, 'member');
    const got = await h.call('GET', '/v1/api-tenant-users', { key, query: { user_id: invited.id } });
    expect(got.body).toMatchObject({ id: invited.id, status: 'invited' });
    const edited = await h.call('PATCH', '/v1/api-tenant-users', { key, query: { user_id: invited.id }, body: { full_name: 'Renamed Person' } });
    expect(edited.body).toMatchObject({ full_name: 'Renamed Person', role: 'member' });
    const promoted = await h.callOperation(ops.updateUserRole, { user_id: invited.id, role: 'admin' }, key);
    expect(promoted.body.role).toBe('admin');
    const off = await h.callOperation(ops.deactivateUser, { user_id: invited.id }, key);
    expect(off.body).toMatchObject({ status: 'inactive', is_active: false });
    const inactive = await h.call('GET', '/v1/api-tenant-users', { key, query: { status: 'inactive' } });
    expect(inactive.body.users.map((u: { id: string }) => u.id)).toEqual([invited.id]);
    const on = await h.callOperation(ops.reactivateUser, { user_id: invited.id }, key);
    expect(on.body).toMatchObject({ status: 'invited', is_active: true });
    const viaPatch = await h.call('PATCH', '/v1/api-tenant-users', { key, query: { user_id: invited.id }, body: { is_active: false } });
    expect(viaPatch.body.is_active).toBe(false);
    const empty = await h.call('PATCH', '/v1/api-tenant-users', { key, query: { user_id: invited.id }, body: {} });
    expect(empty.body).toMatchObject({ error: 'BAD_REQUEST', details: { field: '(body)' } });
    const noId = await h.call('PATCH', '/v1/api-tenant-users', { key, body: { role: 'admin' } });
    expect(noId.body).toMatchObject({ error: 'BAD_REQUEST', details: { field: 'user_id' } });
  });

  it('filters by role and pages with limit and offset', async () => {
    const all = await h.call('GET', '/v1/api-tenant-users', { key, query: { limit: 100 } });
    const admins = await h.call('GET', '/v1/api-tenant-users', { key, query: { role: 'admin', limit: 100 } });
    expect(admins.body.users.every((u: { role: string }) => u.role === 'admin')).toBe(true);
    const second = await h.call('GET', '/v1/api-tenant-users', { key, query: { limit: 1, offset: 1 } });
    expect(second.body.users[0].id).toBe(all.body.users[1].id);
    expect(second.body.total).toBe(all.body.total);
    const bad = await h.call('GET', '/v1/api-tenant-users', { key, query: { limit: 0 } });
    expect(bad.body).toMatchObject({ error: 'BAD_REQUEST', details: { field: 'limit' } });
    const badStatus = await h.call('GET', '/v1/api-tenant-users', { key, query: { status: 'gone' } });
    expect(badStatus.body.details.field).toBe('status');
  });

  it('keeps at least one active admin: the last one cannot be demoted, deactivated or deleted', async () => {
    const solo = await h.createTenant('Solo Admin Ltd');
    const soloKey = (await h.createKey(solo.tenantId, ['manage:users'])).key;
    for (const res of [
      await h.callOperation(ops.updateUserRole, { user_id: solo.adminId, role: 'member' }, soloKey),
      await h.callOperation(ops.deactivateUser, { user_id: solo.adminId }, soloKey),
      await h.callOperation(ops.deleteUser, { user_id: solo.adminId }, soloKey),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body.error).toBe('CONFLICT');
    }
  });

  it('deletes a user permanently: gone from the list, 404 afterwards, their set-password link dead', async () => {
    const invited = await h.invite(t.tenantId, 'member');
    const res = await h.callOperation(ops.deleteUser, { user_id: invited.id }, key);
    expect(res.body).toEqual({ id: invited.id, deleted: true });
    expect((await h.call('GET', '/v1/api-tenant-users', { key, query: { user_id: invited.id } })).status).toBe(404);
    const again = await h.callOperation(ops.deleteUser, { user_id: invited.id }, key);
    expect(again.body.error).toBe('NOT_FOUND');
    const malformed = await h.call('GET', '/v1/api-tenant-users', { key, query: { user_id: 'not-a-uuid' } });
    expect(malformed.body).toMatchObject({ error: 'BAD_REQUEST', details: { field: 'user_id' } });
  });
});
