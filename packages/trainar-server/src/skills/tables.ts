/** @module Kysely types of the skills module's tables (listed in db.ts `TrainArTables`). */

export interface SkillsTable {
  id: string;
  tenant_id: string;
  name: string;
  display_name: string;
  description: string;
  parameters_schema: Record<string, unknown>;
  webhook_url: string;
  http_method: 'POST' | 'GET';
  auth_header_name: string | null;
  auth_header_value: string | null;
  timeout_ms: number;
  execution_mode: 'direct' | 'background';
  ai_instructions: string | null;
  response_target: 'context' | 'display';
  display_hint: 'fullscreen' | 'hud' | null;
  response_scheduling: 'INTERRUPT' | 'WHEN_IDLE' | null;
  capture_frame_on_execute: boolean;
  available_to_roles: 'all' | 'trainer' | 'trainee';
  is_active: boolean;
  folder: string | null;
  created_by_user_id: string | null;
  created_at: Date;
  updated_at: Date;
  last_executed_at: Date | null;
}

export interface SkillExecutionsTable {
  id: string;
  tenant_id: string;
  /** No foreign key: a deleted tenant skill keeps its history, and built-in skills have fixed ids. */
  skill_id: string;
  skill_name: string;
  trigger: 'device' | 'api' | 'agent' | 'dashboard';
  session_context: Record<string, unknown>;
  arguments: Record<string, unknown>;
  success: boolean;
  status_code: number | null;
  latency_ms: number;
  response: unknown;
  response_headers: Record<string, string>;
  error: string | null;
  executed_at: Date;
}
