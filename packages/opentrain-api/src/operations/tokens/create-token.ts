import { defineOperation, z } from '@platform/kit';
import { ANY_TOKEN } from '../../gates';
import { SCOPES } from '../../scopes';
import { tokenMetadataSchema } from './token-schema';

/** HTTP-only: a secret minted for another program has no business passing through a model's context. */
export default defineOperation({
  name: 'opentrain_create_token',
  method: 'POST',
  path: '/tokens',
  description: 'Mint a new API token for this account; scopes must be covered by the calling token. The secret is shown once.',
  input: z.object({
    name: z.string().trim().min(1).max(120).default('API token').describe('Label shown in token lists (max 120 chars)'),
    scopes: z.array(z.string()).max(SCOPES.length * 2).optional().describe(`Scopes for the new token (default: the caller's). One of: ${SCOPES.join(', ')}`),
    expiresAt: z.iso.datetime({ offset: true }).optional().describe('Expiry, ISO-8601, in the future (default: never)'),
  }),
  output: z.object({ token: z.string(), tokenType: z.literal('bearer'), metadata: tokenMetadataSchema }),
  auth: 'required',
  scopes: [],
  gates: [ANY_TOKEN],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  successStatus: 201,
  exclude: ['mcp', 'cli'],
  summarize: (out) => `Created token ${out.metadata.id} (${out.metadata.preview}) with scopes ${out.metadata.scopes.join(', ') || '(none)'}. Store the secret now: it is not shown again.`,
});
