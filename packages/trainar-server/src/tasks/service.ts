/**
 * @module Tasks of a tenant: list, get, create, update (fields and status), delete, plus the calls
 * other modules make through their ports (setStatus, linkSession). Every query filters by the
 * caller's tenant id, so another tenant's task is "not found". Events (task.created,
 * task.status_changed, task.completed) are written in the transaction that made the change.
 */
import { badRequest, conflict, notFound } from '@platform/kit';
import type { Task, TaskPriority, TaskSource, TaskStatus } from '@trainar/api';
import { sql } from 'kysely';
import { isUniqueViolation, type TasksTable, type TrainArExecutor } from '../platform/db';
import type { Actor, ServiceDeps } from '../platform/deps';
import { emitTrainArEvent } from '../webhooks';
import { presentTask, type TaskRow, taskEventData } from './present';

/** "" means none (the n8n node's empty fields); undefined means "not sent". */
type Optional<T> = T | '' | null | undefined;

export interface TaskFields {
  description?: Optional<string>;
  priority?: TaskPriority;
  due_date?: Optional<string>;
  assigned_to?: Optional<string>;
  external_id?: Optional<string>;
}

export interface CreateTaskInput extends TaskFields {
  title: string;
  /** api for REST/MCP, manual for the dashboard, integration (with its provider) for imports. */
  source: TaskSource;
  provider?: string | null;
}

export interface TaskPatch extends TaskFields {
  title?: string;
  status?: TaskStatus;
}

export interface ListTasksInput {
  status?: TaskStatus;
  source?: TaskSource;
  assigned_to?: string;
  priority?: TaskPriority;
  external_id?: string;
  limit: number;
  offset: number;
}

/** Extra effects of a status change made by another module (sessions), optionally in its transaction. */
export interface SetStatusExtra {
  /** Records the session the change came from on the task (`session_id`). */
  session_id?: string;
  /** The caller's open transaction, so the change and its events commit with the caller's own. */
  executor?: TrainArExecutor;
}

const none = <T>(v: Optional<T>): T | null | undefined => (v === '' ? null : v);

export class TaskService {
  constructor(private readonly deps: ServiceDeps) {}

  private base(db: TrainArExecutor, tenantId: string) {
    return db.selectFrom('tasks').leftJoin('users as assignee', 'assignee.id', 'tasks.assigned_to_user_id').selectAll('tasks').select('assignee.full_name as assignee_name').where('tasks.tenant_id', '=', tenantId);
  }

  /** Newest first; archived tasks only when asked for by status. One query plus a count for a page past the end. */
  async list(tenantId: string, input: ListTasksInput) {
    let q = this.base(this.deps.db, tenantId);
    q = input.status ? q.where('tasks.status', '=', input.status) : q.where('tasks.status', '!=', 'archived');
    if (input.source) q = q.where('tasks.source', '=', input.source);
    if (input.assigned_to) q = q.where('tasks.assigned_to_user_id', '=', input.assigned_to);
    if (input.priority) q = q.where('tasks.priority', '=', input.priority);
    if (input.external_id) q = q.where('tasks.external_id', '=', input.external_id);
    const rows = await q.select(sql<string>`count(*) over()`.as('total_count')).orderBy('tasks.created_at', 'desc').orderBy('tasks.id', 'desc').limit(input.limit).offset(input.offset).execute();
    let total = rows.length > 0 ? Number(rows[0].total_count) : 0;
    if (rows.length === 0 && input.offset > 0) {
      const counted = await q
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      total = Number(counted.n);
    }
    return { tasks: rows.map(({ total_count: _, ...row }) => presentTask(row)), total, limit: input.limit, offset: input.offset };
  }

  private async row(db: TrainArExecutor, tenantId: string, taskId: string, lock = false): Promise<TaskRow> {
    let q = this.base(db, tenantId).where('tasks.id', '=', taskId);
    if (lock) q = q.forUpdate('tasks');
    const row = await q.executeTakeFirst();
    if (!row) throw notFound(`No task ${taskId} in this tenant; list tasks with list_tasks (GET /v1/api-tenant-tasks).`, { field: 'task_id' });
    return row;
  }

