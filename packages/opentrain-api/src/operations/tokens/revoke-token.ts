import { defineOperation, z } from '@platform/kit';
import { ANY_TOKEN } from '../../gates';
import { tokenMetadataSchema } from './token-schema';

export default defineOperation({
  name: 'opentrain_revoke_token',
  toolset: 'tokens',
  method: 'DELETE',
  path: '/tokens/{tokenId}',
  description: "Revoke one of this account's API tokens by id (irreversible; revoking the calling token ends this session).",
  input: z.object({ tokenId: z.string().min(1).max(64).describe('Token id from opentrain_list_tokens') }),
  output: z.object({ token: tokenMetadataSchema }),
  auth: 'required',
  scopes: [],
  gates: [ANY_TOKEN],
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  cli: ['tokens', 'revoke'],
  summarize: (out) => `Token ${out.token.id} (${out.token.preview}) is ${out.token.status}.`,
});
