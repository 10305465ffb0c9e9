/** @module Dashboard page chrome: the kit layout plus TrainAR's navigation (admins see Users and API & Webhooks). */
import { csrfField, type Html, html, layout } from '@platform/kit';
import type { Context } from 'hono';
import { DASHBOARD_SCRIPT_PATH } from './script';
import type { SessionUser } from './session';

export const PRODUCT = 'TrainAR';

export interface PageOptions {
  title: string;
  body?: Html;
  user?: SessionUser | null;
  notice?: string | null;
  error?: string | null;
  status?: number;
  sandbox?: boolean;
}

function nav(c: Context, user: SessionUser) {
  const admin = user.role === 'admin';
  return html`<a href="/dashboard">Dashboard</a>
    ${admin ? html` · <a href="/dashboard/users">Users</a> · <a href="/dashboard/api">API &amp; Webhooks</a>` : ''}
    · <a href="/dashboard/settings">Settings</a>
    · <span title="${user.email}">${user.fullName} (${user.tenantName})</span>
    <form method="post" action="/signout" style="display:inline">${csrfField(c)}<button class="secondary" type="submit">Sign out</button></form>`;
}

export function page(c: Context, options: PageOptions) {
  const body = html`${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
    ${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
    ${options.body ?? ''}
    <script src="${DASHBOARD_SCRIPT_PATH}" defer></script>`;
  return c.html(
    layout({ title: options.title, product: PRODUCT, body, nav: options.user ? nav(c, options.user) : undefined, sandbox: options.sandbox }),
    (options.status ?? 200) as 200,
  );
}

/** Fixed notices shown after a redirect (`?notice=`), so no user-supplied text is reflected. */
export const NOTICES: Record<string, string> = {
  invited: 'Invitation sent.',
  resent: 'A new set-password link was sent.',
  updated: 'User updated.',
  deactivated: 'User deactivated: they can no longer sign in.',
  reactivated: 'User reactivated.',
  deleted: 'User deleted.',
  revoked: 'API key revoked: calls with it now get 401.',
  saved: 'Settings saved.',
  'password-set': 'Password set. Welcome to TrainAR.',
  'signed-out': 'You are signed out.',
};

export const noticeFrom = (c: Context) => NOTICES[c.req.query('notice') ?? ''] ?? null;

export function formField(form: Record<string, unknown>, name: string): string {
  const v = form[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
}

export function formFields(form: Record<string, unknown>, name: string): string[] {
  const v = form[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
}

export function formatDate(iso: string | null, timezone: string): string {
  if (!iso) return 'Never';
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: timezone }).format(new Date(iso));
}
