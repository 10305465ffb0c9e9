import { defineOperation, z } from '@platform/kit';
import { limitField, offsetField } from '../../schemas';
import { skillListShape } from '../../skill-schemas';

export default defineOperation({
  name: 'list_skills',
  method: 'GET',
  path: '/api-tenant-skills',
  title: 'List skills',
  description: 'List the skills the on-glasses AI can call: yours, read-only platform ones and (on request) system ones.',
  input: z.object({
    include_platform: z.boolean().default(true).describe('Platform skills (default true)'),
    include_system: z.boolean().default(false).describe('System skills (default false)'),
    folder: z.string().trim().min(1).max(100).optional().describe('Folder name'),
    is_active: z.boolean().optional().describe('Active flag'),
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
