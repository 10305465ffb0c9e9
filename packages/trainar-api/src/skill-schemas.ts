/**
 * @module Skill shapes (spec 2.7, 4.3): the skill definition, the fields an admin authors, the
 * session context a skill call carries, and the recorded execution. Kept apart from `schemas.ts`
 * so the skills module owns its contract file.
 */
import { z } from '@platform/kit';
import { page, Timestamp } from './schemas';
import { SEAT_ROLES } from './device-schemas';

export const SKILL_TIERS = ['system', 'platform', 'tenant'] as const;
export const HTTP_METHODS = ['POST', 'GET'] as const;
export const EXECUTION_MODES = ['direct', 'background'] as const;
export const RESPONSE_TARGETS = ['context', 'display'] as const;
export const DISPLAY_HINTS = ['fullscreen', 'hud'] as const;
export const RESPONSE_SCHEDULINGS = ['INTERRUPT', 'WHEN_IDLE'] as const;
export const SKILL_ROLES = ['all', 'trainer', 'trainee'] as const;
/** Where a call came from (`skill.executed` `trigger`); `dashboard` is the admin's test panel. */
export const SKILL_TRIGGERS = ['device', 'api', 'agent', 'dashboard'] as const;

export const SKILL_NAME_PATTERN = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
export const MIN_SKILL_TIMEOUT_MS = 500;
export const MAX_SKILL_TIMEOUT_MS = 120_000;
export const DEFAULT_SKILL_TIMEOUT_MS = 30_000;

const JsonObject = z.record(z.string(), z.unknown());

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A UUID checked by refinement (same 400 as `Id`, without a 40-token pattern in every skill tool). */
export const SkillId = z
  .string()
  .refine((v) => UUID_PATTERN.test(v), { message: 'expected a UUID' })
  .describe('Skill id (UUID)');

// Refinements rather than regex patterns: the same 400 naming the field, and a lighter tools/list.
export const SkillName = z
  .string()
  .max(64)
  .refine((v) => SKILL_NAME_PATTERN.test(v), { message: 'use snake_case: lower-case letters, digits and single underscores, starting with a letter (e.g. check_stock)' });

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

export const AuthHeaderInput = z.object({
  name: z
    .string()
    .min(1)
    .max(100)
    .refine((v) => HEADER_NAME.test(v), { message: 'expected an HTTP header name, e.g. Authorization or X-Api-Key' })
    .describe('e.g. Authorization'),
  value: z.string().min(1).max(4096).describe('Shown later as its last 4 characters'),
});

export const AuthHeader = z.object({
  name: z.string(),
  value_preview: z.string().describe('The stored value masked: •••• plus its last 4 characters (nothing of short values)'),
});

export const Skill = z.object({
  id: z.string().describe('Skill id (UUID)'),
  tier: z.enum(SKILL_TIERS).describe('system (built in, hidden), platform (from a Marketplace bundle, read-only) or tenant (yours)'),
  read_only: z.boolean().describe('True for system and platform skills'),
  bundle: z.string().nullable().describe('The Marketplace bundle of a platform skill'),
  name: z.string().describe('snake_case name the on-glasses AI calls; fixed once the skill has run'),
  name_locked: z.boolean().describe('True once the skill has been executed: its name can no longer change'),
  display_name: z.string(),
  description: z.string().describe('What the AI reads to decide when to call the skill'),
  parameters_schema: JsonObject.describe('JSON Schema of the arguments object'),
  parameter_count: z.number().int(),
  webhook_url: z.string().nullable().describe('Endpoint called on execution (null for built-in skills)'),
  http_method: z.enum(HTTP_METHODS).describe('GET sends a query string'),
  auth_header: AuthHeader.nullable(),
  timeout_ms: z.number().int().describe('Response wait time'),
  execution_mode: z.enum(EXECUTION_MODES).describe('direct: the AI waits for the answer; background: it carries on'),
  ai_instructions: z.string().nullable().describe('Private instructions to the AI about using the result'),
  response_target: z.enum(RESPONSE_TARGETS).describe('Where the answer goes'),
  display_hint: z.enum(DISPLAY_HINTS).nullable().describe('fullscreen or hud when response_target is display; null for context'),
  response_scheduling: z.enum(RESPONSE_SCHEDULINGS).nullable().describe('null means WHEN_IDLE'),
  capture_frame_on_execute: z.boolean().describe('Grab a camera frame'),
  available_to_roles: z.enum(SKILL_ROLES).describe('Which seat mode may use the skill'),
  is_active: z.boolean().describe('Offered to the AI'),
  folder: z.string().nullable().describe('Folder the skill is filed in (null: none)'),
  last_executed_at: Timestamp.nullable(),
  created_at: Timestamp.nullable().describe('null for built-in skills'),
  updated_at: Timestamp.nullable(),
});
export type Skill = z.infer<typeof Skill>;

