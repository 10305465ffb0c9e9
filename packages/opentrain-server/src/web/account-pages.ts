/**
 * @module The signed-in human's pages: home, and the account page where an organization owner sees
 * the organization, its API tokens, mints a token (any scope: a human owner is not limited to the
 * agent's scopes; this is how `payments:write` and `webhooks:manage` tokens are made, and how a
 * lost post-claim token is replaced) and revokes tokens.
 */
import { type Scope, SCOPES } from '@opentrain/api';
import { actionForm, type ApiError, type AppEnv, badge, button, choiceField, csrfField, dataTable, emptyState, type EnumBadges, enumLabel, facts, field, formatDateTime, html, redirectTo, requestLocale, secretShownOnce, statusBadge } from '@platform/kit';
import type { Hono } from 'hono';
import type { UserRow } from '../accounts';
import type { WebServices } from './context';
import { MEMBER_ROLE_LABELS, SCOPE_LABELS } from '../platform/labels';
import { scopeGrantsSection } from './scope-request-pages';
import { currentUser, errorLine, readVerifiedForm, render, type WebContext } from '../platform/web-ui';

/** What each scope lets a token do, in words (the scope code stays visible for API users). */
const TOKEN_STATUS: EnumBadges<'active' | 'revoked' | 'expired'> = {
  active: { label: 'Active', tone: 'success' },
  revoked: { label: 'Revoked', tone: 'neutral' },
  expired: { label: 'Expired', tone: 'warning' },
};

type TokenView = Awaited<ReturnType<WebServices['tokens']['list']>>[number];

async function accountBody(c: WebContext, services: WebServices, user: UserRow, flash?: { error?: string; secret?: string }) {
  const membership = await services.users.membership(user.id);
  if (!membership) {
    return html`<h1>Your account</h1><p>Signed in as <strong>${user.email}</strong>.</p>
      ${emptyState('You do not own an organization yet', html`Ask your agent to register and claim its account with this email (see <a href="/claim">how claiming works</a>). Looking for work instead? <a href="/freelancer/profile">Create your freelancer profile</a>.`)}`;
  }
  const tokens = await services.tokens.list(membership.organization_id);
  const owner = membership.role === 'OWNER';
  const locale = requestLocale(c);
  const columns = [
    { label: 'Name', cell: (t: TokenView) => t.name },
    { label: 'Token', cell: (t: TokenView) => html`<code>${t.preview}</code>` },
    { label: 'Permissions', cell: (t: TokenView) => t.scopes.map((s) => SCOPE_LABELS[s as Scope] ?? s).join(', '), empty: 'No permissions' },
    { label: 'Status', cell: (t: TokenView) => statusBadge(TOKEN_STATUS, t.status) },
    { label: 'Last used', cell: (t: TokenView) => (t.lastUsedAt ? formatDateTime(t.lastUsedAt, locale) : null), empty: 'Never' },
    {
      label: 'Actions',
      empty: 'No actions',
      cell: (t: TokenView) =>
        t.status === 'active' && owner
          ? actionForm(c, {
              action: '/account/tokens/revoke',
              label: 'Revoke',
              variant: 'danger',
              hidden: { token_id: t.id },
              confirm: `Revoke "${t.name}"? Whatever uses it (your agent, a script) stops working at once.`,
            })
          : null,
    },
  ];
  return html`<h1>${membership.name ?? 'Your organization'}</h1>
    ${facts([
      ['Signed in as', user.email],
      ['Your role', html`${badge(enumLabel(MEMBER_ROLE_LABELS, membership.role), owner ? 'info' : 'neutral')} ${owner ? 'You approve payments, manage billing and tokens.' : 'The owner decides what you may approve.'}`],
      ['Organization', html`<code>${membership.organization_id}</code>`],
    ])}
    <p class="actions"><a href="/billing">Billing and credits</a><a href="/account/team">Team</a></p>
    ${errorLine(flash?.error)}
    ${
      flash?.secret
        ? secretShownOnce({ label: 'New token', heading: 'New token: copy it now', secret: flash.secret, id: 'new-token', attrs: { 'data-new-token': true } })
        : ''
    }
    <h2>API tokens</h2>
    <p>Tokens let your agent or scripts act for this organization. Whatever a token may do, money moves only after a person confirms it on an approval page.</p>
    ${dataTable({ columns, rows: tokens, rowAttrs: (t) => ({ 'data-token-id': t.id }), empty: emptyState('No tokens yet', 'Your agent’s token appears here once it is claimed.') })}
    ${owner ? scopeGrantsSection(c, await services.stepUp.list(membership.organization_id)) : ''}
    ${
      owner
        ? html`<article>
      <h2>Create a token</h2>
      <form method="post" action="/account/tokens">
        ${csrfField(c)}
        ${field({ name: 'name', label: 'Name', value: 'API token', attrs: { maxlength: 120 }, hint: 'Where it is used, e.g. “payments bot”.' })}
        <fieldset><legend>Permissions</legend>${SCOPES.map((s) => html`${choiceField({ name: `scope_${s}`, label: html`${SCOPE_LABELS[s]} <code>${s}</code>` })}<br />`)}</fieldset>
        ${field({ name: 'expires_at', label: 'Expires at (optional)', hint: 'ISO-8601, e.g. 2027-01-01T00:00:00Z. Empty: never expires.', error: flash?.error?.startsWith('Expires at') ? flash.error : undefined })}
        ${button('Create token', { pending: 'Creating…' })}
      </form></article>`
        : ''
    }`;
}

export function mountAccountPages(app: Hono<AppEnv>, services: WebServices): void {
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
