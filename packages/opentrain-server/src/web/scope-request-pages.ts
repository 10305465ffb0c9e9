/**
 * @module The owner's scope step-up pages: `/account/scope-requests/{id}` shows which agent and
 * which token asks for which scopes, and grants exactly those to that token (CSRF-protected form,
 * recorded with who and when); `/account/scope-requests/{id}/revoke` takes a grant back (also
 * offered in the list on `/account`). Only the organization owner may decide; a request of
 * another organization reads like a missing one.
 */
import { actionForm, type ApiError, type AppEnv, badge, button, csrfField, dataTable, type EnumBadges, emptyState, facts, flash, html, statusBadge } from '@platform/kit';
import type { Hono } from 'hono';
import type { UserRow } from '../accounts';
import type { WebServices } from './context';
import type { ScopeRequestView } from '../step-up';
import type { Scope } from '@opentrain/api';
import { SCOPE_LABELS } from '../platform/labels';
import { currentUser, readVerifiedForm, render, type WebContext } from '../platform/web-ui';

export const scopeRequestPath = (id: string) => `/account/scope-requests/${id}`;

type Owner = { ok: true; user: UserRow; organizationId: string } | { ok: false; response: Response | Promise<Response> };

async function ownerOnly(c: WebContext, services: WebServices, requestId: string): Promise<Owner> {
  const user = await currentUser(c, services);
  if (!user) return { ok: false, response: c.redirect(`/signin?next=${encodeURIComponent(scopeRequestPath(requestId))}`, 303) };
  const membership = await services.users.membership(user.id);
  if (!membership) return { ok: false, response: notFoundPage(c, services, user) };
  if (membership.role !== 'OWNER') {
    return { ok: false, response: render(c, services, { title: 'Owner only', user, status: 403, body: html`<h1>Owner only</h1><p class="error">Only the organization owner can grant or take back an agent's scopes.</p>` }) };
  }
  return { ok: true, user, organizationId: membership.organization_id };
}

const notFoundPage = (c: WebContext, services: WebServices, user: UserRow) =>
  render(c, services, { title: 'Request not found', user, status: 404, body: html`<h1>Request not found</h1><p>This scope request does not exist or belongs to another account.</p>` });

async function load(services: WebServices, owner: { organizationId: string; user: UserRow }, requestId: string) {
  try {
    return await services.stepUp.view(owner.organizationId, requestId);
  } catch (err) {
    if ((err as ApiError).status === 404) return null;
    throw err;
  }
}

const REQUEST_STATUS: EnumBadges<ScopeRequestView['status']> = {
  pending: { label: 'Waiting for you', tone: 'warning' },
  granted: { label: 'Granted', tone: 'success' },
  revoked: { label: 'Taken back', tone: 'neutral' },
  expired: { label: 'Expired', tone: 'neutral' },
};

const scopeList = (scopes: string[]) =>
  scopes.length ? html`<ul data-requested-scopes>${scopes.map((s) => html`<li>${SCOPE_LABELS[s as Scope] ?? s} <code>${s}</code></li>`)}</ul>` : html`<p>No scopes.</p>`;

function requestBody(c: WebContext, r: ScopeRequestView, notices?: { error?: string; notice?: string }) {
  const who = facts([
    ['Agent', r.agentName ?? 'Unnamed agent'],
    ['Token', html`${r.tokenName} <code>${r.tokenPreview}</code> ${badge(r.tokenStatus === 'active' ? 'Active' : r.tokenStatus === 'revoked' ? 'Revoked' : 'Expired', r.tokenStatus === 'active' ? 'success' : 'neutral')}`],
    ['It may already', r.tokenScopes.length ? r.tokenScopes.map((s) => SCOPE_LABELS[s as Scope] ?? s).join(', ') : 'Nothing'],
    ['Status', statusBadge(REQUEST_STATUS, r.status)],
  ]);
  const decided =
    r.status === 'granted'
      ? html`<p data-status="granted">Granted by ${r.decidedBy ?? 'the owner'} at ${r.decidedAt}: added <code>${r.addedScopes.join(' ') || '(nothing new)'}</code>. The agent can retry with the token it has.</p>
          ${actionForm(c, { action: `${scopeRequestPath(r.id)}/revoke`, label: 'Take these permissions back', variant: 'danger', confirm: 'Take these permissions back? Calls that need them are refused again.' })}`
      : r.status === 'revoked'
        ? html`<p data-status="revoked">Granted by ${r.decidedBy} at ${r.decidedAt}; taken back by ${r.revokedBy} at ${r.revokedAt}.</p>`
        : r.status === 'expired'
          ? html`<p data-status="expired">This request expired at ${r.expiresAt}. The agent gets a new link with its next refused call.</p>`
          : r.tokenStatus !== 'active'
            ? html`<p class="flash error" data-status="token-${r.tokenStatus}">This token is ${r.tokenStatus}: it cannot be given more scopes.</p>`
            : html`<form method="post" action="${scopeRequestPath(r.id)}">
                ${csrfField(c)}
                <input type="hidden" name="scopes" value="${r.requestedScopes.join(' ')}" />
                <p>Granting adds exactly these permissions to this one token (not to your other tokens, nor to tokens it mints later). Money still moves only after you confirm each payment. You can take them back on <a href="/account">your account page</a>. Open until ${r.expiresAt}.</p>
                ${button(`Grant ${r.requestedScopes.join(', ')}`, { pending: 'Granting…' })}
              </form>`;
  return html`<h1>Your agent asks for more permissions</h1>${flash({ notice: notices?.notice, error: notices?.error })}
    <article class="stakes"><header><h2>Asked for</h2></header>${scopeList(r.requestedScopes)}${who}</article>${decided}`;
}

/** The `/account` section listing step-up requests and grants, with a revoke button on grants. */
export function scopeGrantsSection(c: WebContext, requests: ScopeRequestView[]) {
  if (requests.length === 0) return '';
  return html`<h2>Permissions your agent asked for</h2>
    ${dataTable<ScopeRequestView>({
      columns: [
        { label: 'Token', cell: (r) => html`${r.tokenName} <code>${r.tokenPreview}</code>` },
        { label: 'Permissions', cell: (r) => (r.status === 'granted' || r.status === 'revoked' ? r.addedScopes : r.requestedScopes).join(' ') },
        { label: 'Status', cell: (r) => statusBadge(REQUEST_STATUS, r.status) },
        { label: 'Decided', cell: (r) => (r.decidedBy ? `${r.decidedBy} at ${r.decidedAt}` : r.status === 'pending' ? html`<a href="${scopeRequestPath(r.id)}">Review</a>` : null), empty: 'Not decided' },
        {
          label: 'Actions',
          empty: 'No actions',
          cell: (r) =>
            r.status === 'granted'
              ? actionForm(c, { action: `${scopeRequestPath(r.id)}/revoke`, label: 'Revoke grant', variant: 'danger', confirm: 'Take these permissions back from the token?' })
              : null,
        },
      ],
      rows: requests,
      rowAttrs: (r) => ({ 'data-scope-request': r.id }),
      empty: emptyState('No requests', ''),
    })}`;
}

export function mountScopeRequestPages(app: Hono<AppEnv>, services: WebServices): void {
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