  async get(tenantId: string, taskId: string, db: TrainArExecutor = this.deps.db): Promise<Task> {
    return presentTask(await this.row(db, tenantId, taskId));
  }

  async create(tenantId: string, actor: Actor, input: CreateTaskInput): Promise<Task> {
    const now = this.deps.clock.now();
    const id = crypto.randomUUID();
    const assignee = none(input.assigned_to) ?? null;
    const externalId = none(input.external_id) ?? null;
    try {
      return await this.deps.db.transaction().execute(async (trx) => {
        if (assignee) await this.assertAssignable(trx, tenantId, assignee);
        await this.assertExternalIdFree(trx, tenantId, input.source, externalId);
        await trx
          .insertInto('tasks')
          .values({
            id,
            tenant_id: tenantId,
            title: input.title,
            description: none(input.description) ?? null,
            status: 'open',
            priority: input.priority ?? 'medium',
            source: input.source,
            provider: input.provider ?? null,
            external_id: externalId,
            assigned_to_user_id: assignee,
            created_by_user_id: actor.kind === 'user' ? actor.userId : null,
            created_by_key_id: actor.kind === 'key' ? actor.keyId : null,
            due_date: dueDate(input.due_date) ?? null,
            created_at: now,
            updated_at: now,
            completed_at: null,
            session_id: null,
          })
          .execute();
        const task = await this.get(tenantId, id, trx);
        await emitTrainArEvent(trx, this.deps.clock, tenantId, 'task.created', taskEventData(task));
        return task;
      });
    } catch (err) {
      // A concurrent create won the unique index: answer as the pre-check would have.
      if (isUniqueViolation(err)) await this.assertExternalIdFree(this.deps.db, tenantId, input.source, externalId);
      throw err;
    }
  }

  async update(tenantId: string, _actor: Actor, taskId: string, patch: TaskPatch): Promise<Task> {
    if (Object.values(patch).every((v) => v === undefined)) {
      throw badRequest('Invalid input: send at least one of status, title, description, priority, due_date, assigned_to, external_id.', { field: '(body)' });
    }
    return this.inTransaction(undefined, (trx) => this.apply(trx, tenantId, taskId, patch));
  }

  /** For other modules (sessions): moves a task to `status`, firing the same events as an update. */
  async setStatus(tenantId: string, _actor: Actor, taskId: string, status: TaskStatus, extra: SetStatusExtra = {}): Promise<Task> {
    return this.inTransaction(extra.executor, (trx) => this.apply(trx, tenantId, taskId, { status }, extra.session_id));
  }

  /** For other modules (sessions): records the session last run against a task, without changing its status. */
  async linkSession(tenantId: string, taskId: string, sessionId: string, executor?: TrainArExecutor): Promise<Task> {
    return this.inTransaction(executor, async (trx) => {
      await this.row(trx, tenantId, taskId, true);
      const now = this.deps.clock.now();
      await trx.updateTable('tasks').set({ session_id: sessionId, updated_at: now }).where('id', '=', taskId).where('tenant_id', '=', tenantId).execute();
      return this.get(tenantId, taskId, trx);
    });
  }

  async delete(tenantId: string, _actor: Actor, taskId: string): Promise<{ id: string; deleted: true }> {
    const res = await this.deps.db.deleteFrom('tasks').where('id', '=', taskId).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw notFound(`No task ${taskId} in this tenant; list tasks with list_tasks (GET /v1/api-tenant-tasks).`, { field: 'task_id' });
    return { id: taskId, deleted: true };
  }

  private inTransaction<T>(executor: TrainArExecutor | undefined, run: (trx: TrainArExecutor) => Promise<T>): Promise<T> {
    return executor ? run(executor) : this.deps.db.transaction().execute(run);
  }

