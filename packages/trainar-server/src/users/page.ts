/**
 * @module Dashboard → Users (admins only): invite by email, edit name and role, deactivate /
 * reactivate, resend a set-password link, delete. Nobody gets buttons to deactivate or delete themself.
 */
import { type AppEnv, actionForm, button, csrfField, dataTable, type EnumBadges, emptyState, field, fieldErrors, html, redirectTo, requestLocale, selectField, statusBadge } from '@platform/kit';
import { ops, ROLES, type User } from '@trainar/api';
import type { Context, Hono } from 'hono';
import { type PageDeps, readForm, type SessionUser, signedIn, withFormErrors } from '../platform/session';
import { formatDate, formField, noticeFrom, page, ROLE_LABELS } from '../platform/view';
import type { UsersServices } from './context';

const STATUS_BADGES: EnumBadges<User['status']> = {
  active: { label: 'Active', tone: 'success' },
  inactive: { label: 'Inactive', tone: 'neutral' },
  invited: { label: 'Invited', tone: 'info' },
};

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function userColumns(c: Context, me: SessionUser) {
  const locale = requestLocale(c);
  const action = (u: User, path: string, label: string, confirm?: string) => actionForm(c, { action: `/dashboard/users/${u.id}/${path}`, label, variant: confirm ? 'danger' : 'secondary', confirm });
  return [
    {
      label: 'Name and role',
      cell: (u: User) => html`<form method="post" action="/dashboard/users/${u.id}/update" class="row-edit">
        ${csrfField(c)}
        <input name="full_name" value="${u.full_name}" aria-label="Full name of ${u.email}" maxlength="200" required />
        <select name="role" aria-label="Role of ${u.email}">${roleOptions.map((o) => html`<option value="${o.value}"${o.value === u.role ? html` selected` : ''}>${o.label}</option>`)}</select>
        ${button('Save')}
      </form>`,
    },
    { label: 'Email', cell: (u: User) => html`${u.email}${u.id === me.userId ? html` <small>(you)</small>` : ''}` },
    {
      label: 'Status',
      cell: (u: User) =>
        html`${statusBadge(STATUS_BADGES, u.status)}${u.status === 'invited' && u.invitation_expires_at ? html`<br /><small>link expires ${formatDate(u.invitation_expires_at, me.timezone, locale)}</small>` : ''}`,
    },
    { label: 'Last active', cell: (u: User) => formatDate(u.last_active_at, me.timezone, locale) },
    {
      label: 'Actions',
      empty: 'No actions on your own account',
      cell: (u: User) => {
        const self = u.id === me.userId;
        const parts = [
          u.status === 'invited' ? action(u, 'resend', 'Resend invite') : null,
          self ? null : u.is_active ? action(u, 'deactivate', 'Deactivate') : action(u, 'reactivate', 'Reactivate'),
          self ? null : action(u, 'delete', 'Delete', `Delete ${u.full_name} (${u.email}) permanently? Their records stay but no longer name them.`),
        ].filter(Boolean);
        return parts.length ? html`${parts}` : null;
      },
    },
  ];
}

async function render(c: Context, deps: PageDeps<UsersServices>, me: SessionUser, options: { error?: string; status?: number; invite?: Record<string, string>; fieldErrors?: Record<string, string> } = {}) {
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
      <p>People who sign in to this dashboard. Admins see everything; members see the dashboard, their work and the settings.</p>
      <h2>${total} user${total === 1 ? '' : 's'}</h2>
      ${dataTable({
        columns: userColumns(c, me),
        rows: users,
        rowAttrs: (u) => ({ 'data-user-id': u.id, 'data-email': u.email }),
        empty: emptyState('No users yet', 'Invite the first one below.'),
      })}
      <article>
        <h2>Invite a user</h2>
        <form method="post" action="/dashboard/users/invite">
          ${csrfField(c)}
          ${field({ name: 'email', label: 'Email', type: 'email', required: true, value: invite.email, error: options.fieldErrors?.email })}
          ${field({ name: 'full_name', label: 'Full name', required: true, value: invite.full_name, attrs: { maxlength: 200 }, error: options.fieldErrors?.full_name })}
          ${selectField({ name: 'role', label: 'Role', options: roleOptions, value: invite.role ?? 'member', hint: 'Admins manage users, API keys and billing; members use the product.' })}
          ${button('Send invitation', { pending: 'Sending…' })}
        </form>
        ${deps.sandboxMail ? html`<p><small>Mail is in sandbox mode: invitations appear at <a href="/dev/mail">/dev/mail</a>.</small></p>` : ''}
      </article>`,
  });
}

export function mountUsersPage(app: Hono<AppEnv>, deps: PageDeps<UsersServices>): void {
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
            // The same validation as the API's invite_user, shown next to each field.
            const parsed = ops.inviteUser.input.safeParse({ email: values.email, full_name: values.full_name, role: values.role === 'admin' ? 'admin' : 'member' });
            if (!parsed.success) {
              const errors = fieldErrors(parsed.error);
              const error = `Check ${Object.keys(errors)
                .map((f) => (f === 'full_name' ? 'the full name' : f === 'email' ? 'the email' : f))
                .join(' and ')}.`;
              return render(c, deps, me, { error, status: 400, invite: values, fieldErrors: errors });
            }
            await users.invite(me.tenantId, actor(me), { email: parsed.data.email, full_name: parsed.data.full_name, role: parsed.data.role ?? 'member' });
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
