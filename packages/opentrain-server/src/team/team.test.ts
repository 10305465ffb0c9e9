/** GET /team, POST /team/invites, the emailed join link, and who may act on approvals — over HTTP. */
import { createMailer, ManualClock, type Mailer } from '@platform/kit';
import { createTestDatabase, type TestDatabase } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opentrainMigrations } from '../migrations';
import { type Harness, startHarness, uniqueEmail } from '../testing/harness';
import { WebClient } from '../testing/web-client';

let h: Harness;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase(opentrainMigrations);
  const clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000);
  const sandbox = createMailer({ db: database.db, clock, from: 'OpenTrain <noreply@opentrain.test>' });
  // Delivers to the sandbox outbox, except to addresses starting with "bounce." (a failing SMTP server).
  const mailer: Mailer = {
    kind: 'sandbox',
    send: async (message) => {
      if (String(message.to).startsWith('bounce.')) throw new Error('550 mailbox unavailable');
      return sandbox.send(message);
    },
  };
  h = await startHarness({ database, mailer, clock, startWorker: false });
});
afterAll(async () => {
  await h?.close();
  await database?.close();
});

async function owner() {
  const { token, web, email } = await h.claimedAgent('Team agent');
  const org = (await h.api('/auth/me', { token })).body.account.organizationId as string;
  const ownerId = (await h.api('/auth/me', { token })).body.actor.userId as string;
  return { token, web, email, org, ownerId };
}

const invite = (token: string, email: string) => h.api('/team/invites', { method: 'POST', token, body: { email } });

/** The invitee opens the emailed link, signs up with that email, lands back on the join page and joins. */
async function joinByLink(email: string, web = new WebClient(h.url)) {
  const link = await h.mailLink(email, '/team/join');
  const path = new URL(link).pathname + new URL(link).search;
  const before = await web.get(path);
  const { landed } = await h.signInByLink(email, path, web);
  expect(landed.text).toContain('Join team');
  const joined = await web.post('/team/join', { token: new URL(link).searchParams.get('token') as string });
  return { before, joined, web, link, path };
}

describe('GET /team', () => {
  it('shows the organization and its owner; pre-claim tokens can read it; the team flag off is 403 teams_not_enabled', async () => {
    const o = await owner();
    const res = await h.api('/team', { token: o.token });
    expect(res.status).toBe(200);
    expect(res.body.team.organization).toMatchObject({ id: o.org, ownerUserId: o.ownerId, ownerName: 'Hu Man' });
    expect(res.body.team.members).toEqual([{ userId: o.ownerId, role: 'OWNER', name: 'Hu Man', email: o.email, joinedAt: expect.any(String), canActOnApprovals: true }]);
    expect(res.body.team.invites).toEqual([]);

    const agent = await h.registerAgent();
    const preClaim = await h.api('/team', { token: agent.access_token });
    expect(preClaim.status).toBe(200);
    expect(preClaim.body.team.members).toEqual([]);
    const noWriteScope = await invite(agent.access_token, uniqueEmail('x'));
    // Claiming is what grants team:write: the refusal says so.
    expect(noWriteScope.body.details).toMatchObject({ reason: 'account_claim_required', claimUrl: `${h.url}/claim` });
    const preClaimOrg = (await h.api('/auth/me', { token: agent.access_token })).body.account.organizationId;
    const { token: writer } = await h.services.tokens.createFor({ organizationId: preClaimOrg, name: 'w', scopes: ['team:read', 'team:write'], origin: 'web' });
    const blocked = await invite(writer, uniqueEmail('x'));
    expect(blocked.status).toBe(403);
    expect(blocked.body.details.reason).toBe('account_claim_required');

    await h.services.features.setForOrganization(o.org, 'public_api_team', false);
    const off = await h.api('/team', { token: o.token });
    expect(off.status).toBe(403);
    expect(off.body.details).toMatchObject({ reason: 'teams_not_enabled', featureKey: 'public_api_team' });
    expect((await invite(o.token, uniqueEmail('x'))).body.details.reason).toBe('teams_not_enabled');
    await h.services.features.setForOrganization(o.org, 'public_api_team', null);
    expect((await h.api('/team', { token: o.token })).status).toBe(200);
  });
});

