import { defineOperation, z } from '@platform/kit';
import { limitField, offsetField } from '../../schemas';
import { skillListShape } from '../../skill-schemas';

export default defineOperation({
  name: 'list_skills',
  method: 'GET',
  path: '/api-tenant-skills',
  title: 'List skills',
  description: 'List the skills the on-glasses AI can call: your tenant skills plus read-only platform skills (system skills on request).',
  input: z.object({
    include_platform: z.boolean().default(true).describe('Include read-only platform skills (default true)'),
    include_system: z.boolean().default(false).describe('Include the built-in system skills (default false)'),
    folder: z.string().trim().min(1).max(100).optional().describe('Only tenant skills in this folder'),
    is_active: z.boolean().optional().describe('Only active (true) or inactive (false) skills'),
    limit: limitField(50),
    offset: offsetField(),
  }),
  output: z.object(skillListShape),
  auth: 'required',
  scopes: ['read:skills'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'skills',
  cli: ['skills', 'list'],
  summarize: (out) =>
    out.skills.length === 0
      ? `No skills (total ${out.total}).`
      : `${out.skills.length} of ${out.total} skill(s): ${out.skills.map((s) => `${s.name} [${s.tier}${s.is_active ? '' : ', inactive'}] (${s.id})`).join('; ')}.`,
});
