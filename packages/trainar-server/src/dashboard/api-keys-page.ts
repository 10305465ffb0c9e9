/**
 * @module Dashboard → API & Webhooks → API Keys (admins only): create a key with ticked scopes (or
 * "Select all permissions"), shown in full once on the response page with a copy button; list
 * masked keys; revoke.
 */
import { type AppEnv, csrfField, html, redirectTo } from '@platform/kit';
import { type ApiKey, isScope, SCOPE_INFO, SCOPES, type Scope } from '@trainar/api';
import type { Context, Hono } from 'hono';
import { type DashboardDeps, readForm, type SessionUser, signedIn, withFormErrors } from './session';
import { formatDate, formField, formFields, noticeFrom, page } from './view';

function scopeBoxes(checked: Set<string>) {
  const groups = new Map<string, Scope[]>();
  for (const s of SCOPES) groups.set(SCOPE_INFO[s].group, [...(groups.get(SCOPE_INFO[s].group) ?? []), s]);
  return html`<fieldset>
    <legend>Permissions</legend>
    <label><input type="checkbox" id="all_scopes" name="all_scopes" value="1" /> <strong>Select All Permissions</strong></label>
    ${[...groups].map(
      ([group, scopes]) => html`<div><strong>${group}</strong>
        ${scopes.map((s) => html`<label title="${SCOPE_INFO[s].gates}" style="display:block"><input type="checkbox" name="scopes" value="${s}" ${checked.has(s) ? 'checked' : ''} /> ${SCOPE_INFO[s].label} <code>${s}</code></label>`)}
      </div>`,
    )}
  </fieldset>`;
}

function keyRow(c: Context, k: ApiKey, timezone: string) {
  return html`<tr data-key-id="${k.id}">
    <td>${k.name}</td>
    <td><code>${k.masked_key}</code></td>
    <td>${k.scopes.map((s) => html`<code>${s}</code> `)}</td>
    <td>${formatDate(k.created_at, timezone)}</td>
    <td>${formatDate(k.last_used_at, timezone)}</td>
    <td>${k.revoked ? 'Revoked' : 'Active'}</td>
    <td>${k.revoked ? '' : html`<form method="post" action="/dashboard/api/keys/${k.id}/revoke" style="display:inline">${csrfField(c)}<button class="secondary" type="submit">Revoke</button></form>`}</td>
  </tr>`;
}

interface RenderOptions {
  created?: ApiKey & { key: string };
  error?: string;
  status?: number;
  name?: string;
  checked?: Set<string>;
}

async function render(c: Context, deps: DashboardDeps, me: SessionUser, options: RenderOptions = {}) {
  const { api_keys } = await deps.services.apiKeys.list(me.tenantId, { limit: 1000, offset: 0 });
  const created = options.created;
  return page(c, {
    title: 'API & Webhooks',
    user: me,
    notice: noticeFrom(c),
    error: options.error,
    status: options.status ?? (created ? 201 : 200),
    body: html`<h1>API &amp; Webhooks</h1>
      <nav aria-label="API and webhooks tabs"><strong>API Keys</strong></nav>
      ${
        created
          ? html`<section class="notice" aria-label="New API key">
              <p>Key <strong>${created.name}</strong> created. Copy it now: it is shown only once and cannot be recovered.</p>
              <p><code id="new-key">${created.key}</code> <button type="button" data-copy="new-key">Copy</button></p>
            </section>`
          : ''
      }
      <h2>Create an API key</h2>
      <form method="post" action="/dashboard/api/keys">
        ${csrfField(c)}
        <label>Name <input name="name" required maxlength="100" value="${options.name ?? ''}" placeholder="e.g. n8n production" /></label>
        ${scopeBoxes(options.checked ?? new Set())}
        <button type="submit">Create key</button>
      </form>
      <h2>Keys</h2>
      ${
        api_keys.length === 0
          ? html`<p>No API keys yet.</p>`
          : html`<table>
              <thead><tr><th>Name</th><th>Key</th><th>Permissions</th><th>Created</th><th>Last used</th><th>Status</th><th></th></tr></thead>
              <tbody>${api_keys.map((k) => keyRow(c, k, me.timezone))}</tbody>
            </table>`
      }
      <p><small>Use a key as <code>Authorization: Bearer tak_…</code> on the Tenant API at <code>/v1</code> (<a href="/v1/openapi.json">OpenAPI</a>) and on the MCP server at <code>/mcp</code>.</small></p>`,
  });
}

export function mountApiKeysPage(app: Hono<AppEnv>, deps: DashboardDeps): void {
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
