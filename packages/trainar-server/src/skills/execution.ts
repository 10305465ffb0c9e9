/**
 * @module Executing a skill (spec 4.3): arguments checked against the skill's schema, the session
 * context taken from the caller or from the tenant's first active assigned seat (NO_ACTIVE_SEAT
 * otherwise), the endpoint called (or the system skill run), and every call — failed ones
 * included — recorded with `skill.executed` in the same transaction. A failed call answers 502
 * SKILL_FAILED or 504 SKILL_TIMEOUT with the recorded execution in `details`.
 */
import { ApiError, badRequest, conflict, type UrlPolicy } from '@platform/kit';
import { type SessionContext, type Skill, type SkillExecution, UUID_PATTERN } from '@trainar/api';
import { sql } from 'kysely';
import type { ServiceDeps } from '../platform/deps';
import { emitTrainArEvent } from '../webhooks';
import { builtinById, isSystemSkillName } from './catalogue';
import { assertArguments } from './json-schema';
import { callSkillEndpoint, type SkillCallResult } from './outbound';
import type { SkillPorts } from './ports';
import { presentExecution } from './present';
import type { SkillService } from './service';
import type { SkillExecutionsTable, SkillsTable } from './tables';

export interface SessionContextInput {
  customer_id?: string;
  seat_id?: string | null;
  user_id?: string | null;
  role?: 'trainer' | 'trainee' | null;
  session_id?: string | null;
}

export interface ExecuteSkillInput {
  skill_id: string;
  arguments: Record<string, unknown>;
  session_context?: SessionContextInput | null;
  trigger: SkillExecution['trigger'];
}

export interface ListExecutionsInput {
  skill_id?: string;
  success?: boolean;
  limit: number;
  offset: number;
}

const json = (value: unknown) => sql`${JSON.stringify(value ?? null)}::jsonb`;

