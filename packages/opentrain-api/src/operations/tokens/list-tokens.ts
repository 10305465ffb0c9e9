import { defineOperation, z } from '@platform/kit';
import { ANY_TOKEN } from '../../gates';
import { tokenMetadataSchema } from './token-schema';

export default defineOperation({
  name: 'opentrain_list_tokens',
  toolset: 'tokens',
  method: 'GET',
  path: '/tokens',
  description: "List this account's API tokens (masked previews, scopes, status, last use), newest first.",
  input: z.object({}),
  output: z.object({ tokens: z.array(tokenMetadataSchema) }),
  auth: 'required',
  scopes: [],
  gates: [ANY_TOKEN],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  cli: ['tokens', 'list'],
  summarize: (out) => {
    const active = out.tokens.filter((t) => t.status === 'active').length;
    const lines = out.tokens.slice(0, 25).map((t) => `- ${t.id} ${t.preview} "${t.name}" ${t.status}${t.lastUsedAt ? `, last used ${t.lastUsedAt}` : ''}`);
    return [`${out.tokens.length} token(s), ${active} active.`, ...lines].join('\n');
  },
});
