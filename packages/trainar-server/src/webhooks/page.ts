/**
 * @module Dashboard → API & Webhooks → Webhooks (admins only): endpoints with their events, status
 * and last delivery; add an endpoint (URL + events grouped Sessions / Tasks / Skills), its signing
 * secret shown once with a copy button; send test; enable / disable; delete; the delivery log of
 * one endpoint. Zapier-managed endpoints are hidden, as the product does [S: SHOT].
 */
import { type AppEnv, actionForm, badge, button, csrfField, dataTable, emptyState, field, html, requestLocale, secretShownOnce } from '@platform/kit';
import { WEBHOOK_EVENTS, type WebhookEndpoint, type WebhookEvent, WebhookEventName } from '@trainar/api';
import type { Context, Hono } from 'hono';
import { type PageDeps, readForm, type SessionUser, signedIn, withFormErrors } from '../platform/session';
import { apiTabs, formatDate, formField, formFields, page } from '../platform/view';
import type { WebhooksServices } from './context';
import type { DeliveryView } from './service';

const BASE = '/dashboard/api/webhooks';

const EVENT_GROUPS: Array<[string, WebhookEvent[]]> = [
  ['Sessions', ['session.started', 'session.completed']],
  ['Tasks', ['task.created', 'task.status_changed', 'task.completed']],
  ['Skills', ['skill.executed']],
];

const EVENT_LABELS: Record<WebhookEvent, string> = {
  'session.started': 'Session started',
  'session.completed': 'Session completed',
  'task.created': 'Task created',
  'task.status_changed': 'Task status changed',
  'task.completed': 'Task completed',
  'skill.executed': 'Skill executed',
};

const SOURCE_LABELS: Record<WebhookEndpoint['source'], string> = { dashboard: 'Dashboard', api: 'API', n8n: 'n8n', zapier: 'Zapier', mcp: 'MCP agent' };

function eventBoxes(checked: Set<string>) {
  return html`<fieldset>
    <legend>Events</legend>
    ${EVENT_GROUPS.map(
      ([group, events]) => html`<div class="scope-group"><strong>${group}</strong>
        ${events.map((e) => html`<label><input type="checkbox" name="events" value="${e}" ${checked.has(e) ? 'checked' : ''} /> ${EVENT_LABELS[e]} <code>${e}</code></label>`)}
      </div>`,
    )}
  </fieldset>`;
}

function endpointColumns(c: Context, timezone: string) {
  const locale = requestLocale(c);
  return [
    { label: 'URL', cell: (w: WebhookEndpoint) => html`<code>${w.url}</code>` },
    { label: 'Events', cell: (w: WebhookEndpoint) => w.events.map((e) => EVENT_LABELS[e as WebhookEvent] ?? e).join(', ') },
    { label: 'Source', cell: (w: WebhookEndpoint) => SOURCE_LABELS[w.source] },
    {
      label: 'Status',
      cell: (w: WebhookEndpoint) => (w.is_active ? badge('Active', 'success') : html`${badge('Disabled', 'danger')}${w.disabled_reason ? html`<br /><small>${w.disabled_reason}</small>` : ''}`),
    },
    { label: 'Last triggered', cell: (w: WebhookEndpoint) => formatDate(w.last_triggered_at, timezone, locale) },
    {
      label: 'Actions',
      cell: (w: WebhookEndpoint) => html`<div class="actions">
        ${actionForm(c, { action: `${BASE}/${w.id}/test`, label: 'Send test', variant: 'secondary', pending: 'Sending…' })}
        <a href="${BASE}/${w.id}">Deliveries</a>
        ${actionForm(c, { action: `${BASE}/${w.id}/${w.is_active ? 'disable' : 'enable'}`, label: w.is_active ? 'Disable' : 'Enable', variant: 'outline' })}
        ${actionForm(c, { action: `${BASE}/${w.id}/delete`, label: 'Delete', variant: 'danger', confirm: `Delete the webhook to ${w.url}? Deliveries stop at once and its log is removed.` })}
      </div>`,
    },
  ];
}

interface RenderOptions {
  created?: WebhookEndpoint & { secret: string };
  notice?: string;
  error?: string;
  status?: number;
  url?: string;
  checked?: Set<string>;
}

async function render(c: Context, deps: PageDeps<WebhooksServices>, me: SessionUser, options: RenderOptions = {}) {
  const { webhooks } = await deps.services.webhooks.list(me.tenantId, { hideZapier: true });
  const created = options.created;
  return page(c, {
    title: 'API & Webhooks',
    user: me,
    notice: options.notice,
    error: options.error,
    status: options.status ?? (created ? 201 : 200),
    body: html`<h1>API &amp; Webhooks</h1>
      ${apiTabs('webhooks')}
      <p>Webhooks POST a signed JSON envelope to your URL when something happens in TrainAR. Verify the <code>webhook-signature</code> header with the endpoint’s secret (<a href="https://www.standardwebhooks.com/">Standard Webhooks</a>).</p>
      ${
        created
          ? secretShownOnce({ label: 'New webhook secret', heading: `Webhook to ${created.url} added: copy its signing secret now`, secret: created.secret, id: 'new-secret' })
          : ''
      }
      <h2>Endpoints</h2>
      ${dataTable({
        columns: endpointColumns(c, me.timezone),
        rows: webhooks,
        rowAttrs: (w) => ({ 'data-webhook-id': w.id }),
        empty: emptyState('No webhook endpoints yet', 'Add one below to receive task, session and skill events.'),
      })}
      <p><small>Webhooks managed by Zapier are configured automatically and hidden from this view.</small></p>
      <article>
        <h2>Add an endpoint</h2>
        <form method="post" action="${BASE}">
          ${csrfField(c)}
          ${field({ name: 'url', label: 'Endpoint URL', type: 'url', required: true, value: options.url, hint: 'A public https URL, e.g. https://example.com/trainar-events.', attrs: { maxlength: 2048 } })}
          ${eventBoxes(options.checked ?? new Set())}
          ${button('Add endpoint', { pending: 'Adding…' })}
        </form>
      </article>`,
  });
}

