import { defineOperation, z } from '@platform/kit';
import { contractSchema } from './schemas';

export default defineOperation({
  name: 'opentrain_list_contracts',
  toolset: 'contracts',
  method: 'GET',
  path: '/contracts',
  description: "List this account's contracts (newest first) with their milestones; filter by jobId or status (active|ended).",
  input: z.object({
    jobId: z.string().min(1).max(64).optional().describe('Only contracts of this job'),
    status: z.string().optional().describe('active or ended'),
  }),
  output: z.object({ contracts: z.array(contractSchema) }),
  auth: 'required',
  scopes: ['payments:read'],
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  cli: ['contracts', 'list'],
  summarize: (out) =>
    [
      `${out.contracts.length} contract(s).`,
      ...out.contracts.map((c) => `- ${c.id} "${c.title}" ${c.status}, ${c.freelancer.displayName}, ${c.milestones.length} milestone(s)${c.hasActiveMilestone ? ', funded work in progress' : ''}`),
    ].join('\n'),
});
