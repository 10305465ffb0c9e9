/**
 * @module Team pages for humans: `/team/join?token=ot_inv_…` (the emailed join link: sign in or sign
 * up with the invited email, then one click joins as MEMBER) and `/account/team` (members, pending
 * invites, an invite form, and the owner's switch that lets a member act on approvals). Every form
 * carries a CSRF token; cross-site POSTs are refused.
 */
import { type AppEnv, badge, button, clientIp, csrfField, dataTable, emptyState, enumLabel, facts, field, formatDate, formatDateTime, GuessThrottle, html, redirectTo, requestLocale, sameOriginOnly } from '@platform/kit';
import type { Hono } from 'hono';
import type { UserRow } from '../accounts';
import type { TeamServices } from './context';
import { MEMBER_ROLE_LABELS } from '../platform/labels';
import { currentUser, errorLine, readVerifiedForm, render, sandboxMailHint, securityHeaders, type WebContext } from '../platform/web-ui';
import type { JoinResult } from './team-service';

export const TEAM_PATHS = ['/team/join', '/account/team', '/account/team/*'];

const JOIN_FAILURES: Record<Exclude<JoinResult, { ok: true }>['reason'], string> = {
  unknown: 'This invitation link is not valid.',
  expired: 'This invitation expired. Ask the team owner (or their agent) to invite you again.',
  accepted: 'This invitation was already used.',
  replaced: 'A newer invitation replaced this one: use the link in the most recent email.',
  wrong_email: 'You are signed in with a different email than the one this invitation was sent to.',
  member_elsewhere: 'Your account already belongs to another organization, and an account can belong to only one.',
};

const JOIN_STATUS: Record<Exclude<JoinResult, { ok: true }>['reason'], number> = { unknown: 404, expired: 410, accepted: 410, replaced: 410, wrong_email: 403, member_elsewhere: 409 };

async function teamBody(c: WebContext, services: TeamServices, user: UserRow, flash?: { error?: string; notice?: string }) {
  const membership = await services.users.membership(user.id);
  if (!membership) return html`<h1>Your team</h1><p>You do not belong to an organization yet. Open the join link from your invitation email.</p>`;
  const team = await services.team.view(membership.organization_id);
  const isOwner = membership.role === 'OWNER';
  const locale = requestLocale(c);
  type Member = (typeof team.members)[number];
  const columns = [
    { label: 'Name', cell: (m: Member) => m.name, empty: 'No name given' },
    { label: 'Email', cell: (m: Member) => m.email },
    { label: 'Role', cell: (m: Member) => enumLabel(MEMBER_ROLE_LABELS, m.role) },
    { label: 'Joined', cell: (m: Member) => formatDate(m.joinedAt, locale) },
    {
      label: 'May confirm payments',
      cell: (m: Member) =>
        m.role === 'OWNER' || !isOwner
          ? m.canActOnApprovals
            ? badge('Yes', 'success')
            : badge('No')
          : html`<form method="post" action="/account/team/permissions">${csrfField(c)}
              <input type="hidden" name="user_id" value="${m.userId}" />
              <input type="hidden" name="allowed" value="${m.canActOnApprovals ? 'no' : 'yes'}" />
              ${m.canActOnApprovals ? badge('Yes', 'success') : badge('No')} ${button(m.canActOnApprovals ? 'Revoke' : 'Allow', { variant: 'secondary' })}</form>`,
    },
  ];
  return html`<h1>Team of ${team.organization.name ?? 'your organization'}</h1>
    ${facts([
      ['Owner', team.organization.ownerName ?? 'Not claimed yet'],
      ['Your role', enumLabel(MEMBER_ROLE_LABELS, membership.role)],
    ])}
    <p>Members see the organization's jobs and contracts. Only the owner, and members the owner allows here, may confirm payments on approval pages.</p>
    ${errorLine(flash?.error)}
    ${flash?.notice ? html`<p class="flash notice" role="status">${flash.notice}</p>` : ''}
    <h2>Members</h2>
    ${dataTable({ columns, rows: team.members, rowAttrs: (m) => ({ 'data-member': m.email }), empty: emptyState('No members yet') })}
    <h2>Pending invitations</h2>
    ${team.invites.length ? html`<ul>${team.invites.map((i) => html`<li>${i.email}, expires ${formatDateTime(i.expiresAt, locale)}</li>`)}</ul>` : emptyState('No pending invitations')}
    ${
      isOwner
        ? html`<article><h2>Invite someone</h2>
          <form method="post" action="/account/team/invites">${csrfField(c)}
            ${field({ name: 'email', label: 'Email', type: 'email', required: true, attrs: { maxlength: 254 }, hint: 'They get a link to join as a team member.' })}
            ${button('Send invitation', { pending: 'Sending…' })}</form>${sandboxMailHint(services)}</article>`
        : ''
    }`;
}

