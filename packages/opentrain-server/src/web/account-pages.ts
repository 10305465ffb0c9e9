/**
 * @module The signed-in human's pages: home, and the account page where an organization owner sees
 * the organization, its API tokens, mints a token (any scope: a human owner is not limited to the
 * agent's scopes; this is how `payments:write` and `webhooks:manage` tokens are made, and how a
 * lost post-claim token is replaced) and revokes tokens.
 */
import { SCOPES } from '@opentrain/api';
import { type ApiError, type AppEnv, csrfField, html, redirectTo } from '@platform/kit';
import type { Hono } from 'hono';
import type { UserRow } from '../accounts/users-service';
import type { Services } from '../services';
import { scopeGrantsSection } from './scope-request-pages';
import { currentUser, errorLine, readVerifiedForm, render, type WebContext } from './ui';

async function accountBody(c: WebContext, services: Services, user: UserRow, flash?: { error?: string; secret?: string }) {
  const membership = await services.users.membership(user.id);
  if (!membership) {
    return html`<h1>Your account</h1><p>Signed in as <strong>${user.email}</strong>. You do not own an organization yet:
      ask your agent to register and claim its account with this email (see <a href="/claim">how claiming works</a>).</p>`;
  }
  const tokens = await services.tokens.list(membership.organization_id);
  return html`<h1>${membership.name ?? 'Your organization'}</h1>
    <p>Organization <code>${membership.organization_id}</code> · your role: ${membership.role} · <a href="/account/team">Team</a></p>
    ${errorLine(flash?.error)}
    ${flash?.secret ? html`<p class="notice">New token (shown once, copy it now): <code data-new-token>${flash.secret}</code></p>` : ''}
    <h2>API tokens</h2>
    <table><thead><tr><th>Name</th><th>Token</th><th>Scopes</th><th>Status</th><th>Last used</th><th></th></tr></thead><tbody>
    ${tokens.map(
      (t) => html`<tr><td>${t.name}</td><td><code>${t.preview}</code></td><td>${t.scopes.join(' ')}</td><td>${t.status}</td><td>${t.lastUsedAt ?? 'never'}</td>
        <td>${t.status === 'active' ? html`<form method="post" action="/account/tokens/revoke">${csrfField(c)}<input type="hidden" name="token_id" value="${t.id}" /><button class="secondary" type="submit">Revoke</button></form>` : ''}</td></tr>`,
    )}
    </tbody></table>
    ${membership.role === 'OWNER' ? scopeGrantsSection(c, await services.stepUp.list(membership.organization_id)) : ''}
    <h2>Create a token</h2>
    <form method="post" action="/account/tokens">
      ${csrfField(c)}
      <label>Name <input name="name" maxlength="120" value="API token" /></label>
      <fieldset><legend>Scopes</legend>${SCOPES.map((s) => html`<label><input type="checkbox" name="scope_${s}" /> ${s}</label> `)}</fieldset>
      <label>Expires at (optional, ISO-8601) <input name="expires_at" placeholder="2027-01-01T00:00:00Z" /></label>
      <button type="submit">Create token</button>
    </form>`;
}

export function mountAccountPages(app: Hono<AppEnv>, services: Services): void {
  app.get('/', async (c) => {
    const user = await currentUser(c, services);
    return render(c, services, {
      title: 'Home',
      user,
      body: html`<h1>OpenTrain</h1>
        <p>Hire AI trainers for data-labelling and AI-training work, usually through your AI agent.</p>
        ${user ? html`<p><a href="/account">Your account</a></p>` : html`<p><a href="/signin">Sign in</a> or <a href="/signup">create an account</a>.</p>`}
        <p>Agents start at <a href="/llms.txt">/llms.txt</a> and <a href="/auth.md">/auth.md</a>; humans claim agents at <a href="/claim">/claim</a>.</p>`,
    });
  });

  app.get('/account', async (c) => {
    const user = await currentUser(c, services);
    if (!user) return redirectTo(c, '/signin?next=/account');
    return render(c, services, { title: 'Account', user, body: await accountBody(c, services, user) });
  });

  app.post('/account/tokens', async (c) => {
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const user = await currentUser(c, services);
    if (!user) return redirectTo(c, '/signin?next=/account');
    const membership = await services.users.membership(user.id);
    if (membership?.role !== 'OWNER') return render(c, services, { title: 'Account', user, status: 403, body: html`<p class="error">Only an organization owner can create tokens.</p>` });
    const { form } = read;
    const scopes = SCOPES.filter((s) => form[`scope_${s}`] !== undefined);
    const name = (form.name || 'API token').slice(0, 120);
    const expiresAt = form.expires_at ? new Date(form.expires_at) : undefined;
    if (expiresAt && Number.isNaN(expiresAt.getTime())) {
      return render(c, services, { title: 'Account', user, status: 400, body: await accountBody(c, services, user, { error: 'Expires at: enter an ISO-8601 date and time.' }) });
    }
    try {
      const created = await services.tokens.createFor({ organizationId: membership.organization_id, name, scopes, expiresAt: expiresAt?.toISOString(), origin: 'web' });
      return render(c, services, { title: 'Account', user, status: 201, body: await accountBody(c, services, user, { secret: created.token }) });
    } catch (err) {
      const apiError = err as ApiError;
      if (!apiError.status || apiError.status >= 500) throw err;
      const error = apiError.details?.field === 'expiresAt' ? 'Expires at: must be in the future.' : apiError.message;
      return render(c, services, { title: 'Account', user, status: apiError.status, body: await accountBody(c, services, user, { error }) });
    }
  });

  app.post('/account/tokens/revoke', async (c) => {
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const user = await currentUser(c, services);
    if (!user) return redirectTo(c, '/signin?next=/account');
    const membership = await services.users.membership(user.id);
    if (membership?.role !== 'OWNER') return render(c, services, { title: 'Account', user, status: 403, body: html`<p class="error">Only an organization owner can revoke tokens.</p>` });
    try {
      await services.tokens.revoke(membership.organization_id, read.form.token_id ?? '', 'revoked_in_app');
    } catch (err) {
      if ((err as ApiError).status !== 404) throw err;
    }
    return redirectTo(c, '/account');
  });
}