export class SkillExecutor {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly skills: SkillService,
    private readonly ports: SkillPorts,
    private readonly urlPolicy: UrlPolicy,
  ) {}

  /** Runs the skill and answers the recorded execution; a failed call is an ApiError (502/504) carrying it. */
  async execute(tenantId: string, input: ExecuteSkillInput): Promise<SkillExecution> {
    const execution = await this.run(tenantId, input);
    if (execution.success) return execution;
    const timedOut = execution.status_code === null && /^timed out/.test(execution.error ?? '');
    throw new ApiError({
      kind: 'unavailable',
      status: timedOut ? 504 : 502,
      code: timedOut ? 'SKILL_TIMEOUT' : 'SKILL_FAILED',
      message: `Skill ${execution.skill_name} failed: ${execution.error}. The call is recorded as execution ${execution.execution_id} (list_skill_executions).`,
      details: { ...execution },
    });
  }

  /** Runs the skill and records the outcome, success or not (the dashboard's test panel shows either). */
  async run(tenantId: string, input: ExecuteSkillInput): Promise<SkillExecution> {
    const builtin = builtinById(input.skill_id);
    const row = builtin ? null : await this.skills.getRow(tenantId, input.skill_id);
    const skill: Skill | SkillsTable = builtin ?? (row as SkillsTable);
    if (builtin?.tier === 'platform') {
      throw badRequest(
        `${builtin.name} is a platform skill of the ${builtin.bundle} bundle: it runs on the glasses through the bundle's provider and cannot be executed through the API. Execute one of your tenant skills instead.`,
        { field: 'skill_id' },
      );
    }
    if (!skill.is_active) {
      throw conflict(`Skill ${skill.name} is inactive; enable it first (update_skill with is_active: true).`, { field: 'skill_id' });
    }
    assertArguments(skill.name, skill.parameters_schema, input.arguments);
    const context = await this.resolveContext(tenantId, input.session_context);
    if (skill.available_to_roles !== 'all' && context.role && context.role !== skill.available_to_roles) {
      throw badRequest(`Skill ${skill.name} is available only to ${skill.available_to_roles} seats; this context is a ${context.role} seat.`, { field: 'session_context.role' });
    }
    const executionId = crypto.randomUUID();
    const outcome = row ? await this.callEndpoint(row, executionId, input.arguments, context) : await this.runSystemSkill(tenantId, skill.name, input.arguments, context);
    return this.record(tenantId, { id: executionId, skill_id: skill.id, skill_name: skill.name, trigger: input.trigger, context, args: input.arguments, outcome, tenantSkill: row !== null });
  }

  async listExecutions(tenantId: string, input: ListExecutionsInput) {
    let q = this.deps.db.selectFrom('skill_executions').where('tenant_id', '=', tenantId);
    if (input.skill_id) q = q.where('skill_id', '=', input.skill_id);
    if (input.success !== undefined) q = q.where('success', '=', input.success);
    const counted = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('executed_at', 'desc').orderBy('id', 'desc').limit(input.limit).offset(input.offset).execute();
    return { executions: rows.map(presentExecution), total: Number(counted.n), limit: input.limit, offset: input.offset };
  }

  /** The caller's context when it names anyone; otherwise the tenant's first active assigned seat. */
  private async resolveContext(tenantId: string, given: SessionContextInput | null | undefined): Promise<SessionContext> {
    if (given?.customer_id && given.customer_id !== tenantId) {
      throw badRequest('session_context.customer_id must be your tenant id (get_account shows it), or left out.', { field: 'session_context.customer_id' });
    }
    const named = given && [given.seat_id, given.user_id, given.role, given.session_id].some((v) => v !== undefined && v !== null);
    if (given && named) {
      if (given.user_id) {
        if (!UUID_PATTERN.test(given.user_id)) throw badRequest('session_context.user_id must be a user id (UUID); list_users shows them.', { field: 'session_context.user_id' });
        const user = await this.deps.db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('id', '=', given.user_id).executeTakeFirst();
        if (!user) throw badRequest(`session_context.user_id ${given.user_id} is not a user of this tenant (list_users shows them).`, { field: 'session_context.user_id' });
      }
      return { customer_id: tenantId, seat_id: given.seat_id ?? null, user_id: given.user_id ?? null, role: given.role ?? null, session_id: given.session_id ?? null };
    }
    const seat = await this.ports.seats.firstActiveSeat(tenantId);
    if (!seat) {
      throw badRequest(
        `No active seat with an assigned user in this tenant, so there is no session context to send. Assign a user to a seat and pair its glasses at ${this.deps.publicUrl()}/dashboard/seats (generate_pairing_code), or pass session_context {customer_id, seat_id, user_id, role}.`,
        { field: 'session_context' },
        'NO_ACTIVE_SEAT',
      );
    }
    return { customer_id: tenantId, seat_id: seat.seat_id, user_id: seat.user_id, role: seat.role, session_id: null };
  }

  private callEndpoint(row: SkillsTable, executionId: string, args: Record<string, unknown>, context: SessionContext): Promise<SkillCallResult> {
    const headers: Record<string, string> = { 'X-TrainAR-Skill': row.name, 'X-TrainAR-Execution-Id': executionId };
    if (row.auth_header_name && row.auth_header_value) headers[row.auth_header_name] = row.auth_header_value;
    const payload = row.http_method === 'GET' ? { ...args, session_context: context } : { skill_name: row.name, execution_id: executionId, arguments: args, session_context: context };
    return callSkillEndpoint(this.urlPolicy, { url: row.webhook_url, method: row.http_method, headers, payload, timeoutMs: row.timeout_ms });
  }

  private async runSystemSkill(tenantId: string, name: string, args: Record<string, unknown>, context: SessionContext): Promise<SkillCallResult> {
    const started = performance.now();
    if (!isSystemSkillName(name)) throw new Error(`not a system skill: ${name}`);
    const out = await this.ports.systemSkills.run(tenantId, name, args, context);
    return { statusCode: null, latencyMs: Math.round(performance.now() - started), response: out.response, responseHeaders: {}, error: out.ok ? null : out.error, timedOut: false };
  }

  private async record(
    tenantId: string,
    r: { id: string; skill_id: string; skill_name: string; trigger: SkillExecution['trigger']; context: SessionContext; args: Record<string, unknown>; outcome: SkillCallResult; tenantSkill: boolean },
  ): Promise<SkillExecution> {
    const now = this.deps.clock.now();
    const row: SkillExecutionsTable = {
      id: r.id,
      tenant_id: tenantId,
      skill_id: r.skill_id,
      skill_name: r.skill_name,
      trigger: r.trigger,
      session_context: r.context,
      arguments: r.args,
      success: r.outcome.error === null,
      status_code: r.outcome.statusCode,
      latency_ms: r.outcome.latencyMs,
      response: r.outcome.response,
      response_headers: r.outcome.responseHeaders,
      error: r.outcome.error,
      executed_at: now,
    };
    const execution = presentExecution(row);
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('skill_executions')
        .values({ ...row, session_context: json(row.session_context), arguments: json(row.arguments), response: json(row.response), response_headers: json(row.response_headers) } as never)
        .execute();
      if (r.tenantSkill) await trx.updateTable('skills').set({ last_executed_at: now }).where('tenant_id', '=', tenantId).where('id', '=', r.skill_id).execute();
      await emitTrainArEvent(trx, this.deps.clock, tenantId, 'skill.executed', execution);
    });
    return execution;
  }
}
