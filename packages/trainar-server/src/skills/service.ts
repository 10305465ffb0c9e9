/**
 * @module Skills of a tenant: the built-in catalogue plus the tenant's own, and their CRUD. Every
 * query filters by the caller's tenant id; built-in skills are read-only (403) and system skills
 * are listed only on request. Executing lives in `execution.ts`.
 */
import { assertOutboundUrl, badRequest, conflict, forbidden, notFound, UnsafeUrlError, type UrlPolicy } from '@platform/kit';
import { DEFAULT_SKILL_TIMEOUT_MS, type Skill } from '@trainar/api';
import { sql } from 'kysely';
import { isUniqueViolation, type TrainArExecutor } from '../platform/db';
import type { Actor, ServiceDeps } from '../platform/deps';
import { BUILTIN_SKILLS, builtinById, RESERVED_SKILL_NAMES } from './catalogue';
import { assertParametersSchema } from './json-schema';
import { presentSkill } from './present';
import type { SkillsTable } from './tables';

/** Authored fields; `undefined` leaves a field as it is on update. */
export interface SkillInput {
  display_name?: string;
  name?: string;
  description?: string;
  webhook_url?: string;
  http_method?: 'POST' | 'GET';
  parameters_schema?: Record<string, unknown>;
  auth_header?: { name: string; value: string } | null;
  timeout_ms?: number;
  execution_mode?: 'direct' | 'background';
  /** "" (or null) clears. */
  ai_instructions?: string | null;
  response_target?: 'context' | 'display';
  display_hint?: 'fullscreen' | 'hud' | null;
  response_scheduling?: 'INTERRUPT' | 'WHEN_IDLE' | null;
  capture_frame_on_execute?: boolean;
  available_to_roles?: 'all' | 'trainer' | 'trainee';
  is_active?: boolean;
  /** "" (or null) unfiles. */
  folder?: string | null;
}

export interface ListSkillsInput {
  include_platform: boolean;
  include_system: boolean;
  folder?: string;
  is_active?: boolean;
  limit: number;
  offset: number;
}

export const EMPTY_PARAMETERS: Record<string, unknown> = { type: 'object', properties: {} };

/** "Check Stock (v2)!" → check_stock_v2: the snake_case name the AI calls (spec 2.7). */
export function deriveSkillName(displayName: string): string {
  const base = displayName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60)
    .replace(/_+$/, '');
  if (!base) return 'skill';
  return /^[a-z]/.test(base) ? base : `skill_${base}`.slice(0, 60);
}

const skillNotFound = (id: string) => notFound(`No skill ${id} in this tenant; list_skills shows the skills you can use.`, { field: 'skill_id' });
const nameTaken = (name: string) => conflict(`A skill named ${name} already exists in this tenant; choose another name.`, { field: 'name' });

