import { defineOperation, z } from '@platform/kit';
import { Account } from '../../schemas';

export default defineOperation({
  name: 'update_account',
  method: 'PATCH',
  path: '/api-tenant-account',
  title: 'Update the account',
  description: 'Update tenant-level fields: organisation name, timezone (IANA), country (ISO 3166-1 alpha-2) or language (BCP 47).',
  input: z.object({
    name: z.string().trim().min(1).max(200).optional().describe('Organisation name'),
    timezone: z.string().min(1).max(64).optional().describe('IANA time zone, e.g. Europe/London'),
    country: z.string().length(2).nullable().optional().describe('ISO 3166-1 alpha-2 code, e.g. GB; null clears it'),
    language: z.string().min(2).max(35).optional().describe('BCP 47 language tag the AI speaks, e.g. en-GB'),
  }),
  output: Account,
  auth: 'required',
  scopes: ['manage:account'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'account',
  cli: ['account', 'update'],
  summarize: (a) => `Account ${a.name}: ${a.timezone}, ${a.country ?? 'no country'}, ${a.language}.`,
});
