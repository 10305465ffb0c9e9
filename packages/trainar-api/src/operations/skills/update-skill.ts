import { defineOperation, z } from '@platform/kit';
import { Id } from '../../schemas';
import { Skill, skillFields } from '../../skill-schemas';

export default defineOperation({
  name: 'update_skill',
  method: 'PATCH',
  path: '/api-tenant-skills',
  selectWhen: 'skill_id',
  title: 'Update a skill',
  description: 'Change fields of a tenant skill addressed as ?skill_id= (the name is fixed once it has run); platform and system skills are read-only.',
  input: z.object({
    skill_id: Id.describe('Skill id (UUID)'),
    display_name: skillFields.display_name.optional(),
    name: skillFields.name,
    description: skillFields.description.optional(),
    webhook_url: skillFields.webhook_url.optional(),
    http_method: skillFields.http_method.optional(),
    parameters_schema: skillFields.parameters_schema.optional(),
    auth_header: skillFields.auth_header.optional(),
    timeout_ms: skillFields.timeout_ms.optional(),
    execution_mode: skillFields.execution_mode.optional(),
    ai_instructions: skillFields.ai_instructions.optional(),
    response_target: skillFields.response_target.optional(),
    display_hint: skillFields.display_hint.optional(),
    response_scheduling: skillFields.response_scheduling.optional(),
    capture_frame_on_execute: skillFields.capture_frame_on_execute.optional(),
    available_to_roles: skillFields.available_to_roles.optional(),
    is_active: skillFields.is_active.optional(),
    folder: skillFields.folder.optional(),
  }),
  output: Skill,
  auth: 'required',
  scopes: ['write:skills'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'skills',
  cli: ['skills', 'update'],
  summarize: (s) => `Updated skill ${s.display_name} (${s.name}, ${s.id})${s.is_active ? '' : ', inactive'}.`,
});
