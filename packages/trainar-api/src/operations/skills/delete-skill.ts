import { defineOperation, z } from '@platform/kit';
import { SkillId } from '../../skill-schemas';

export default defineOperation({
  name: 'delete_skill',
  method: 'DELETE',
  path: '/api-tenant-skills',
  selectWhen: 'skill_id',
  title: 'Delete a skill',
  description: 'Delete a tenant skill addressed as ?skill_id= (its execution history stays); platform and system skills cannot be removed.',
  input: z.object({ skill_id: SkillId }),
  output: z.object({ id: z.string(), deleted: z.literal(true) }),
  auth: 'required',
  scopes: ['write:skills'],
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  toolset: 'skills',
  cli: ['skills', 'delete'],
  summarize: (out) => `Deleted skill ${out.id}.`,
});