describe('POST /team/invites and the join link', () => {
  it('emails a 7-day join link; the invitee signs up with that email and becomes a MEMBER; inviting again says already_member', async () => {
    const o = await owner();
    const email = uniqueEmail('colleague');
    const created = await invite(o.token, email);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ ok: true, status: 'invite_created', email });
    expect(created.body.team.invites).toHaveLength(1);
    const { expiresAt, createdAt } = created.body.team.invites[0];
    expect(new Date(expiresAt).getTime() - new Date(createdAt).getTime()).toBe(7 * 24 * 3600_000);

    const { before, joined } = await joinByLink(email);
    expect(before.text).toContain('Sign in'); // not signed in yet: asked to sign in with the invited email
    expect(joined.status).toBe(200);
    expect(joined.text).toContain('You joined the team.');

    const team = (await h.api('/team', { token: o.token })).body.team;
    expect(team.invites).toEqual([]);
    const member = team.members.find((m: { email: string }) => m.email === email);
    expect(member).toMatchObject({ role: 'MEMBER', canActOnApprovals: false });
    expect(await h.services.team.isMember(o.org, member.userId)).toBe(true);
    expect((await invite(o.token, email.toUpperCase())).body.status).toBe('already_member');
  });

  it('adds an existing user who belongs to no organization at once (member_added)', async () => {
    const o = await owner();
    const email = uniqueEmail('existing');
    await h.signInByLink(email); // has an account, no organization
    const res = await invite(o.token, email);
    expect(res.body.status).toBe('member_added');
    expect(res.body.team.members.map((m: { email: string }) => m.email)).toContain(email);
  });

  it('refuses a bad email with the field, and answers 409 invite_email_send_failed without keeping the invite when mail fails', async () => {
    const o = await owner();
    const bad = await invite(o.token, 'not-an-email');
    expect(bad.status).toBe(400);
    expect(bad.body.details.field ?? bad.body.details.issues?.[0]?.path?.[0]).toBe('email');
    const bounced = await invite(o.token, uniqueEmail('bounce'));
    expect(bounced.status).toBe(409);
    expect(bounced.body.details.reason).toBe('invite_email_send_failed');
    expect((await h.api('/team', { token: o.token })).body.team.invites).toEqual([]);
  });

  it('a newer invite replaces the older link; expired links, wrong emails and members of another organization cannot join', async () => {
    const o = await owner();
    const email = uniqueEmail('twice');
    await invite(o.token, email);
    const firstLink = await h.mailLink(email, '/team/join');
    await invite(o.token, email);
    expect((await h.api('/team', { token: o.token })).body.team.invites).toHaveLength(1);
    const web = new WebClient(h.url);
    const replaced = await web.get(new URL(firstLink).pathname + new URL(firstLink).search);
    expect(replaced.status).toBe(410);
    expect(replaced.text).toContain('newer invitation');

    // Signed in as someone else.
    const secondLink = await h.mailLink(email, '/team/join');
    const path = new URL(secondLink).pathname + new URL(secondLink).search;
    const { web: stranger } = await h.signInByLink(uniqueEmail('stranger'));
    const wrong = await stranger.get(path);
    expect(wrong.status).toBe(403);
    const forced = await stranger.post('/team/join', { token: new URL(secondLink).searchParams.get('token') as string });
    expect(forced.status).toBe(403);

    // The owner of another organization cannot join (one organization per account).
    const other = await owner();
    await invite(o.token, other.email);
    const otherLink = await h.mailLink(other.email, '/team/join');
    const refused = await other.web.post('/team/join', { token: new URL(otherLink).searchParams.get('token') as string });
    expect(refused.status).toBe(409);

    // Expiry: 7 days.
    h.clock.advance(7 * 24 * 3600_000 + 1);
    const expired = await web.get(path);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('expired');
    expect((await h.api('/team', { token: o.token })).body.team.invites).toEqual([]);
  });
});

describe('acting on approvals', () => {
  it('owners always may; a member only after the owner allows it on /account/team (CSRF-protected, owner only)', async () => {
    const o = await owner();
    const email = uniqueEmail('approver');
    await invite(o.token, email);
    const { web: memberWeb } = await joinByLink(email);
    const memberId = (await h.api('/team', { token: o.token })).body.team.members.find((m: { email: string }) => m.email === email).userId;
    expect(await h.services.team.canActOnApprovals(o.org, o.ownerId)).toBe(true);
    expect(await h.services.team.canActOnApprovals(o.org, memberId)).toBe(false);

    const page = await o.web.get('/account/team');
    expect(page.status).toBe(200);
    expect(page.text).toContain(email);
    const noCsrf = await o.web.post('/account/team/permissions', { user_id: memberId, allowed: 'yes' }, { csrf: 'forged' });
    expect(noCsrf.status).toBe(403);
    const crossSite = await o.web.post('/account/team/permissions', { user_id: memberId, allowed: 'yes' }, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await h.services.team.canActOnApprovals(o.org, memberId)).toBe(false);

    const byMember = await memberWeb.post('/account/team/permissions', { user_id: memberId, allowed: 'yes' });
    expect(byMember.status).toBe(403);
    const allowed = await o.web.post('/account/team/permissions', { user_id: memberId, allowed: 'yes' });
    expect(allowed.status).toBe(200);
    expect(await h.services.team.canActOnApprovals(o.org, memberId)).toBe(true);
    expect((await h.api('/team', { token: o.token })).body.team.members.find((m: { email: string }) => m.email === email).canActOnApprovals).toBe(true);

    await o.web.post('/account/team/permissions', { user_id: memberId, allowed: 'no' });
    expect(await h.services.team.canActOnApprovals(o.org, memberId)).toBe(false);
    const strangerEmail = uniqueEmail('nobody');
    await h.signInByLink(strangerEmail);
    const stranger = await h.services.users.findByEmail(strangerEmail);
    expect(await h.services.team.canActOnApprovals(o.org, stranger?.id as string)).toBe(false);
    expect(await h.services.team.isMember(o.org, stranger?.id as string)).toBe(false);
  });

  it('the owner can invite from the team page', async () => {
    const o = await owner();
    const email = uniqueEmail('from-page');
    await o.web.get('/account/team');
    const sent = await o.web.post('/account/team/invites', { email });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain(`Invitation sent to ${email}`);
    expect(await h.mailLink(email, '/team/join')).toContain('token=ot_inv_');
  });
});
