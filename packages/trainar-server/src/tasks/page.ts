/**
 * @module Dashboard → Tasks (every signed-in user): tabs by status (All hides archived), a create
 * form (source manual), per-row assignment and status actions (Start, Complete, Cancel, Reopen,
 * Archive) and delete. Every change goes through TaskService, so it fires the same webhook events
 * as the API.
 */
import {
  type AppEnv,
  actionForm,
  badRequest,
  button,
  csrfField,
  dataTable,
  type EnumBadges,
  type EnumLabels,
  emptyState,
  field,
  fieldErrors,
  html,
  redirectTo,
  requestLocale,
  selectField,
  statusBadge,
  textareaField,
} from '@platform/kit';
import { ops, TASK_PRIORITIES, type Task, TaskStatus, type User } from '@trainar/api';
import type { Context, Hono } from 'hono';
import { type PageDeps, readForm, type SessionUser, signedIn, withFormErrors } from '../platform/session';
import { formatDate, formField, noticeFrom, page } from '../platform/view';
import type { TasksServices } from './context';

const STATUS_BADGES: EnumBadges<TaskStatus> = {
  open: { label: 'Open', tone: 'info' },
  in_progress: { label: 'In progress', tone: 'warning' },
  completed: { label: 'Completed', tone: 'success' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  archived: { label: 'Archived', tone: 'neutral' },
};

const PRIORITY_LABELS: EnumLabels<Task['priority']> = { low: 'Low', medium: 'Medium', high: 'High', urgent: 'Urgent' };
const SOURCE_LABELS: EnumLabels<Task['source']> = { api: 'API', manual: 'Manual', integration: 'Integration' };

/** The tabs, in the product's order [S: managing-tasks]; Cancelled added so cancelled tasks can be found. */
const TABS: Array<{ key: 'all' | TaskStatus; label: string }> = [
  { key: 'all', label: 'All' },
  { key: 'open', label: 'Open' },
  { key: 'in_progress', label: 'In progress' },
  { key: 'completed', label: 'Completed' },
  { key: 'cancelled', label: 'Cancelled' },
  { key: 'archived', label: 'Archived' },
];

/** Row actions by current status: what a person would do next. */
const ACTIONS: Record<TaskStatus, Array<{ to: TaskStatus; label: string }>> = {
  open: [
    { to: 'in_progress', label: 'Start' },
    { to: 'completed', label: 'Complete' },
    { to: 'cancelled', label: 'Cancel' },
  ],
  in_progress: [
    { to: 'completed', label: 'Complete' },
    { to: 'cancelled', label: 'Cancel' },
  ],
  completed: [
    { to: 'open', label: 'Reopen' },
    { to: 'archived', label: 'Archive' },
  ],
  cancelled: [
    { to: 'open', label: 'Reopen' },
    { to: 'archived', label: 'Archive' },
  ],
  archived: [{ to: 'open', label: 'Reopen' }],
};

const TASK_NOTICES: Record<string, string> = {
  'task-created': 'Task created.',
  'task-updated': 'Task updated.',
  'task-assigned': 'Assignment saved.',
  'task-deleted': 'Task deleted.',
};

const isTab = (v: string | undefined): v is (typeof TABS)[number]['key'] => TABS.some((t) => t.key === v);

function taskColumns(c: Context, me: SessionUser, users: User[], tab: string) {
  const locale = requestLocale(c);
  const assignable = users.filter((u) => u.is_active);
  return [
    {
      label: 'Task',
      cell: (t: Task) => html`<strong>${t.title}</strong>${t.description ? html`<br /><small>${t.description}</small>` : ''}`,
    },
    { label: 'Status', cell: (t: Task) => statusBadge(STATUS_BADGES, t.status) },
    { label: 'Priority', cell: (t: Task) => PRIORITY_LABELS[t.priority] },
    {
      label: 'Assigned to',
      cell: (t: Task) => html`<form method="post" action="/dashboard/tasks/${t.id}/assign?tab=${tab}" class="row-edit">
        ${csrfField(c)}
        <select name="assigned_to" aria-label="Assignee of ${t.title}">
          <option value="">Unassigned</option>
          ${assignable.map((u) => html`<option value="${u.id}"${u.id === t.assigned_to?.user_id ? html` selected` : ''}>${u.full_name}</option>`)}
        </select>
        ${button('Assign', { variant: 'secondary' })}
      </form>`,
    },
    { label: 'Due', cell: (t: Task) => (t.due_date ? formatDate(t.due_date, me.timezone, locale) : null), empty: 'No due date' },
    { label: 'Source', cell: (t: Task) => (t.provider ? `${SOURCE_LABELS[t.source]} (${t.provider})` : SOURCE_LABELS[t.source]) },
    {
      label: 'Actions',
      cell: (t: Task) =>
        html`${ACTIONS[t.status].map((a) =>
          actionForm(c, { action: `/dashboard/tasks/${t.id}/status?tab=${tab}`, label: a.label, variant: 'secondary', hidden: { status: a.to } }),
        )}${actionForm(c, { action: `/dashboard/tasks/${t.id}/delete?tab=${tab}`, label: 'Delete', variant: 'danger', confirm: `Delete the task "${t.title}" permanently? Archive it instead to keep it.` })}`,
    },
  ];
}

interface RenderOptions {
  error?: string;
  status?: number;
  values?: Record<string, string>;
  fieldErrors?: Record<string, string>;
}

async function render(c: Context, deps: PageDeps<TasksServices>, me: SessionUser, options: RenderOptions = {}) {
  const requested = c.req.query('tab');
  const tab = isTab(requested) ? requested : 'all';
  const [{ tasks, total }, { users }] = await Promise.all([
    deps.services.tasks.list(me.tenantId, { status: tab === 'all' ? undefined : tab, limit: 200, offset: 0 }),
    deps.services.users.list(me.tenantId, { limit: 1000, offset: 0 }),
  ]);
  const v = options.values ?? {};
  const errors = options.fieldErrors ?? {};
  const current = TABS.find((t) => t.key === tab)?.label ?? 'All';
  return page(c, {
    title: 'Tasks',
    user: me,
    notice: TASK_NOTICES[c.req.query('notice') ?? ''] ?? noticeFrom(c),
    error: options.error,
    status: options.status,
    body: html`<h1>Tasks</h1>
      <p>Jobs and service calls that give the AI on the glasses its context. Tasks come from this page, the API and integrations.</p>
      <nav aria-label="Task status" class="actions">
        ${TABS.map((t) => html`<a href="/dashboard/tasks?tab=${t.key}"${t.key === tab ? html` aria-current="page"` : ''}>${t.label}</a>`)}
      </nav>
      <h2>${current}: ${total} task${total === 1 ? '' : 's'}${total > tasks.length ? html` <small>(newest ${tasks.length} shown)</small>` : ''}</h2>
      ${dataTable({
        columns: taskColumns(c, me, users, tab),
        rows: tasks,
        rowAttrs: (t) => ({ 'data-task-id': t.id, 'data-status': t.status }),
        empty: emptyState(tab === 'all' ? 'No tasks yet' : `No ${current.toLowerCase()} tasks`, tab === 'all' ? 'Create the first one below, or send one through the API.' : undefined),
      })}
      <article>
        <h2>New task</h2>
        <form method="post" action="/dashboard/tasks/create">
          ${csrfField(c)}
          ${field({ name: 'title', label: 'Title', required: true, value: v.title, attrs: { maxlength: 500 }, error: errors.title })}
          ${textareaField({ name: 'description', label: 'Description', value: v.description, rows: 3, error: errors.description })}
          ${selectField({ name: 'priority', label: 'Priority', options: TASK_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] })), value: v.priority ?? 'medium' })}
          ${selectField({
            name: 'assigned_to',
            label: 'Assign to',
            options: [{ value: '', label: 'Unassigned' }, ...users.filter((u) => u.is_active).map((u) => ({ value: u.id, label: `${u.full_name} (${u.email})` }))],
            value: v.assigned_to ?? '',
            error: errors.assigned_to,
          })}
          ${field({ name: 'due_date', label: 'Due date', type: 'date', value: v.due_date, error: errors.due_date })}
          ${button('Create task', { pending: 'Creating…' })}
        </form>
      </article>`,
  });
}

const isId = (id: string) => /^[0-9a-f-]{36}$/i.test(id);

export function mountTasksPage(app: Hono<AppEnv>, deps: PageDeps<TasksServices>): void {
  const { tasks } = deps.services;
  const actor = (me: SessionUser) => ({ kind: 'user' as const, userId: me.userId });
  const back = (c: Context, notice: string) => {
    const tab = c.req.query('tab');
    return redirectTo(c, `/dashboard/tasks?${isTab(tab) && tab !== 'all' ? `tab=${tab}&` : ''}notice=${notice}`);
  };

  app.get(
    '/dashboard/tasks',
    signedIn(deps, (c, me) => render(c, deps, me)),
  );

  app.post(
    '/dashboard/tasks/create',
    signedIn(deps, async (c, me) => {
      let values: Record<string, string> = {};
      return withFormErrors(
        c,
        me,
        async () => {
          const form = await readForm(c);
          values = Object.fromEntries(['title', 'description', 'priority', 'assigned_to', 'due_date'].map((k) => [k, formField(form, k).trim()]));
          // The API's own schema, so the form and create_task accept the same input.
          const parsed = ops.createTask.input.safeParse({ ...values, priority: values.priority || undefined });
          if (!parsed.success) {
            const errors = fieldErrors(parsed.error);
            return render(c, deps, me, { error: `Check ${Object.keys(errors).join(', ').replace('_', ' ')}.`, status: 400, values, fieldErrors: errors });
          }
          await tasks.create(me.tenantId, actor(me), { ...parsed.data, source: 'manual' });
          return back(c, 'task-created');
        },
        (error, status) => render(c, deps, me, { error, status, values }),
      );
    }),
  );

  const rowAction = (path: string, notice: string, run: (me: SessionUser, taskId: string, form: Record<string, unknown>) => Promise<unknown>) =>
    app.post(
      `/dashboard/tasks/:id/${path}`,
      signedIn(deps, async (c, me) =>
        withFormErrors(
          c,
          me,
          async () => {
            const form = await readForm(c);
            const id = c.req.param('id') ?? '';
            if (!isId(id)) return render(c, deps, me, { error: 'No such task.', status: 404 });
            await run(me, id, form);
            return back(c, notice);
          },
          (error, status) => render(c, deps, me, { error, status }),
        ),
      ),
    );

  rowAction('status', 'task-updated', (me, id, form) => {
    const status = TaskStatus.safeParse(formField(form, 'status'));
    if (!status.success) throw badRequest('Pick one of the status buttons.', { field: 'status' });
    return tasks.update(me.tenantId, actor(me), id, { status: status.data });
  });
  rowAction('assign', 'task-assigned', (me, id, form) => tasks.update(me.tenantId, actor(me), id, { assigned_to: formField(form, 'assigned_to') || null }));
  rowAction('delete', 'task-deleted', (me, id) => tasks.delete(me.tenantId, actor(me), id));
}
