/** @module Skill and execution rows as the REST API returns them (secrets masked). */
import type { Skill, SkillExecution } from '@trainar/api';
import { iso } from '../platform/db';
import { parameterCount } from './json-schema';
import type { SkillExecutionsTable, SkillsTable } from './tables';

/** Never the stored value: a fixed mask plus the last 4 characters of values long enough to keep them secret. */
export const maskHeaderValue = (value: string): string => (value.length >= 12 ? `••••${value.slice(-4)}` : '••••');

export function presentSkill(row: SkillsTable): Skill {
  return {
    id: row.id,
    tier: 'tenant',
    read_only: false,
    bundle: null,
    name: row.name,
    name_locked: row.last_executed_at !== null,
    display_name: row.display_name,
    description: row.description,
    parameters_schema: row.parameters_schema,
    parameter_count: parameterCount(row.parameters_schema),
    webhook_url: row.webhook_url,
    http_method: row.http_method,
    auth_header: row.auth_header_name && row.auth_header_value ? { name: row.auth_header_name, value_preview: maskHeaderValue(row.auth_header_value) } : null,
    timeout_ms: row.timeout_ms,
    execution_mode: row.execution_mode,
    ai_instructions: row.ai_instructions,
    response_target: row.response_target,
    display_hint: row.display_hint,
    response_scheduling: row.response_scheduling,
    capture_frame_on_execute: row.capture_frame_on_execute,
    available_to_roles: row.available_to_roles,
    is_active: row.is_active,
    folder: row.folder,
    last_executed_at: iso(row.last_executed_at),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

export function presentExecution(row: SkillExecutionsTable): SkillExecution {
  return {
    execution_id: row.id,
    skill_id: row.skill_id,
    skill_name: row.skill_name,
    trigger: row.trigger,
    session_context: row.session_context as SkillExecution['session_context'],
    arguments: row.arguments,
    success: row.success,
    status_code: row.status_code,
    latency_ms: row.latency_ms,
    response: row.response ?? null,
    response_headers: row.response_headers,
    error: row.error,
    executed_at: iso(row.executed_at) as string,
  };
}
