/**
 * @module The owner's scope step-up pages: `/account/scope-requests/{id}` shows which agent and
 * which token asks for which scopes, and grants exactly those to that token (CSRF-protected form,
 * recorded with who and when); `/account/scope-requests/{id}/revoke` takes a grant back (also
 * offered in the list on `/account`). Only the organization owner may decide; a request of
 * another organization reads like a missing one.
 */
import { type ApiError, type AppEnv, csrfField, html } from '@platform/kit';
import type { Hono } from 'hono';
import type { UserRow } from '../accounts/users-service';
import type { Services } from '../services';
import type { ScopeRequestView } from '../step-up/step-up-service';
import { currentUser, errorLine, readVerifiedForm, render, type WebContext } from './ui';

export const scopeRequestPath = (id: string) => `/account/scope-requests/${id}`;

type Owner = { ok: true; user: UserRow; organizationId: string } | { ok: false; response: Response | Promise<Response> };

async function ownerOnly(c: WebContext, services: Services, requestId: string): Promise<Owner> {
  const user = await currentUser(c, services);
  if (!user) return { ok: false, response: c.redirect(`/signin?next=${encodeURIComponent(scopeRequestPath(requestId))}`, 303) };
  const membership = await services.users.membership(user.id);
  if (!membership) return { ok: false, response: notFoundPage(c, services, user) };
  if (membership.role !== 'OWNER') {
    return { ok: false, response: render(c, services, { title: 'Owner only', user, status: 403, body: html`<h1>Owner only</h1><p class="error">Only the organization owner can grant or take back an agent's scopes.</p>` }) };
  }
  return { ok: true, user, organizationId: membership.organization_id };
}

const notFoundPage = (c: WebContext, services: Services, user: UserRow) =>
  render(c, services, { title: 'Request not found', user, status: 404, body: html`<h1>Request not found</h1><p>This scope request does not exist or belongs to another account.</p>` });

async function load(services: Services, owner: { organizationId: string; user: UserRow }, requestId: string) {
  try {
    return await services.stepUp.view(owner.organizationId, requestId);
  } catch (err) {
    if ((err as ApiError).status === 404) return null;
    throw err;
  }
}

function requestBody(c: WebContext, r: ScopeRequestView, flash?: { error?: string; notice?: string }) {
  const who = html`<p>Agent <strong>${r.agentName ?? '(unnamed agent)'}</strong>, token <strong>${r.tokenName}</strong> <code>${r.tokenPreview}</code> (${r.tokenStatus}), asks for:</p>
    <ul data-requested-scopes>${r.requestedScopes.map((s) => html`<li><code>${s}</code></li>`)}</ul>
    <p>It has now: <code>${r.tokenScopes.join(' ') || '(no scopes)'}</code>.</p>`;
  const decided =
    r.status === 'granted'
      ? html`<p class="notice" data-status="granted">Granted by ${r.decidedBy ?? 'the owner'} at ${r.decidedAt}: added <code>${r.addedScopes.join(' ') || '(nothing new)'}</code>. The agent can retry with the token it has.</p>
          <form method="post" action="${scopeRequestPath(r.id)}/revoke">${csrfField(c)}<button class="secondary" type="submit">Take these scopes back</button></form>`
      : r.status === 'revoked'
        ? html`<p data-status="revoked">Granted by ${r.decidedBy} at ${r.decidedAt}; taken back by ${r.revokedBy} at ${r.revokedAt}.</p>`
        : r.status === 'expired'
          ? html`<p data-status="expired">This request expired at ${r.expiresAt}. The agent gets a new link with its next refused call.</p>`
          : r.tokenStatus !== 'active'
            ? html`<p class="error" data-status="token-${r.tokenStatus}">This token is ${r.tokenStatus}: it cannot be given more scopes.</p>`
            : html`<form method="post" action="${scopeRequestPath(r.id)}">
                ${csrfField(c)}
                <input type="hidden" name="scopes" value="${r.requestedScopes.join(' ')}" />
                <p>Granting adds exactly these scopes to this one token (not to other tokens, nor to tokens it mints later). You can take them back on <a href="/account">your account page</a>. Open until ${r.expiresAt}.</p>
                <button type="submit">Grant ${r.requestedScopes.join(', ')}</button>
              </form>`;
  return html`<h1>An agent asks for more scopes</h1>${errorLine(flash?.error)}${flash?.notice ? html`<p class="notice" role="status">${flash.notice}</p>` : ''}${who}${decided}`;
}

/** The `/account` section listing step-up grants with a revoke button. */
export function scopeGrantsSection(c: WebContext, requests: ScopeRequestView[]) {
  if (requests.length === 0) return '';
  return html`<h2>Scopes granted to agents</h2>
    <table data-scope-grants><thead><tr><th>Token</th><th>Scopes</th><th>Status</th><th>Decided</th><th></th></tr></thead><tbody>
    ${requests.map(
      (r) => html`<tr><td>${r.tokenName} <code>${r.tokenPreview}</code></td><td>${(r.status === 'granted' || r.status === 'revoked' ? r.addedScopes : r.requestedScopes).join(' ')}</td>
        <td>${r.status}</td><td>${r.decidedBy ? html`${r.decidedBy} at ${r.decidedAt}` : html`<a href="${scopeRequestPath(r.id)}">review</a>`}</td>
        <td>${r.status === 'granted' ? html`<form method="post" action="${scopeRequestPath(r.id)}/revoke">${csrfField(c)}<button class="secondary" type="submit">Revoke grant</button></form>` : ''}</td></tr>`,
    )}
    </tbody></table>`;
}

export function mountScopeRequestPages(app: Hono<AppEnv>, services: Services): void {
  app.get('/account/scope-requests/:requestId', async (c) => {
    const id = c.req.param('requestId');
    const owner = await ownerOnly(c, services, id);
    if (!owner.ok) return owner.response;
    const request = await load(services, owner, id);
    if (!request) return notFoundPage(c, services, owner.user);
    return render(c, services, { title: 'Scope request', user: owner.user, body: requestBody(c, request) });
  });

  app.post('/account/scope-requests/:requestId', async (c) => {
    const id = c.req.param('requestId');
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const owner = await ownerOnly(c, services, id);
    if (!owner.ok) return owner.response;
    const expectedScopes = (read.form.scopes ?? '').split(/\s+/).filter(Boolean);
    try {
      const granted = await services.stepUp.grant({ organizationId: owner.organizationId, userId: owner.user.id, requestId: id, expectedScopes });
      return render(c, services, { title: 'Scope request', user: owner.user, body: requestBody(c, granted, { notice: 'Granted. Tell the agent to retry.' }) });
    } catch (err) {
      const apiError = err as ApiError;
      if (apiError.status === 404) return notFoundPage(c, services, owner.user);
      if (!apiError.status || apiError.status >= 500) throw err;
      const request = await load(services, owner, id);
      if (!request) return notFoundPage(c, services, owner.user);
      return render(c, services, { title: 'Scope request', user: owner.user, status: apiError.status, body: requestBody(c, request, { error: apiError.message }) });
    }
  });

  app.post('/account/scope-requests/:requestId/revoke', async (c) => {
    const id = c.req.param('requestId');
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const owner = await ownerOnly(c, services, id);
    if (!owner.ok) return owner.response;
    try {
      await services.stepUp.revoke({ organizationId: owner.organizationId, userId: owner.user.id, requestId: id });
    } catch (err) {
      if ((err as ApiError).status === 404) return notFoundPage(c, services, owner.user);
      throw err;
    }
    return c.redirect('/account', 303);
  });
}
