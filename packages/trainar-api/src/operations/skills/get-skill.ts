import { defineOperation, z } from '@platform/kit';
import { Skill, SkillId } from '../../skill-schemas';

export default defineOperation({
  name: 'get_skill',
  method: 'GET',
  path: '/api-tenant-skills',
  selectWhen: 'skill_id',
  title: 'Get a skill',
  description: 'Get one skill (tenant, platform or system) by id, addressed as ?skill_id=, with its parameters schema.',
  input: z.object({ skill_id: SkillId }),
  output: Skill,
  auth: 'required',
  scopes: ['read:skills'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'skills',
  cli: ['skills', 'get'],
  summarize: (s) => `${s.display_name} (${s.name}, ${s.tier}${s.is_active ? '' : ', inactive'}): ${s.http_method} ${s.webhook_url ?? 'built in'}, ${s.parameter_count} parameter(s).`,
});
