/** The dashboard over plain HTTP: sign-up, sign-in, invitations, roles, CSRF, visibility. (The browser flow is in browser.test.ts.) */
import { listSandboxMail } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startHarness, type TrainArHarness, uniqueEmail, WebClient } from '../testing/index';

let h: TrainArHarness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

async function signUp(org = 'Signup Org') {
  const web = new WebClient(h.url);
  const email = uniqueEmail('founder');
  const res = await web.submit('/signup', '/signup', { organisation: org, full_name: 'Fay Founder', email, password: PASSWORD, timezone: 'Europe/Paris' });
  expect(res.status).toBe(303);
  expect(res.location).toBe('/dashboard');
  return { web, email };
}

async function inviteLink(email: string): Promise<string> {
  const [mail] = await listSandboxMail(h.database.db, { to: email });
  const match = /(\/invite\/accept\?token=[A-Za-z0-9_%]+)/.exec(mail.text);
  return (match as RegExpExecArray)[1];
}

describe('sign up and sign in', () => {
  it('sign-up creates a tenant with its first admin and signs them in', async () => {
    const { web, email } = await signUp('Founders Inc');
    const home = await web.get('/dashboard');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Founders Inc');
    expect(home.text).toContain('href="/dashboard/users"');
    const tenant = await h.database.db.selectFrom('users').innerJoin('tenants', 'tenants.id', 'users.tenant_id').select(['tenants.timezone', 'users.role']).where('users.email', '=', email).executeTakeFirstOrThrow();
    expect(tenant).toEqual({ timezone: 'Europe/Paris', role: 'admin' });
    const again = await new WebClient(h.url).submit('/signup', '/signup', { organisation: 'Dup', full_name: 'D', email, password: PASSWORD });
    expect(again.status).toBe(409);
    expect(again.text).toContain('already exists');
    const weak = await new WebClient(h.url).submit('/signup', '/signup', { organisation: 'Weak', full_name: 'W', email: uniqueEmail(), password: 'short' });
    expect(weak.status).toBe(400);
  });

  it('signs in with email and password, refuses a wrong password, and signs out', async () => {
    const t = await h.createTenant('Sign In Ltd');
    const web = new WebClient(h.url);
    const wrong = await web.submit('/signin', '/signin', { email: t.adminEmail, password: 'wrong password!' });
    expect(wrong.status).toBe(401);
    const ok = await web.submit('/signin', '/signin', { email: t.adminEmail.toUpperCase(), password: PASSWORD, next: '/dashboard/settings' });
    expect(ok.location).toBe('/dashboard/settings');
    expect((await web.get('/dashboard')).status).toBe(200);
    const offsite = await new WebClient(h.url).submit('/signin', '/signin', { email: t.adminEmail, password: PASSWORD, next: '//evil.example/x' });
    expect(offsite.location).toBe('/dashboard');
    const out = await web.submit('/dashboard', '/signout', {});
    expect(out.location).toBe('/signin?notice=signed-out');
    expect((await web.get('/dashboard')).location).toBe('/signin?next=%2Fdashboard');
  });

  it('rate limits repeated sign-in attempts for one email', async () => {
    const t = await h.createTenant('Brute Force Target');
    const web = new WebClient(h.url);
    let last = 0;
    for (let i = 0; i < 11; i++) last = (await web.submit('/signin', '/signin', { email: t.adminEmail, password: `guess ${i} wrong` })).status;
    expect(last).toBe(429);
  });

  it('refuses forms without the CSRF token or from another origin', async () => {
    const { web } = await signUp();
    await web.get('/dashboard/api');
    expect((await web.post('/dashboard/api/keys', { name: 'x', scopes: 'read:tasks' }, { csrf: false })).status).toBe(403);
    expect((await web.post('/dashboard/api/keys', { name: 'x', scopes: 'read:tasks' }, { origin: 'https://evil.example' })).status).toBe(403);
  });
});

