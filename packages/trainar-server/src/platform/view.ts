/**
 * @module Dashboard page chrome: signed in, the kit's sidebar shell (navigation by role from
 * `nav.ts`, the tenant name, the signed-in user, sign out); signed out, the plain kit layout.
 */
import { button, csrfField, flash, type Html, html, layout, shell } from '@platform/kit';
import type { Context } from 'hono';
import { sidebarFor } from './nav';
import type { SessionUser } from './session-user';

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

export const ROLE_LABELS: Record<SessionUser['role'], string> = { admin: 'Admin', member: 'Member' };

export function page(c: Context, options: PageOptions) {
  const body = html`${flash({ notice: options.notice, error: options.error })}${options.body ?? ''}`;
  const user = options.user;
  const frame = user
    ? shell({
        title: options.title,
        product: PRODUCT,
        body,
        nav: sidebarFor(user.role),
        currentPath: c.req.path,
        tenantName: user.tenantName,
        userName: user.fullName,
        userDetail: `${user.email} · ${ROLE_LABELS[user.role]}`,
        signOut: html`<form method="post" action="/signout">${csrfField(c)}${button('Sign out', { variant: 'secondary' })}</form>`,
        sandbox: options.sandbox,
      })
    : layout({ title: options.title, product: PRODUCT, body, sandbox: options.sandbox, nav: html`<li><a href="/signin">Sign in</a></li><li><a href="/signup">Create an organisation</a></li>` });
  return c.html(frame, (options.status ?? 200) as 200);
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

/** A date in the tenant's timezone, in the reader's locale (Accept-Language); no date reads "Never". */
export function formatDate(iso: string | null, timezone: string, locale = 'en-GB'): string {
  if (!iso) return 'Never';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: timezone }).format(new Date(iso));
}

/** A measured duration as minutes and seconds; no duration yet reads "Running". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return 'Running';
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m ? `${m} min ${s} s` : `${s} s`;
}

/** Tabs between the pages of one sidebar section (the section has one sidebar link, its pages are tabs). */
function sectionTabs<T extends string>(label: string, tabs: readonly (readonly [T, string, string])[], current: T) {
  const tab = ([id, href, text]: readonly [T, string, string]) => html`<li><a href="${href}"${id === current ? html` aria-current="page"` : ''}>${id === current ? html`<strong>${text}</strong>` : text}</a></li>`;
  return html`<nav aria-label="${label}"><ul>${tabs.map(tab)}</ul></nav>`;
}

/** The two tabs of API & Webhooks [S: SHOT]: API Keys (/dashboard/api) and Webhooks (/dashboard/api/webhooks). */
export function apiTabs(current: 'keys' | 'webhooks') {
  return sectionTabs(
    'API & Webhooks tabs',
    [
      ['keys', '/dashboard/api', 'API Keys'],
      ['webhooks', '/dashboard/api/webhooks', 'Webhooks'],
    ] as const,
    current,
  );
}

export function skillsTabs(current: 'skills' | 'knowledge') {
  return sectionTabs(
    'Skills & Knowledge tabs',
    [
      ['skills', '/dashboard/skills', 'Skills'],
      ['knowledge', '/dashboard/knowledge', 'Knowledge'],
    ] as const,
    current,
  );
}
