import { defineOperation, z } from '@platform/kit';
import { Id } from '../../schemas';
import { SessionContextInput, SkillExecution } from '../../skill-schemas';

export default defineOperation({
  name: 'execute_skill',
  method: 'POST',
  path: '/api-tenant-skills-execute',
  title: 'Execute a skill',
  description: "Run a skill now: its webhook gets the arguments and session context; returns status, latency and the endpoint's response.",
  input: z.object({
    skill_id: Id.describe('Skill id (UUID)'),
    arguments: z.record(z.string(), z.unknown()).default({}).describe("Arguments, checked against the skill's parameters_schema"),
    session_context: SessionContextInput.nullable()
      .optional()
      .describe("Who the call is for; empty or absent: the tenant's first active assigned seat"),
  }),
  output: SkillExecution,
  auth: 'required',
  scopes: ['write:skills'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  toolset: 'skills',
  cli: ['skills', 'execute'],
  summarize: (e) => `${e.skill_name}: HTTP ${e.status_code ?? 'none'} in ${e.latency_ms} ms${e.error ? ` (${e.error})` : ''}; response ${JSON.stringify(e.response)?.slice(0, 500)}.`,
});
