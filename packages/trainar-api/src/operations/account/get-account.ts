import { defineOperation, z } from '@platform/kit';
import { Account } from '../../schemas';

export default defineOperation({
  name: 'get_account',
  method: 'GET',
  path: '/api-tenant-account',
  title: 'Get the account',
  description: 'Get your tenant account: organisation name, locale (timezone, country, language), plan summary and user counts.',
  input: z.object({}),
  output: Account,
  auth: 'required',
  scopes: ['read:account'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'account',
  cli: ['account', 'get'],
  summarize: (a) =>
    `${a.name} (${a.id}): ${a.timezone}, ${a.country ?? 'no country'}, ${a.language}; plan ${a.plan ? `${a.plan.name} (${a.plan.status})` : 'none'}; ${a.usage.active_users} active of ${a.usage.users} user(s).`,
});
