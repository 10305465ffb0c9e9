/** @module Who is signed in to the dashboard (cookie session → active user of an active tenant). */
import { ApiError, CsrfError, redirectTo, verifyCsrf } from '@platform/kit';
import type { Context } from 'hono';
import type { SessionUser } from './session-user';
import { page } from './view';
import type { DashboardShell } from './web-ui';

export type { SessionUser } from './session-user';
export type { DashboardShell, PageDeps } from './web-ui';

export const SESSION_COOKIE = 'trainar_session';
export const SESSION_TTL_MS = 12 * 3_600_000;

export async function currentUser(c: Context, deps: DashboardShell): Promise<SessionUser | null> {
  const userId = await deps.sessions.userId(c);
  if (!userId) return null;
  const row = await deps.db
    .selectFrom('users')
    .innerJoin('tenants', 'tenants.id', 'users.tenant_id')
    .select(['users.id', 'users.tenant_id', 'users.role', 'users.email', 'users.full_name', 'users.is_active', 'tenants.name', 'tenants.timezone', 'tenants.status'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row?.is_active || row.status !== 'active') {
    await deps.sessions.signOut(c);
    return null;
  }
  await deps.touchUser(row.id);
  return { userId: row.id, tenantId: row.tenant_id, role: row.role, email: row.email, fullName: row.full_name, tenantName: row.name, timezone: row.timezone };
}

type PageHandler = (c: Context, user: SessionUser) => Promise<Response>;

/** A dashboard page for signed-in users (admins only when `adminOnly`). */
export function signedIn(deps: DashboardShell, handler: PageHandler, options: { adminOnly?: boolean } = {}) {
  return async (c: Context) => {
    const user = await currentUser(c, deps);
    if (!user) return redirectTo(c, `/signin?next=${encodeURIComponent(c.req.path)}`);
    if (options.adminOnly && user.role !== 'admin') {
      return page(c, { title: 'Admins only', user, status: 403, error: 'Only admins can see this page. Ask an admin of your organisation.' });
    }
    return handler(c, user);
  };
}

/**
 * A form post for signed-in users (admins only when asked): `handle` gets the CSRF-checked form, and
 * a service error is shown on `render`'s page with its status.
 */
export function formRoute(
  deps: DashboardShell,
  handle: (c: Context, me: SessionUser, form: Record<string, unknown>) => Promise<Response>,
  render: (c: Context, me: SessionUser, error: string, status: number) => Promise<Response>,
  options: { adminOnly?: boolean } = {},
) {
  return signedIn(
    deps,
    (c, me) =>
      withFormErrors(
        c,
        me,
        async () => handle(c, me, await readForm(c)),
        (error, status) => render(c, me, error, status),
      ),
    options,
  );
}

/** Reads a form, checks its CSRF token, and turns service errors into a page with the message. */
export async function readForm(c: Context): Promise<Record<string, unknown>> {
  const form = (await c.req.parseBody({ all: true })) as Record<string, unknown>;
  verifyCsrf(c, form);
  return form;
}

export async function withFormErrors(c: Context, user: SessionUser | null, run: () => Promise<Response>, render: (error: string, status: number) => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof CsrfError) return page(c, { title: 'Form expired', user, status: 403, error: err.message });
    if (err instanceof ApiError) return render(err.message, err.status);
    throw err;
  }
}