export class SkillService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly urlPolicy: UrlPolicy,
  ) {}

  async list(tenantId: string, input: ListSkillsInput) {
    const builtins = input.folder ? [] : BUILTIN_SKILLS.filter((s) => (s.tier === 'system' ? input.include_system : input.include_platform) && (input.is_active === undefined || input.is_active));
    let q = this.deps.db.selectFrom('skills').where('tenant_id', '=', tenantId);
    if (input.folder) q = q.where('folder', '=', input.folder);
    if (input.is_active !== undefined) q = q.where('is_active', '=', input.is_active);
    const counted = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const builtinPage = builtins.slice(input.offset, input.offset + input.limit);
    const room = input.limit - builtinPage.length;
    const rows =
      room > 0
        ? await q
            .selectAll()
            .orderBy('created_at')
            .orderBy('id')
            .limit(room)
            .offset(Math.max(0, input.offset - builtins.length))
            .execute()
        : [];
    return { skills: [...builtinPage, ...rows.map(presentSkill)], total: builtins.length + Number(counted.n), limit: input.limit, offset: input.offset };
  }

  async getRow(tenantId: string, skillId: string, db: TrainArExecutor = this.deps.db): Promise<SkillsTable> {
    const row = await db.selectFrom('skills').selectAll().where('tenant_id', '=', tenantId).where('id', '=', skillId).executeTakeFirst();
    if (!row) throw skillNotFound(skillId);
    return row;
  }

  /** A built-in skill or one of the tenant's. */
  async get(tenantId: string, skillId: string): Promise<Skill> {
    return builtinById(skillId) ?? presentSkill(await this.getRow(tenantId, skillId));
  }

  async create(tenantId: string, actor: Actor, input: SkillInput & { display_name: string; description: string; webhook_url: string }): Promise<Skill> {
    const explicit = input.name !== undefined;
    const wanted = input.name ?? deriveSkillName(input.display_name);
    const fields = await this.checked({ ...input, name: wanted, response_target: input.response_target ?? 'context' });
    const now = this.deps.clock.now();
    const id = crypto.randomUUID();
    const values: SkillsTable = {
      id,
      tenant_id: tenantId,
      name: wanted,
      display_name: input.display_name,
      description: input.description,
      parameters_schema: input.parameters_schema ?? EMPTY_PARAMETERS,
      webhook_url: input.webhook_url,
      http_method: input.http_method ?? 'POST',
      auth_header_name: input.auth_header?.name ?? null,
      auth_header_value: input.auth_header?.value ?? null,
      timeout_ms: input.timeout_ms ?? DEFAULT_SKILL_TIMEOUT_MS,
      execution_mode: input.execution_mode ?? 'direct',
      ai_instructions: input.ai_instructions || null,
      response_target: fields.response_target ?? 'context',
      display_hint: fields.display_hint ?? null,
      response_scheduling: input.response_scheduling ?? null,
      capture_frame_on_execute: input.capture_frame_on_execute ?? false,
      available_to_roles: input.available_to_roles ?? 'all',
      is_active: input.is_active ?? true,
      folder: input.folder || null,
      created_by_user_id: actor.kind === 'user' ? actor.userId : null,
      created_at: now,
      updated_at: now,
      last_executed_at: null,
    };
    // A derived name that is taken gets a numeric suffix; a name the caller chose is theirs to change.
    for (let attempt = 1; ; attempt++) {
      const name = attempt === 1 || explicit ? wanted : `${wanted.slice(0, 60)}_${attempt}`;
      try {
        await this.deps.db
          .insertInto('skills')
          .values(this.forInsert({ ...values, name }))
          .execute();
        return presentSkill({ ...values, name });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        if (explicit || attempt >= 50) throw nameTaken(name);
      }
    }
  }

  async update(tenantId: string, skillId: string, input: SkillInput): Promise<Skill> {
    this.refuseBuiltin(skillId, 'changed');
    const row = await this.getRow(tenantId, skillId);
    if (input.name !== undefined && input.name !== row.name && row.last_executed_at !== null) {
      throw conflict(`The name ${row.name} is fixed: the skill has already been executed and devices call it by that name. Change display_name instead, or create a new skill.`, {
        field: 'name',
      });
    }
    const fields = await this.checked({
      ...input,
      response_target: input.response_target ?? row.response_target,
      display_hint: input.display_hint === undefined && input.response_target === undefined ? row.display_hint : input.display_hint,
    });
    const patch: Partial<SkillsTable> = { updated_at: this.deps.clock.now() };
    const copy = [
      'display_name',
      'name',
      'description',
      'webhook_url',
      'http_method',
      'timeout_ms',
      'execution_mode',
      'ai_instructions',
      'response_scheduling',
      'capture_frame_on_execute',
      'available_to_roles',
      'is_active',
      'folder',
    ] as const;
    for (const key of copy) if (input[key] !== undefined) (patch as Record<string, unknown>)[key] = input[key] === '' ? null : input[key];
    if (input.parameters_schema !== undefined) patch.parameters_schema = input.parameters_schema;
    patch.response_target = fields.response_target;
    patch.display_hint = fields.display_hint ?? null;
    if (input.auth_header !== undefined) {
      patch.auth_header_name = input.auth_header?.name ?? null;
      patch.auth_header_value = input.auth_header?.value ?? null;
    }
    try {
      await this.deps.db.updateTable('skills').set(this.forInsert(patch)).where('tenant_id', '=', tenantId).where('id', '=', skillId).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(input.name ?? row.name);
      throw err;
    }
    return presentSkill(await this.getRow(tenantId, skillId));
  }

  async delete(tenantId: string, skillId: string): Promise<{ id: string; deleted: true }> {
    this.refuseBuiltin(skillId, 'removed');
    const gone = await this.deps.db.deleteFrom('skills').where('tenant_id', '=', tenantId).where('id', '=', skillId).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw skillNotFound(skillId);
    return { id: skillId, deleted: true };
  }

  /** Folder names in use, for the dashboard's move-to-folder choice. */
  async folders(tenantId: string): Promise<string[]> {
    const rows = await this.deps.db.selectFrom('skills').select('folder').distinct().where('tenant_id', '=', tenantId).where('folder', 'is not', null).orderBy('folder').execute();
    return rows.map((r) => r.folder as string);
  }

  private refuseBuiltin(skillId: string, verb: string): void {
    const builtin = builtinById(skillId);
    if (builtin) {
      throw forbidden(`${builtin.name} is a ${builtin.tier} skill: it is read-only and cannot be ${verb}. Create a tenant skill (create_skill) to customise behaviour.`, { field: 'skill_id' });
    }
  }

  /** Rules across fields, the URL policy and the schema; returns the response target and hint to store. */
  private async checked(input: SkillInput) {
    if (input.name !== undefined && RESERVED_SKILL_NAMES.has(input.name)) {
      throw conflict(`${input.name} is the name of a built-in skill; choose another name.`, { field: 'name' });
    }
    if (input.webhook_url !== undefined) {
      try {
        await assertOutboundUrl(input.webhook_url, this.urlPolicy);
      } catch (err) {
        if (!(err instanceof UnsafeUrlError)) throw err;
        const hint = err.reason === 'private_address' ? ' Private and loopback addresses are allowed only when the server runs with ALLOW_PRIVATE_WEBHOOK_URLS=1 (or in dev mode, loopback).' : '';
        throw badRequest(`webhook_url: ${err.message}${hint}`, { field: 'webhook_url' });
      }
    }
    if (input.parameters_schema !== undefined) assertParametersSchema(input.parameters_schema);
    const target = input.response_target;
    let hint = input.display_hint;
    if (target === 'context' && hint) throw badRequest('display_hint applies only when response_target is display; send null or leave it out.', { field: 'display_hint' });
    if (target === 'display' && !hint) hint = 'fullscreen';
    return { response_target: target, display_hint: target === 'context' ? null : hint };
  }

  /** jsonb columns go in as JSON text (node-postgres and PGlite both accept that). */
  private forInsert<T extends Partial<SkillsTable>>(values: T): T {
    if (values.parameters_schema === undefined) return values;
    return { ...values, parameters_schema: sql`${JSON.stringify(values.parameters_schema)}::jsonb` as unknown as Record<string, unknown> };
  }
}
