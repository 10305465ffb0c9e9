import { defineOperation, z } from '@platform/kit';
import { SessionContextInput, SkillExecution, SkillId } from '../../skill-schemas';

export default defineOperation({
  name: 'execute_skill',
  method: 'POST',
  path: '/api-tenant-skills-execute',
  title: 'Execute a skill',
  description: 'Run a skill: its webhook gets the arguments and session context; returns status, latency and response.',
  input: z.object({
    skill_id: SkillId,
    arguments: z.record(z.string(), z.unknown()).default({}).describe("Checked against the skill's parameters_schema"),
    session_context: SessionContextInput.nullable().optional().describe('Default: the first active assigned seat'),
  }),
  output: SkillExecution,
  auth: 'required',
  scopes: ['write:skills'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  toolset: 'skills',
  cli: ['skills', 'execute'],
  summarize: (e) => `${e.skill_name}: HTTP ${e.status_code ?? 'none'} in ${e.latency_ms} ms${e.error ? ` (${e.error})` : ''}; response ${JSON.stringify(e.response)?.slice(0, 500)}.`,
});