export function mountTeamPages(app: Hono<AppEnv>, services: TeamServices): void {
  // The app mounts domain routes before its own web middleware, so these pages bring their own.
  for (const path of TEAM_PATHS) {
    app.use(path, securityHeaders);
    app.use(path, sameOriginOnly());
  }

  // Invitation tokens are secrets: an address that keeps presenting unknown ones is throttled (429).
  const inviteGuesses = new GuessThrottle(services.limiter, 'ot:bad-invite-link', services.limits.secretGuessesPerIp);

  async function showJoin(c: WebContext, token: string, user: UserRow | undefined) {
    await inviteGuesses.check(clientIp(c));
    const invite = await services.team.peekInvite(token);
    if (invite.state === 'unknown') await inviteGuesses.failed(clientIp(c));
    if (invite.state !== 'valid') return render(c, services, { title: 'Join a team', user, status: JOIN_STATUS[invite.state], body: html`<h1>Join a team</h1><p class="error">${JOIN_FAILURES[invite.state]}</p>` });
    const org = invite.organizationName ?? 'a team';
    if (!user) {
      const q = `email=${encodeURIComponent(invite.email)}&next=${encodeURIComponent(`/team/join?token=${token}`)}`;
      return render(c, services, {
        title: 'Join a team',
        body: html`<h1>Join ${org}</h1><p>This invitation is for <strong>${invite.email}</strong>. Sign in, or create your account, with exactly that email to join.</p>
          <p><a href="/signin?${q}">Sign in</a> · <a href="/signup?${q}">Create an account</a></p>`,
      });
    }
    if (user.email_normalized !== invite.email.toLowerCase()) {
      return render(c, services, {
        title: 'Join a team',
        user,
        status: 403,
        body: html`<h1>Join ${org}</h1><p class="error">You are signed in as <strong>${user.email}</strong>, but this invitation is for <strong>${invite.email}</strong>.</p>
          <form method="post" action="/signout">${csrfField(c)}<button type="submit">Sign out</button></form>`,
      });
    }
    return render(c, services, {
      title: 'Join a team',
      user,
      body: html`<h1>Join ${org}</h1><p>You were invited to join <strong>${org}</strong> on OpenTrain as a member.</p>
        <form method="post" action="/team/join">${csrfField(c)}<input type="hidden" name="token" value="${token}" /><button type="submit">Join team</button></form>
        <p>The invitation expires at ${invite.expiresAt.toISOString()}.</p>`,
    });
  }

  app.get('/team/join', async (c) => showJoin(c, c.req.query('token') ?? '', await currentUser(c, services)));

  app.post('/team/join', async (c) => {
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const token = read.form.token ?? '';
    const user = await currentUser(c, services);
    if (!user) return redirectTo(c, `/signin?next=${encodeURIComponent(`/team/join?token=${token}`)}`);
    await inviteGuesses.check(clientIp(c));
    const result = await services.team.joinWithInvite(token, user.id);
    if (!result.ok && result.reason === 'unknown') await inviteGuesses.failed(clientIp(c));
    if (!result.ok) return render(c, services, { title: 'Join a team', user, status: JOIN_STATUS[result.reason], body: html`<h1>Join a team</h1><p class="error">${JOIN_FAILURES[result.reason]}</p>` });
    return render(c, services, { title: 'Team', user, body: await teamBody(c, services, user, { notice: result.alreadyMember ? 'You were already on this team.' : 'You joined the team.' }) });
  });

  app.get('/account/team', async (c) => {
    const user = await currentUser(c, services);
    if (!user) return redirectTo(c, '/signin?next=/account/team');
    return render(c, services, { title: 'Team', user, body: await teamBody(c, services, user) });
  });

  app.post('/account/team/permissions', async (c) => {
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const user = await currentUser(c, services);
    if (!user) return redirectTo(c, '/signin?next=/account/team');
    const membership = await services.users.membership(user.id);
    if (membership?.role !== 'OWNER') return render(c, services, { title: 'Team', user, status: 403, body: html`<p class="error">Only the organization owner can change who may confirm approvals.</p>` });
    try {
      await services.team.setApprovalPermission(membership.organization_id, user.id, read.form.user_id ?? '', read.form.allowed === 'yes');
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (!status || status >= 500) throw err;
      return render(c, services, { title: 'Team', user, status, body: await teamBody(c, services, user, { error: (err as Error).message }) });
    }
    return redirectTo(c, '/account/team');
  });

  app.post('/account/team/invites', async (c) => {
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const user = await currentUser(c, services);
    if (!user) return redirectTo(c, '/signin?next=/account/team');
    const membership = await services.users.membership(user.id);
    if (membership?.role !== 'OWNER') return render(c, services, { title: 'Team', user, status: 403, body: html`<p class="error">Only the organization owner can invite people.</p>` });
    try {
      const result = await services.team.invite(membership.organization_id, user.id, read.form.email ?? '');
      const notice = { invite_created: `Invitation sent to ${result.email}.`, member_added: `${result.email} was added to the team.`, already_member: `${result.email} is already on the team.` }[result.status];
      return render(c, services, { title: 'Team', user, body: await teamBody(c, services, user, { notice }) });
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (!status || status >= 500) throw err;
      const error = status === 400 ? 'Email: enter a valid email address.' : (err as Error).message;
      return render(c, services, { title: 'Team', user, status, body: await teamBody(c, services, user, { error }) });
    }
  });
}
