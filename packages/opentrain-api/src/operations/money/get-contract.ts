import { defineOperation, z } from '@platform/kit';
import { contractDetailSchema, idParam } from './schemas';

export default defineOperation({
  name: 'opentrain_get_contract',
  toolset: 'contracts',
  method: 'GET',
  path: '/contracts/{contractId}',
  description: 'Get one contract: milestones, the job DM conversation id, and the budget state (OK/LOW/DEPLETED).',
  input: z.object({ contractId: idParam('Contract id') }),
  output: z.object({ contract: contractDetailSchema }),
  auth: 'required',
  scopes: ['payments:read'],
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  cli: ['contracts', 'get'],
  summarize: (out) => {
    const c = out.contract;
    return [
      `Contract ${c.id} "${c.title}" is ${c.status} with ${c.freelancer.displayName}; budget ${c.budget.state}.`,
      ...c.milestones.map((m) => `- milestone ${m.milestoneNumber} ${m.id} ${m.status} $${m.amountUsd.toFixed(2)}${m.pendingApproval ? ' (approval pending)' : ''}`),
      c.jobDmConversationId ? `Message the trainer in conversation ${c.jobDmConversationId}.` : '',
    ]
      .filter(Boolean)
      .join('\n');
  },
});
