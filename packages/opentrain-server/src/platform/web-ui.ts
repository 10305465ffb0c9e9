/**
 * @module Shared plumbing for the human pages: the layout with the signed-in user and a sign-out
 * form, no-store caching (the kit sets CSP, framing and referrer headers on every page), form
 * reading, and CSRF failures rendered as a 403 page.
 */
import { type AppEnv, button, CsrfError, csrfField, type Html, html, layout, type Mailer, navLinks, type SessionStore, verifyCsrf } from '@platform/kit';
import type { Context, MiddlewareHandler } from 'hono';

export type WebContext = Context<AppEnv>;

/** The human session cookie and how long a sign-in lasts. */
export const SESSION_COOKIE = 'ot_session';
export const SESSION_TTL_MS = 7 * 24 * 3600_000;

/** The signed-in human as the layout shows them (accounts' `UserRow` satisfies it). */
export interface PageUser {
  id: string;
  email: string;
}

/** What page plumbing reads: the session, the user it names, the mailer (sandbox banner). */
export interface PageServices<U extends PageUser = PageUser> {
  sessions: SessionStore;
  mailer: Mailer;
  users: { findById(id: string): Promise<U | undefined> };
}

/** Pages carry secrets in URLs and forms: never cached. (CSP, framing, referrer: the kit's createApp.) */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('Cache-Control', 'no-store');
};

export async function currentUser<U extends PageUser>(c: WebContext, services: PageServices<U>): Promise<U | undefined> {
  const userId = await services.sessions.userId(c);
  return userId ? services.users.findById(userId) : undefined;
}

/** The signed-in user's name (or email) and the sign-out form, for any header. */
export function signOutItems(c: WebContext, who: string) {
  return html`<li><span class="nav-user">${who}</span></li>
    <li><form method="post" action="/signout">${csrfField(c)}${button('Sign out', { variant: 'secondary' })}</form></li>`;
}

const OWNER_LINKS = [
  { href: '/account', label: 'Account' },
  { href: '/billing', label: 'Billing' },
  { href: '/account/team', label: 'Team' },
];

export const FOOTER = html`OpenTrain · <a href="/">How it works</a> · <a href="/llms.txt">For agents (llms.txt)</a> · <a href="/auth.md">Agent auth</a> · <a href="/freelancer/jobs">Find work</a>`;

export function render(c: WebContext, services: Pick<PageServices, 'mailer'>, options: { title: string; body: Html; user?: PageUser; status?: number }) {
  const nav = options.user
    ? html`${navLinks(OWNER_LINKS, c.req.path)}${signOutItems(c, options.user.email)}`
    : html`<li><a href="/freelancer/jobs">Find work</a></li><li><a href="/signin">Sign in</a></li><li><a href="/signup" role="button">Create account</a></li>`;
  return c.html(layout({ title: options.title, product: 'OpenTrain', body: options.body, nav, footer: FOOTER, sandbox: services.mailer.kind === 'sandbox' }), (options.status ?? 200) as 200);
}

/** Reads a urlencoded or multipart form: string fields only, trimmed. */
export async function readForm(c: WebContext): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = k === 'password' ? v : v.trim();
  return out;
}

/** Reads the form and checks its CSRF token; a mismatch renders 403 and returns null. */
export async function readVerifiedForm(c: WebContext, services: PageServices): Promise<{ form: Record<string, string> } | { response: Response }> {
  const form = await readForm(c);
  try {
    verifyCsrf(c, form);
    return { form };
  } catch (err) {
    if (!(err instanceof CsrfError)) throw err;
    const user = await currentUser(c, services);
    return { response: await render(c, services, { title: 'Form expired', user, status: 403, body: html`<h1>Form expired</h1><p class="error">${err.message}</p>` }) };
  }
}

export const errorLine = (message: string | undefined) => (message ? html`<p class="flash error" role="alert">${message}</p>` : '');

export const sandboxMailHint = (services: Pick<PageServices, 'mailer'>) =>
  services.mailer.kind === 'sandbox' ? html`<p class="sandbox">Sandbox mail: nothing was really sent. Open the <a href="/dev/mail">sandbox outbox</a> to read it.</p>` : '';