const DELIVERY_COLUMNS = (c: Context, timezone: string) => {
  const locale = requestLocale(c);
  return [
    { label: 'Time', cell: (d: DeliveryView) => formatDate(d.created_at, timezone, locale) },
    { label: 'Event', cell: (d: DeliveryView) => html`${EVENT_LABELS[d.event as WebhookEvent] ?? d.event}${d.test ? html` ${badge('Test', 'info')}` : ''}<br /><small><code>${d.event_id}</code></small>` },
    { label: 'Attempt', cell: (d: DeliveryView) => d.attempt },
    { label: 'Outcome', cell: (d: DeliveryView) => (d.outcome === 'succeeded' ? badge('Delivered', 'success') : badge('Failed', 'danger')) },
    { label: 'Response', empty: 'No response', cell: (d: DeliveryView) => (d.status_code === null ? null : `HTTP ${d.status_code}`) },
    { label: 'Duration', empty: 'Not sent', cell: (d: DeliveryView) => (d.duration_ms === null ? null : `${d.duration_ms} ms`) },
    { label: 'Error', empty: 'None', cell: (d: DeliveryView) => d.error },
    { label: 'Next retry', empty: 'None', cell: (d: DeliveryView) => (d.next_retry_at ? formatDate(d.next_retry_at, timezone, locale) : null) },
  ];
};

const validId = (id: string | undefined): id is string => /^[0-9a-f-]{36}$/i.test(id ?? '');

export function mountWebhooksPage(app: Hono<AppEnv>, deps: PageDeps<WebhooksServices>): void {
  const adminOnly = { adminOnly: true };
  app.get(
    BASE,
    signedIn(deps, (c, me) => render(c, deps, me), adminOnly),
  );

  /** A route addressing one endpoint (`:id`): admins only, service errors shown on the list page. */
  const forEndpoint = (readsForm: boolean, run: (c: Context, me: SessionUser, id: string) => Promise<Response>) =>
    signedIn(
      deps,
      async (c, me) =>
        withFormErrors(
          c,
          me,
          async () => {
            if (readsForm) await readForm(c);
            const id = c.req.param('id');
            if (!validId(id)) return render(c, deps, me, { error: 'No such webhook endpoint.', status: 404 });
            return run(c, me, id);
          },
          (error, status) => render(c, deps, me, { error, status }),
        ),
      adminOnly,
    );

  app.get(
    `${BASE}/:id`,
    forEndpoint(false, async (c, me, id) => {
      const endpoint = await deps.services.webhooks.get(me.tenantId, id);
      const log = await deps.services.webhooks.listDeliveries(me.tenantId, id, { limit: 100 });
      return page(c, {
        title: 'Webhook deliveries',
        user: me,
        body: html`<h1>API &amp; Webhooks</h1>
          ${apiTabs('webhooks')}
          <p><a href="${BASE}">← All endpoints</a></p>
          <h2>Deliveries to <code>${endpoint.url}</code></h2>
          <p>One row per attempt, newest first. A failed attempt is retried 1, 5, 30 and 120 minutes later with the same event id.</p>
          ${dataTable({ columns: DELIVERY_COLUMNS(c, me.timezone), rows: log, empty: emptyState('No deliveries yet', 'Use “Send test” or wait for an event.') })}`,
      });
    }),
  );

  app.post(
    BASE,
    signedIn(
      deps,
      async (c, me) => {
        let url = '';
        let checked = new Set<string>();
        return withFormErrors(
          c,
          me,
          async () => {
            const form = await readForm(c);
            url = formField(form, 'url').trim();
            const ticked = formFields(form, 'events');
            checked = new Set(ticked);
            if (!url) return render(c, deps, me, { error: 'Give the endpoint URL.', status: 400, checked });
            const events = ticked.filter((e) => WebhookEventName.safeParse(e).success) as WebhookEvent[];
            if (events.length === 0 || events.length !== ticked.length) return render(c, deps, me, { error: `Tick at least one event (${WEBHOOK_EVENTS.join(', ')}).`, status: 400, url, checked });
            const created = await deps.services.webhooks.create(me.tenantId, { url, events, source: 'dashboard' });
            c.header('Cache-Control', 'no-store'); // the secret is on this response only
            return render(c, deps, me, { created });
          },
          (error, status) => render(c, deps, me, { error, status, url, checked }),
        );
      },
      adminOnly,
    ),
  );

  const action = (name: string, run: (me: SessionUser, id: string) => Promise<string>) =>
    app.post(
      `${BASE}/:id/${name}`,
      forEndpoint(true, async (c, me, id) => render(c, deps, me, { notice: await run(me, id) })),
    );

  action('test', async (me, id) => `Test event sent. ${(await deps.services.webhooks.sendTest(me.tenantId, id)).summary}.`);
  action('disable', async (me, id) => {
    await deps.services.webhooks.update(me.tenantId, id, { is_active: false });
    return 'Webhook disabled: no events are sent to it until you enable it.';
  });
  action('enable', async (me, id) => {
    await deps.services.webhooks.update(me.tenantId, id, { is_active: true });
    return 'Webhook enabled.';
  });
  action('delete', async (me, id) => {
    await deps.services.webhooks.delete(me.tenantId, id);
    return 'Webhook deleted.';
  });
}