describe('users page', () => {
  it('invites a member who sets a password from the emailed link and then sees no admin pages', async () => {
    const { web } = await signUp('Invite Flow Ltd');
    const email = uniqueEmail('member');
    const invited = await web.submit('/dashboard/users', '/dashboard/users/invite', { email, full_name: 'Mia Member', role: 'member' });
    expect(invited.location).toBe('/dashboard/users?notice=invited');
    expect((await web.get('/dashboard/users?notice=invited')).text).toContain(email);

    const member = new WebClient(h.url);
    const link = await inviteLink(email);
    const form = await member.get(link);
    expect(form.text).toContain('Join Invite Flow Ltd');
    const mismatch = await member.post('/invite/accept', { token: decodeURIComponent(link.split('token=')[1]), password: PASSWORD, password_confirm: 'different password' });
    expect(mismatch.status).toBe(400);
    const set = await member.post('/invite/accept', { token: decodeURIComponent(link.split('token=')[1]), password: PASSWORD, password_confirm: PASSWORD });
    expect(set.location).toBe('/dashboard?notice=password-set');
    const home = await member.get('/dashboard');
    expect(home.text).not.toContain('href="/dashboard/users"');
    expect(home.text).not.toContain('href="/dashboard/api"');
    expect((await member.get('/dashboard/users')).status).toBe(403);
    expect((await member.get('/dashboard/api')).status).toBe(403);
    const settings = await member.get('/dashboard/settings');
    expect(settings.status).toBe(200);
    expect(settings.text).toContain('Only admins can change these settings.');
    expect((await member.post('/dashboard/settings', { name: 'Hijacked', timezone: 'UTC', country: '', language: 'en' })).status).toBe(403);
    // The link works once.
    expect((await new WebClient(h.url).get(link)).status).toBe(410);
  });

  it('expires set-password links after the invitation lifetime (injected clock)', async () => {
    const t = await h.createTenant('Expiry Ltd');
    const user = await h.invite(t.tenantId, 'member');
    const link = await inviteLink(user.email);
    h.clock.advance(167 * 3_600_000);
    expect((await new WebClient(h.url).get(link)).status).toBe(200);
    h.clock.advance(2 * 3_600_000);
    const expired = await new WebClient(h.url).get(link);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('expired');
    expect((await new WebClient(h.url).get('/invite/accept?token=tinv_nonsense')).status).toBe(404);
    // An admin resends: a fresh link works, the old one stays dead.
    const admin = new WebClient(h.url);
    await admin.submit('/signin', '/signin', { email: t.adminEmail, password: PASSWORD });
    expect((await admin.submit('/dashboard/users', `/dashboard/users/${user.id}/resend`, {})).location).toBe('/dashboard/users?notice=resent');
    const fresh = await inviteLink(user.email);
    expect(fresh).not.toBe(link);
    expect((await new WebClient(h.url).get(fresh)).status).toBe(200);
    expect((await new WebClient(h.url).get(link)).status).toBe(404);
  });

  it('changes roles, deactivates (ending sessions) and reactivates, but never lets an admin deactivate themself', async () => {
    const t = await h.createTenant('Roles Ltd');
    const admin = new WebClient(h.url);
    await admin.submit('/signin', '/signin', { email: t.adminEmail, password: PASSWORD });
    const user = await h.invite(t.tenantId, 'member');
    await h.services.users.acceptInvitation(decodeURIComponent((await inviteLink(user.email)).split('token=')[1]), PASSWORD);
    const member = new WebClient(h.url);
    await member.submit('/signin', '/signin', { email: user.email, password: PASSWORD });
    expect((await member.get('/dashboard')).status).toBe(200);

    const page = await admin.get('/dashboard/users');
    const ownRow = page.text.split('<tr').find((row) => row.includes(`data-user-id="${t.adminId}"`)) as string;
    expect(ownRow).not.toContain('/deactivate');
    expect((await admin.post(`/dashboard/users/${t.adminId}/deactivate`, {})).status).toBe(409);

    expect((await admin.submit('/dashboard/users', `/dashboard/users/${user.id}/update`, { full_name: 'Promoted Person', role: 'admin' })).status).toBe(303);
    expect((await h.services.users.get(t.tenantId, user.id)).role).toBe('admin');
    expect((await admin.submit('/dashboard/users', `/dashboard/users/${user.id}/deactivate`, {})).location).toBe('/dashboard/users?notice=deactivated');
    expect((await member.get('/dashboard')).status).toBe(303);
    expect((await member.submit('/signin', '/signin', { email: user.email, password: PASSWORD })).status).toBe(401);
    await admin.submit('/dashboard/users', `/dashboard/users/${user.id}/reactivate`, {});
    expect((await member.submit('/signin', '/signin', { email: user.email, password: PASSWORD })).status).toBe(303);
  });
});

describe('settings page', () => {
  it('saves General and Locality settings and shows errors for bad values', async () => {
    const { web } = await signUp('Settings Org');
    const saved = await web.submit('/dashboard/settings', '/dashboard/settings', { name: 'Settings Org Ltd', timezone: 'Europe/London', country: 'GB', language: 'en-GB' });
    expect(saved.location).toBe('/dashboard/settings?notice=saved');
    const page = await web.get('/dashboard/settings?notice=saved');
    expect(page.text).toContain('Settings saved.');
    expect(page.text).toContain('value="Settings Org Ltd"');
    expect(page.text).toContain('<option value="Europe/London" selected>Europe/London</option>');
    const bad = await web.submit('/dashboard/settings', '/dashboard/settings', { name: 'X', timezone: 'Nowhere/Land', country: '', language: 'en' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('IANA time zone');
  });
});

describe('sandbox mail page', () => {
  it('lists sandbox mail, labelled as sandbox', async () => {
    const t = await h.createTenant('Mail Org');
    const user = await h.invite(t.tenantId);
    const page = await new WebClient(h.url).get(`/dev/mail?to=${encodeURIComponent(user.email)}`);
    expect(page.text).toContain('Sandbox');
    expect(page.text).toContain("You&#39;re invited to Mail Org on TrainAR");
  });
});
