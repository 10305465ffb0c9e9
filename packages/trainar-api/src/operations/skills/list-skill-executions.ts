import { defineOperation, z } from '@platform/kit';
import { Id, limitField, offsetField } from '../../schemas';
import { executionListShape } from '../../skill-schemas';

/** The execution log (REST and dashboard; not one of the seed's MCP tools). */
export default defineOperation({
  name: 'list_skill_executions',
  method: 'GET',
  path: '/api-tenant-skill-executions',
  title: 'List skill executions',
  description: 'List recorded skill executions, newest first, optionally for one skill (?skill_id=) or only failures.',
  input: z.object({
    skill_id: Id.optional().describe('Only executions of this skill'),
    success: z.boolean().optional().describe('Only successful (true) or failed (false) executions'),
    limit: limitField(50),
    offset: offsetField(),
  }),
  output: z.object(executionListShape),
  auth: 'required',
  scopes: ['read:skills'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  exclude: ['mcp'],
  toolset: 'skills',
  cli: ['skills', 'executions'],
  summarize: (out) =>
    `${out.executions.length} of ${out.total} execution(s)${out.executions.length ? `: ${out.executions.map((e) => `${e.skill_name} ${e.success ? 'ok' : 'failed'} ${e.status_code ?? '-'} ${e.latency_ms} ms (${e.execution_id})`).join('; ')}` : ''}.`,
});
