/**
 * @module Shared plumbing for the human pages: the layout with the signed-in user and a sign-out
 * form, no-store caching (the kit sets CSP, framing and referrer headers on every page), form
 * reading, and CSRF failures rendered as a 403 page.
 */
import { type AppEnv, type Html, CsrfError, csrfField, html, layout, verifyCsrf } from '@platform/kit';
import type { Context, MiddlewareHandler } from 'hono';
import type { UserRow } from '../accounts/users-service';
import type { Services } from '../services';

export type WebContext = Context<AppEnv>;

/** Pages carry secrets in URLs and forms: never cached. (CSP, framing, referrer: the kit's createApp.) */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('Cache-Control', 'no-store');
};

export async function currentUser(c: WebContext, services: Services): Promise<UserRow | undefined> {
  const userId = await services.sessions.userId(c);
  return userId ? services.users.findById(userId) : undefined;
}

export function render(c: WebContext, services: Services, options: { title: string; body: Html; user?: UserRow; status?: number }) {
  const nav = options.user
    ? html`<span>${options.user.email}</span> · <a href="/account">Account</a>
        <form method="post" action="/signout" style="display:inline;margin:0">${csrfField(c)}<button class="secondary" type="submit">Sign out</button></form>`
    : html`<a href="/signin">Sign in</a>`;
  return c.html(layout({ title: options.title, product: 'OpenTrain', body: options.body, nav, sandbox: services.mailer.kind === 'sandbox' }), (options.status ?? 200) as 200);
}

/** Reads a urlencoded or multipart form: string fields only, trimmed. */
export async function readForm(c: WebContext): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = k === 'password' ? v : v.trim();
  return out;
}

/** Reads the form and checks its CSRF token; a mismatch renders 403 and returns null. */
export async function readVerifiedForm(c: WebContext, services: Services): Promise<{ form: Record<string, string> } | { response: Response }> {
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

export const errorLine = (message: string | undefined) => (message ? html`<p class="error" role="alert">${message}</p>` : '');

export const sandboxMailHint = (services: Services) =>
  services.mailer.kind === 'sandbox' ? html`<p class="sandbox">Sandbox mail: nothing was really sent. Open the <a href="/dev/mail">sandbox outbox</a> to read it.</p>` : '';
