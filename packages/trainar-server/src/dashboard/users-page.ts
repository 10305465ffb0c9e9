/**
 * @module Dashboard → Users (admins only): invite by email, edit name and role, deactivate /
 * reactivate, resend a set-password link, delete. Nobody gets buttons to deactivate or delete themself.
 */
import { type AppEnv, csrfField, html, redirectTo } from '@platform/kit';
import { ROLES, type User } from '@trainar/api';
import type { Context, Hono } from 'hono';
import { type DashboardDeps, readForm, type SessionUser, signedIn, withFormErrors } from './session';
import { formatDate, formField, noticeFrom, page } from './view';

const STATUS_LABEL: Record<User['status'], string> = { active: 'Active', inactive: 'Inactive', invited: 'Invited' };

function roleSelect(selected: string) {
  return html`<select name="role" aria-label="Role">${ROLES.map((r) => html`<option value="${r}" ${r === selected ? 'selected' : ''}>${r === 'admin' ? 'Admin' : 'Member'}</option>`)}</select>`;
}

function userRow(c: Context, u: User, me: SessionUser) {
  const self = u.id === me.userId;
  const action = (path: string, label: string, cls = 'secondary', confirm?: string) =>
    html`<form method="post" action="/dashboard/users/${u.id}/${path}" style="display:inline" ${confirm ? html`data-confirm="${confirm}"` : ''}>${csrfField(c)}<button class="${cls}" type="submit">${label}</button></form>`;
  return html`<tr data-user-id="${u.id}" data-email="${u.email}">
    <td>
      <form method="post" action="/dashboard/users/${u.id}/update" style="display:flex;gap:.3rem;margin:0">
        ${csrfField(c)}
        <input name="full_name" value="${u.full_name}" aria-label="Full name" maxlength="200" required />
        ${roleSelect(u.role)}
        <button type="submit">Save</button>
      </form>
      <small>${u.email}${self ? ' (you)' : ''}</small>
    </td>
    <td>${STATUS_LABEL[u.status]}${u.status === 'invited' && u.invitation_expires_at ? html`<br /><small>link expires ${formatDate(u.invitation_expires_at, me.timezone)}</small>` : ''}</td>
    <td>${formatDate(u.last_active_at, me.timezone)}</td>
    <td>
      ${u.status === 'invited' ? action('resend', 'Resend invite') : ''}
      ${self ? '' : u.is_active ? action('deactivate', 'Deactivate') : action('reactivate', 'Reactivate')}
      ${self ? '' : action('delete', 'Delete', 'secondary', 'Delete this user permanently? Their records stay but no longer name them.')}
    </td>
  </tr>`;
}

async function render(c: Context, deps: DashboardDeps, me: SessionUser, options: { error?: string; status?: number; invite?: Record<string, string> } = {}) {
  const { users, total } = await deps.services.users.list(me.tenantId, { limit: 1000, offset: 0 });
  const invite = options.invite ?? {};
  return page(c, {
    title: 'Users',
    user: me,
    notice: noticeFrom(c),
    error: options.error,
    status: options.status,
    sandbox: deps.sandboxMail,
    body: html`<h1>Users</h1>
      <h2>Invite a user</h2>
      <form method="post" action="/dashboard/users/invite">
        ${csrfField(c)}
        <label>Email <input name="email" type="email" required value="${invite.email ?? ''}" /></label>
        <label>Full name <input name="full_name" required maxlength="200" value="${invite.full_name ?? ''}" /></label>
        <label>Role ${roleSelect(invite.role ?? 'member')}</label>
        <button type="submit">Send invitation</button>
      </form>
      ${deps.sandboxMail ? html`<p><small>Mail is in sandbox mode: invitations appear at <a href="/dev/mail">/dev/mail</a>.</small></p>` : ''}
      <h2>${total} user${total === 1 ? '' : 's'}</h2>
      <table>
        <thead><tr><th>Name, role and email</th><th>Status</th><th>Last active</th><th>Actions</th></tr></thead>
        <tbody>${users.map((u) => userRow(c, u, me))}</tbody>
      </table>`,
  });
}

export function mountUsersPage(app: Hono<AppEnv>, deps: DashboardDeps): void {
  const { users } = deps.services;
  const actor = (me: SessionUser) => ({ kind: 'user' as const, userId: me.userId });
  const adminOnly = { adminOnly: true };

  app.get(
    '/dashboard/users',
    signedIn(deps, (c, me) => render(c, deps, me), adminOnly),
  );

  app.post(
    '/dashboard/users/invite',
    signedIn(
      deps,
      async (c, me) => {
        let values: Record<string, string> = {};
        return withFormErrors(
          c,
          me,
          async () => {
            const form = await readForm(c);
            values = { email: formField(form, 'email').trim(), full_name: formField(form, 'full_name').trim(), role: formField(form, 'role') };
            if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) return render(c, deps, me, { error: 'Enter a valid email address.', status: 400, invite: values });
            if (!values.full_name) return render(c, deps, me, { error: 'Enter the full name.', status: 400, invite: values });
            const role = values.role === 'admin' ? 'admin' : 'member';
            await users.invite(me.tenantId, actor(me), { email: values.email, full_name: values.full_name, role });
            return redirectTo(c, '/dashboard/users?notice=invited');
          },
          (error, status) => render(c, deps, me, { error, status, invite: values }),
        );
      },
      adminOnly,
    ),
  );

  const rowAction = (path: string, notice: string, run: (me: SessionUser, userId: string, form: Record<string, unknown>) => Promise<unknown>) =>
    app.post(
      `/dashboard/users/:id/${path}`,
      signedIn(
        deps,
        async (c, me) =>
          withFormErrors(
            c,
            me,
            async () => {
              const form = await readForm(c);
              const id = c.req.param('id') ?? '';
              if (!/^[0-9a-f-]{36}$/i.test(id)) return render(c, deps, me, { error: 'No such user.', status: 404 });
              await run(me, id, form);
              return redirectTo(c, `/dashboard/users?notice=${notice}`);
            },
            (error, status) => render(c, deps, me, { error, status }),
          ),
        adminOnly,
      ),
    );

  rowAction('update', 'updated', (me, id, form) => {
    const role = formField(form, 'role');
    return users.update(me.tenantId, actor(me), id, {
      full_name: formField(form, 'full_name').trim() || undefined,
      role: role === 'admin' || role === 'member' ? role : undefined,
    });
  });
  rowAction('deactivate', 'deactivated', (me, id) => users.update(me.tenantId, actor(me), id, { is_active: false }));
  rowAction('reactivate', 'reactivated', (me, id) => users.update(me.tenantId, actor(me), id, { is_active: true }));
  rowAction('resend', 'resent', (me, id) => users.resendInvitation(me.tenantId, actor(me), id));
  rowAction('delete', 'deleted', (me, id) => users.delete(me.tenantId, actor(me), id));
}