/** The authored fields, all optional: create_skill requires some of them, update_skill none. */
export const skillFields = {
  display_name: z.string().trim().min(1, { message: 'enter a display name' }).max(100).describe('Display name'),
  name: SkillName.optional().describe('snake_case; default: from display_name'),
  description: z.string().trim().min(1, { message: 'describe when the AI should call the skill' }).max(2000).describe('When the AI should call it'),
  webhook_url: z.string().max(2048).describe('https endpoint'),
  http_method: z.enum(HTTP_METHODS).describe('GET sends a query string'),
  parameters_schema: JsonObject.describe('JSON Schema of the arguments (type object)'),
  auth_header: AuthHeaderInput.nullable().describe('null removes it'),
  timeout_ms: z.number().int().min(MIN_SKILL_TIMEOUT_MS).max(MAX_SKILL_TIMEOUT_MS).describe('Response wait time (ms)'),
  execution_mode: z.enum(EXECUTION_MODES).describe('Whether the AI waits'),
  ai_instructions: z.string().trim().max(4000).describe('Private AI instructions'),
  response_target: z.enum(RESPONSE_TARGETS).describe('Where the answer goes'),
  display_hint: z.enum(DISPLAY_HINTS).describe('Only with response_target display'),
  response_scheduling: z.enum(RESPONSE_SCHEDULINGS).describe('When it is shown'),
  capture_frame_on_execute: z.boolean().describe('Grab a camera frame'),
  available_to_roles: z.enum(SKILL_ROLES).describe('Seat modes allowed'),
  is_active: z.boolean().describe('Offered to the AI'),
  folder: z.string().trim().max(100).describe('Folder; "" for none'),
};

/** Ids here are plain strings (the user id is checked by the service): a lighter tools/list. */
export const SessionContextInput = z.object({
  customer_id: z.string().max(64).optional().describe('Your tenant id'),
  seat_id: z.string().max(64).nullable().optional().describe('Seat id'),
  user_id: z.string().max(64).nullable().optional().describe('User id'),
  role: z.enum(SEAT_ROLES).nullable().optional().describe('Seat mode'),
  session_id: z.string().max(64).nullable().optional().describe('AR session id'),
});

export const SessionContext = z.object({
  customer_id: z.string(),
  seat_id: z.string().nullable(),
  user_id: z.string().nullable(),
  role: z.enum(SEAT_ROLES).nullable(),
  session_id: z.string().nullable(),
});
export type SessionContext = z.infer<typeof SessionContext>;

export const SkillExecution = z.object({
  execution_id: z.string().describe('Execution id (UUID)'),
  skill_id: z.string(),
  skill_name: z.string(),
  trigger: z.enum(SKILL_TRIGGERS),
  session_context: SessionContext,
  arguments: JsonObject,
  success: z.boolean().describe('True when the endpoint answered 2xx within the timeout'),
  status_code: z.number().int().nullable().describe("The endpoint's HTTP status (null when none arrived)"),
  latency_ms: z.number().int(),
  response: z.unknown().describe('The answer: parsed JSON, else text (first 64 KB)'),
  response_headers: z.record(z.string(), z.string()).describe('The x-* headers of the answer, forwarded to the agent'),
  error: z.string().nullable().describe('Why the call failed (null on success)'),
  executed_at: Timestamp,
});
export type SkillExecution = z.infer<typeof SkillExecution>;

export const skillListShape = { skills: z.array(Skill), ...page };
export const executionListShape = { executions: z.array(SkillExecution), ...page };
