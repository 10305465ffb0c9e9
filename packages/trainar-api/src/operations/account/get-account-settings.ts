import { defineOperation, z } from '@platform/kit';

export default defineOperation({
  name: 'get_account_settings',
  method: 'GET',
  path: '/api-tenant-account-settings',
  title: 'Get account settings',
  description: 'Get the tenant configuration: general and locality settings, sign-in methods, invitation expiry and API limits and scopes.',
  input: z.object({}),
  output: z.object({
    tenant_id: z.string(),
    general: z.object({ name: z.string() }),
    locality: z.object({ timezone: z.string(), country: z.string().nullable(), language: z.string() }),
    authentication: z.object({ methods: z.array(z.string()), sso: z.boolean() }),
    invitations: z.object({ expiry_hours: z.number().int() }),
    api: z.object({ base_path: z.string(), rate_limit_per_minute: z.number().int().describe('Requests per minute per key; 0 = unlimited'), scopes: z.array(z.string()) }),
  }),
  auth: 'required',
  scopes: ['read:account'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'account',
  cli: ['account', 'settings'],
  summarize: (s) =>
    `${s.general.name}: ${s.locality.timezone}, ${s.locality.country ?? 'no country'}, ${s.locality.language}; sign-in ${s.authentication.methods.join(', ')}; invitations expire after ${s.invitations.expiry_hours} h.`,
});
