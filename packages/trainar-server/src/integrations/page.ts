/**
 * @module Dashboard → Integrations (admins) and our OAuth callback. Each provider shows its
 * connection: status, last sync (time, result, counts, error), next automatic sync and the
 * write-back queue, with Connect, Sync now and Disconnect. Connect is a CSRF-checked POST that
 * answers with a "Continue to <provider>" link (the page CSP's form-action keeps forms on this
 * origin, so the consent page is reached by a link, not a form redirect). The callback
 * (`/integrations/callback`) finishes the flow and comes back here.
 */
import { type AppEnv, actionForm, badge, facts, html, redirectTo, requestLocale } from '@platform/kit';
import type { IntegrationProvider, TenantIntegration } from '@trainar/api';
import type { Context, Hono } from 'hono';
import { currentUser, readForm, type SessionUser, signedIn, withFormErrors } from '../platform/session';
import { formatDate, formField, page } from '../platform/view';
import type { PageDeps } from '../platform/web-ui';
import type { IntegrationsServices } from './context';
import { CALLBACK_PATH } from './service';

const NOTICES: Record<string, string> = {
  connected: 'Connected. The first sync is running; refresh in a moment to see it.',
  'sync-queued': 'Sync queued. Refresh in a moment to see the result.',
  disconnected: 'Disconnected: the tokens are revoked and deleted. Imported tasks stay.',
};

const STATUS_BADGE: Record<TenantIntegration['status'], [string, 'success' | 'danger' | 'neutral' | 'warning']> = {
  connected: ['Connected', 'success'],
  error: ['Needs reconnecting', 'danger'],
  disconnected: ['Disconnected', 'neutral'],
  pending: ['Pending', 'warning'],
};

function card(c: Context, me: SessionUser, provider: IntegrationProvider, integration: TenantIntegration | undefined) {
  const locale = requestLocale(c);
  const when = (iso: string | null) => formatDate(iso, me.timezone, locale);
  const live = integration && integration.status !== 'disconnected';
  const [label, tone] = integration ? STATUS_BADGE[integration.status] : provider.configured ? (['Not connected', 'neutral'] as const) : (['Not configured', 'warning'] as const);
  const s = integration?.last_sync_summary;
  const hidden = { provider: provider.key };
  return html`<article aria-label="${provider.name}" data-provider="${provider.key}">
    <h2>${provider.name} ${badge(label, tone)}</h2>
    ${
      integration
        ? facts([
            ['Sync', `Import jobs + export session notes, every ${integration.auto_sync_interval_min} min`],
            ['Last sync', integration.last_sync_at ? `${when(integration.last_sync_at)} · ${integration.last_sync_status === 'succeeded' ? 'Succeeded' : 'Failed'}` : 'Never', { 'data-field': 'last-sync' }],
            s && ['Imported', `${s.jobs} jobs: ${s.created} new, ${s.updated} updated, ${s.unchanged} unchanged; ${s.staff_matched} of ${s.staff} staff matched by email`, { 'data-field': 'summary' }],
            integration.last_sync_error ? ['Sync error', integration.last_sync_error, { 'data-field': 'sync-error' }] : null,
            live && ['Next sync', when(integration.next_sync_at)],
            ['Write-backs', `${integration.writebacks.sent} sent, ${integration.writebacks.pending} waiting to retry, ${integration.writebacks.failed} failed`, { 'data-field': 'writebacks' }],
            integration.writebacks.last_error ? ['Write-back error', integration.writebacks.last_error, { 'data-field': 'writeback-error' }] : null,
          ])
        : html`<p>${provider.configured ? `Import ${provider.name} jobs as tasks and post session results back as job notes.` : 'The server operator has not configured this provider yet (docs/trainar-integrations.md).'}</p>`
    }
    <div class="actions">
      ${provider.configured && integration?.status !== 'connected' ? actionForm(c, { action: '/dashboard/integrations/connect', label: integration?.status === 'error' ? `Reconnect ${provider.name}` : `Connect ${provider.name}`, hidden }) : ''}
      ${live ? actionForm(c, { action: '/dashboard/integrations/sync', label: 'Sync now', variant: 'secondary', hidden }) : ''}
      ${live ? actionForm(c, { action: '/dashboard/integrations/disconnect', label: 'Disconnect', variant: 'danger', confirm: `Disconnect ${provider.name}? Imported tasks stay.`, hidden }) : ''}
    </div>
  </article>`;
}

async function render(c: Context, deps: PageDeps<IntegrationsServices>, me: SessionUser, error?: string, status?: number) {
  const { integrations } = deps.services;
  const { providers } = integrations.listProviders();
  const { integrations: connected } = await integrations.list(me.tenantId);
  return page(c, {
    title: 'Integrations',
    user: me,
    error,
    status,
    notice: NOTICES[c.req.query('notice') ?? ''] ?? null,
    body: html`<h1>Integrations</h1>
      <p>Connect your field-service system: its jobs become tasks (engineers matched to users by email), and each finished session is posted back to the job as a note.</p>
      ${providers.map((p) =>
        card(
          c,
          me,
          p,
          connected.find((i) => i.provider === p.key),
        ),
      )}`,
  });
}

export function mountIntegrationsPage(app: Hono<AppEnv>, deps: PageDeps<IntegrationsServices>): void {
  const { integrations } = deps.services;
  app.get(
    '/dashboard/integrations',
    signedIn(deps, (c, me) => render(c, deps, me), { adminOnly: true }),
  );

  const action = (path: string, run: (c: Context, me: SessionUser, provider: string) => Promise<Response>) =>
    app.post(
      `/dashboard/integrations/${path}`,
      signedIn(
        deps,
        (c, me) =>
          withFormErrors(
            c,
            me,
            async () => run(c, me, formField(await readForm(c), 'provider')),
            (message, status) => render(c, deps, me, message, status),
          ),
        { adminOnly: true },
      ),
    );

  action('connect', async (c, me, provider) => {
    const { connect_url } = await integrations.connectUrl(me.tenantId, { kind: 'user', userId: me.userId }, provider);
    const name = integrations.providerName(provider);
    return page(c, {
      title: `Connect ${name}`,
      user: me,
      body: html`<h1>Connect ${name}</h1>
        <p>${name} asks you to sign in and allow TrainAR to read jobs and staff and to post job notes. You come back here afterwards. The link works once, for 10 minutes.</p>
        <p><a class="button" href="${connect_url}">Continue to ${name}</a> <a href="/dashboard/integrations">Cancel</a></p>`,
    });
  });
  action('sync', async (c, me, provider) => {
    await integrations.triggerSync(me.tenantId, { provider });
    return redirectTo(c, '/dashboard/integrations?notice=sync-queued');
  });
  action('disconnect', async (c, me, provider) => {
    await integrations.disconnect(me.tenantId, { provider });
    return redirectTo(c, '/dashboard/integrations?notice=disconnected');
  });

  app.get(CALLBACK_PATH, async (c) => {
    const me = await currentUser(c, deps);
    try {
      await integrations.completeConnection(new URL(c.req.url), me?.userId ?? null);
    } catch (err) {
      if (!(err instanceof Error) || !('status' in err)) throw err;
      return page(c, { title: 'Connection not completed', user: me, status: Number(err.status) || 400, error: err.message, body: html`<p><a href="/dashboard/integrations">Back to Integrations</a></p>` });
    }
    if (me) return redirectTo(c, '/dashboard/integrations?notice=connected');
    return page(c, { title: 'Connected', body: html`<h1>Connected</h1><p>The integration is connected and its first sync is running. You can close this page.</p>` });
  });
}