  private async apply(trx: TrainArExecutor, tenantId: string, taskId: string, patch: TaskPatch, sessionId?: string): Promise<Task> {
    const before = await this.row(trx, tenantId, taskId, true);
    const now = this.deps.clock.now();
    const values: Partial<TasksTable> = { updated_at: now };
    if (patch.title !== undefined) values.title = patch.title;
    if (patch.priority !== undefined) values.priority = patch.priority;
    if (patch.description !== undefined) values.description = none(patch.description) ?? null;
    if (patch.due_date !== undefined) values.due_date = dueDate(patch.due_date) ?? null;
    if (patch.assigned_to !== undefined) {
      const assignee = none(patch.assigned_to) ?? null;
      if (assignee && assignee !== before.assigned_to_user_id) await this.assertAssignable(trx, tenantId, assignee);
      values.assigned_to_user_id = assignee;
    }
    if (patch.external_id !== undefined) values.external_id = none(patch.external_id) ?? null;
    if (sessionId) values.session_id = sessionId;
    const changed = patch.status !== undefined && patch.status !== before.status;
    if (changed && patch.status) {
      values.status = patch.status;
      // Completing stamps completed_at; archiving keeps it; any other move (reopening) clears it.
      values.completed_at = patch.status === 'completed' ? now : patch.status === 'archived' ? before.completed_at : null;
    }
    if (values.external_id) await this.assertExternalIdFree(trx, tenantId, before.source, values.external_id, taskId);
    try {
      await trx.updateTable('tasks').set(values).where('id', '=', taskId).where('tenant_id', '=', tenantId).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw externalIdTaken(before.source, values.external_id ?? '', null);
      throw err;
    }
    const task = await this.get(tenantId, taskId, trx);
    if (changed) {
      const data = { ...taskEventData(task), previous_status: before.status, new_status: task.status, changed_at: task.updated_at };
      await emitTrainArEvent(trx, this.deps.clock, tenantId, 'task.status_changed', data);
      if (task.status === 'completed') await emitTrainArEvent(trx, this.deps.clock, tenantId, 'task.completed', taskEventData(task));
    }
    return task;
  }

  /** The assignee must be a user of this tenant who is not deactivated. */
  private async assertAssignable(db: TrainArExecutor, tenantId: string, userId: string): Promise<void> {
    const user = await db.selectFrom('users').select(['id', 'is_active']).where('id', '=', userId).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!user) throw badRequest(`assigned_to: no user ${userId} in this tenant; pick one from list_users (GET /v1/api-tenant-users).`, { field: 'assigned_to' });
    if (!user.is_active) throw badRequest(`assigned_to: user ${userId} is deactivated; reactivate them or pick another user.`, { field: 'assigned_to' });
  }

  /** external_id is unique per tenant and source: a second task with it is a 409 naming the first. */
  private async assertExternalIdFree(db: TrainArExecutor, tenantId: string, source: TaskSource, externalId: string | null, selfId?: string): Promise<void> {
    if (!externalId) return;
    let q = db.selectFrom('tasks').select('id').where('tenant_id', '=', tenantId).where('source', '=', source).where('external_id', '=', externalId);
    if (selfId) q = q.where('id', '!=', selfId);
    const other = await q.executeTakeFirst();
    if (other) throw externalIdTaken(source, externalId, other.id);
  }
}

function externalIdTaken(source: TaskSource, externalId: string, otherId: string | null) {
  const next = otherId ? `update it with update_task (PATCH /v1/api-tenant-tasks?task_id=${otherId})` : 'find it with list_tasks filtered by external_id';
  return conflict(`A ${source} task with external_id ${externalId} already exists${otherId ? ` (${otherId})` : ''}; ${next}.`, {
    field: 'external_id',
    ...(otherId ? { task_id: otherId } : {}),
  });
}

function dueDate(value: Optional<string>): Date | null | undefined {
  const v = none(value);
  return v == null ? v : new Date(v);
}
