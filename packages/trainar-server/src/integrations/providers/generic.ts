/**
 * @module The generic provider: a system we ship no adapter for, configured entirely by the operator
 * (TRAINAR_INTEGRATION_PROVIDERS, docs/trainar-integrations.md): its OAuth 2.0 endpoints, a JSON
 * jobs endpoint with a field mapping (dot paths into each job), optionally a staff endpoint and a
 * notes endpoint for write-back. Validated at start-up; a bad entry stops the start naming the field.
 */
import { z } from '@platform/kit';
import type { ProviderApi } from '../http';
import { asArray, type ExternalJob, type ExternalStaff, type ProviderAdapter, str } from './types';

const dotPath = z.string().regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, 'expected a dot path such as "data.items" or "technician.email"');
const httpUrl = z.string().url().refine((u) => /^https?:\/\//.test(u), 'expected an http(s) URL');

export const GenericProviderConfig = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_-]{1,40}$/, 'expected a lowercase key such as "acme_fsm"'),
  name: z.string().min(1).max(80),
  category: z.enum(['fsm', 'automation', 'parts']).default('fsm'),
  mcp_enabled: z.boolean().default(false),
  authorize_url: httpUrl,
  token_url: httpUrl,
  revocation_url: httpUrl.optional(),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  scopes: z.array(z.string()).default([]),
  client_auth: z.enum(['client_secret_post', 'client_secret_basic']).default('client_secret_basic'),
  jobs_url: httpUrl,
  /** Where the array of jobs is in the answer (omit when the answer is the array). */
  jobs_path: dotPath.optional(),
  fields: z.object({ external_id: dotPath, title: dotPath, description: dotPath.optional(), assignee_email: dotPath.optional(), due_date: dotPath.optional() }),
  staff_url: httpUrl.optional(),
  staff_path: dotPath.optional(),
  staff_fields: z.object({ external_id: dotPath, email: dotPath, name: dotPath.optional() }).default({ external_id: 'id', email: 'email', name: 'name' }),
  /** POST target for write-back notes; `{external_id}` is replaced by the job's id. */
  note_url: z.string().includes('{external_id}', { message: 'must contain {external_id}' }).optional(),
  /** The JSON field the note text goes in (default `note`). */
  note_field: z.string().default('note'),
});
export type GenericProviderConfig = z.input<typeof GenericProviderConfig>;

export const GenericProviderList = z.array(GenericProviderConfig).refine((list) => new Set(list.map((p) => p.key)).size === list.length, 'provider keys must be unique');

function at(value: unknown, path: string | undefined): unknown {
  if (!path) return value;
  let cur = value;
  for (const part of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
  return cur;
}

export function genericAdapter(input: GenericProviderConfig): ProviderAdapter {
  const c = GenericProviderConfig.parse(input);
  return {
    info: { key: c.key, name: c.name, category: c.category, auth: 'oauth2', mcp_enabled: c.mcp_enabled, writeback: c.note_url !== undefined },
    oauth: { authorizeUrl: c.authorize_url, tokenUrl: c.token_url, revocationUrl: c.revocation_url ?? null, clientId: c.client_id, clientSecret: c.client_secret, scopes: c.scopes, clientAuth: c.client_auth },
    missingConfig: `the ${c.key} entry of TRAINAR_INTEGRATION_PROVIDERS`,

    async fetchStaff(api: ProviderApi): Promise<ExternalStaff[]> {
      if (!c.staff_url) return [];
      const rows = asArray(at(await api.getJson(c.staff_url), c.staff_path), `${c.key} staff`);
      return rows.flatMap((r) => {
        const id = str(at(r, c.staff_fields.external_id));
        const email = str(at(r, c.staff_fields.email));
        return id && email ? [{ external_id: id, email, name: str(at(r, c.staff_fields.name)) ?? email }] : [];
      });
    },

    async fetchJobs(api: ProviderApi): Promise<ExternalJob[]> {
      const rows = asArray(at(await api.getJson(c.jobs_url), c.jobs_path), `${c.key} jobs`);
      return rows.flatMap((r) => {
        const id = str(at(r, c.fields.external_id));
        if (!id) return [];
        const due = str(at(r, c.fields.due_date));
        return [
          {
            external_id: id,
            title: (str(at(r, c.fields.title)) ?? `Job ${id}`).slice(0, 200),
            description: str(at(r, c.fields.description)),
            assignee_email: str(at(r, c.fields.assignee_email)),
            due_date: due && !Number.isNaN(Date.parse(due)) ? new Date(due).toISOString() : null,
          },
        ];
      });
    },

    async writeNote(api: ProviderApi, externalJobId: string, text: string): Promise<void> {
      if (!c.note_url) return;
      await api.postJson(c.note_url.replace('{external_id}', encodeURIComponent(externalJobId)), { [c.note_field]: text });
    },
  };
}
