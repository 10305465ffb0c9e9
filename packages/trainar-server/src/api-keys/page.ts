/**
 * @module Dashboard → API & Webhooks → API Keys (admins only): create a key with ticked scopes (or
 * "Select all permissions"), shown in full once on the response page with a copy button; list
 * masked keys; revoke.
 */
import { type AppEnv, actionForm, badge, button, csrfField, dataTable, emptyState, field, html, redirectTo, requestLocale, secretShownOnce } from '@platform/kit';
import { type ApiKey, isScope, SCOPE_INFO, SCOPES, type Scope } from '@trainar/api';
import type { Context, Hono } from 'hono';
import { type PageDeps, readForm, type SessionUser, signedIn, withFormErrors } from '../platform/session';
import { apiTabs, formatDate, formField, formFields, noticeFrom, page } from '../platform/view';
import type { ApiKeysServices } from './context';

function scopeBoxes(checked: Set<string>) {
  const groups = new Map<string, Scope[]>();
  for (const s of SCOPES) groups.set(SCOPE_INFO[s].group, [...(groups.get(SCOPE_INFO[s].group) ?? []), s]);
  return html`<fieldset>
    <legend>Permissions</legend>
    <label><input type="checkbox" id="all_scopes" name="all_scopes" value="1" data-select-all="scopes" /> <strong>Select All Permissions</strong></label>
    ${[...groups].map(
      ([group, scopes]) => html`<div class="scope-group"><strong>${group}</strong>
        ${scopes.map((s) => html`<label title="${SCOPE_INFO[s].gates}"><input type="checkbox" name="scopes" value="${s}" ${checked.has(s) ? 'checked' : ''} /> ${SCOPE_INFO[s].label} <code>${s}</code></label>`)}
      </div>`,
    )}
  </fieldset>`;
}

function keyColumns(c: Context, timezone: string) {
  const locale = requestLocale(c);
  return [
    { label: 'Name', cell: (k: ApiKey) => k.name },
    { label: 'Key', cell: (k: ApiKey) => html`<code>${k.masked_key}</code>` },
    { label: 'Permissions', cell: (k: ApiKey) => k.scopes.map((s) => SCOPE_INFO[s as Scope]?.label ?? s).join(', ') },
    { label: 'Created', cell: (k: ApiKey) => formatDate(k.created_at, timezone, locale) },
    { label: 'Last used', cell: (k: ApiKey) => formatDate(k.last_used_at, timezone, locale) },
    { label: 'Status', cell: (k: ApiKey) => (k.revoked ? badge('Revoked', 'neutral') : badge('Active', 'success')) },
    {
      label: 'Actions',
      empty: 'No actions: revoked',
      cell: (k: ApiKey) =>
        k.revoked
          ? null
          : actionForm(c, {
              action: `/dashboard/api/keys/${k.id}/revoke`,
              label: 'Revoke',
              variant: 'danger',
              confirm: `Revoke the key "${k.name}"? Every call with it gets 401 at once; this cannot be undone.`,
            }),
    },
  ];
}

interface RenderOptions {
  created?: ApiKey & { key: string };
  error?: string;
  status?: number;
  name?: string;
  checked?: Set<string>;
}

async function render(c: Context, deps: PageDeps<ApiKeysServices>, me: SessionUser, options: RenderOptions = {}) {
  const { api_keys } = await deps.services.apiKeys.list(me.tenantId, { limit: 1000, offset: 0 });
  const created = options.created;
  return page(c, {
    title: 'API & Webhooks',
    user: me,
    notice: noticeFrom(c),
    error: options.error,
    status: options.status ?? (created ? 201 : 200),
    body: html`<h1>API &amp; Webhooks</h1>
      ${apiTabs('keys')}
      <p>API keys let your tools (n8n, your own code, AI agents) call the Tenant API and the MCP server for this organisation, with only the permissions you tick.</p>
      ${
        created
          ? secretShownOnce({ label: 'New API key', heading: `Key “${created.name}” created: copy it now`, secret: created.key, id: 'new-key' })
          : ''
      }
      <h2>Keys</h2>
      ${dataTable({
        columns: keyColumns(c, me.timezone),
        rows: api_keys,
        rowAttrs: (k) => ({ 'data-key-id': k.id }),
        empty: emptyState('No API keys yet', 'Create one below to connect n8n, your code or an AI agent.'),
      })}
      <article>
        <h2>Create an API key</h2>
        <form method="post" action="/dashboard/api/keys">
          ${csrfField(c)}
          ${field({ name: 'name', label: 'Name', required: true, value: options.name, hint: 'Where the key is used, e.g. “n8n production”.', attrs: { maxlength: 100 } })}
          ${scopeBoxes(options.checked ?? new Set())}
          ${button('Create key', { pending: 'Creating…' })}
        </form>
      </article>
      <p><small>Use a key as <code>Authorization: Bearer tak_…</code> on the Tenant API at <code>/v1</code> (<a href="/v1/openapi.json">OpenAPI</a>) and on the MCP server at <code>/mcp</code>.</small></p>`,
  });
}

export function mountApiKeysPage(app: Hono<AppEnv>, deps: PageDeps<ApiKeysServices>): void {
  const adminOnly = { adminOnly: true };
  app.get(
    '/dashboard/api',
    signedIn(deps, (c, me) => render(c, deps, me), adminOnly),
  );

  app.post(
    '/dashboard/api/keys',
    signedIn(
      deps,
      async (c, me) => {
        let name = '';
        let checked = new Set<string>();
        return withFormErrors(
          c,
          me,
          async () => {
            const form = await readForm(c);
            name = formField(form, 'name').trim();
            const all = formField(form, 'all_scopes') === '1';
            const ticked = formFields(form, 'scopes');
            checked = new Set(ticked);
            const unknown = ticked.filter((s) => !isScope(s));
            if (!name) return render(c, deps, me, { error: 'Give the key a name.', status: 400, checked });
            if (unknown.length) return render(c, deps, me, { error: `Unknown permission: ${unknown.join(', ')}.`, status: 400, name, checked });
            const scopes = all ? [...SCOPES] : ticked;
            if (scopes.length === 0) return render(c, deps, me, { error: 'Tick at least one permission.', status: 400, name });
            const created = await deps.services.apiKeys.create(me.tenantId, { kind: 'user', userId: me.userId }, { name: name.slice(0, 100), scopes });
            // "Copy once": the key is rendered on this response only; it is never stored or shown again.
            c.header('Cache-Control', 'no-store');
            return render(c, deps, me, { created });
          },
          (error, status) => render(c, deps, me, { error, status, name, checked }),
        );
      },
      adminOnly,
    ),
  );

  app.post(
    '/dashboard/api/keys/:id/revoke',
    signedIn(
      deps,
      async (c, me) =>
        withFormErrors(
          c,
          me,
          async () => {
            await readForm(c);
            const id = c.req.param('id') ?? '';
            if (!/^[0-9a-f-]{36}$/i.test(id)) return render(c, deps, me, { error: 'No such key.', status: 404 });
            await deps.services.apiKeys.revoke(me.tenantId, id);
            return redirectTo(c, '/dashboard/api?notice=revoked');
          },
          (error, status) => render(c, deps, me, { error, status }),
        ),
      adminOnly,
    ),
  );
}
