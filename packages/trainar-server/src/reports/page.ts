/**
 * @module Dashboard → Reports (admins and members; the Minutes tab is for admins, like Billing):
 * Overview, Sessions, Users, Tasks and Minutes for a period (last 7 / 30 / 90 days, 12 months or
 * custom dates). Numbers come from the same services as the report tools; charts are server-rendered
 * SVG with a table fallback (charts.ts). A bad custom window is a field error on the form, not a 500.
 */
import { ApiError, type AppEnv, button, dataTable, type EnumLabels, emptyState, facts, field, type Html, html, requestLocale, selectField } from '@platform/kit';
import { ops, REPORT_PERIODS } from '@trainar/api';
import type { Context, Hono } from 'hono';
import { type SessionUser, signedIn } from '../platform/session';
import { formatDate, formatDuration, page } from '../platform/view';
import type { PageDeps } from '../platform/web-ui';
import { SEAT_ROLE_LABELS } from '../seats';
import { barChart, COLOURS } from './charts';
import type { ReportsServices } from './context';
import type { ReportPeriodInput } from './period';

type Tab = 'overview' | 'sessions' | 'users' | 'tasks' | 'minutes';
const TABS: readonly (readonly [Tab, string])[] = [
  ['overview', 'Overview'],
  ['sessions', 'Sessions'],
  ['users', 'Users'],
  ['tasks', 'Tasks'],
  ['minutes', 'Minutes'],
];

const PERIOD_LABELS: EnumLabels<(typeof REPORT_PERIODS)[number]> = { '7d': 'Last 7 days', '30d': 'Last 30 days', '90d': 'Last 90 days', '12m': 'Last 12 months', custom: 'Custom dates' };
const STATUS_LABELS: EnumLabels<'in_progress' | 'completed' | 'failed'> = { in_progress: 'In progress', completed: 'Completed', failed: 'Failed' };
const TASK_STATUS_LABELS: EnumLabels<'open' | 'in_progress' | 'completed' | 'cancelled' | 'archived'> = { open: 'Open', in_progress: 'In progress', completed: 'Completed', cancelled: 'Cancelled', archived: 'Archived' };
const TASK_SOURCE_LABELS: EnumLabels<'api' | 'manual' | 'integration'> = { api: 'API', manual: 'Manual', integration: 'Integration' };

const num = (n: number | null, unit = '') => (n === null ? 'No data' : `${n.toLocaleString('en-GB', { maximumFractionDigits: 2 })}${unit}`);
const change = (pct: number | null) => (pct === null ? html`<small>no earlier data</small>` : html`<small>${pct >= 0 ? '+' : ''}${pct}% vs previous period</small>`);
const minutesText = (n: number) => `${n.toLocaleString('en-GB', { maximumFractionDigits: 2 })} min`;

interface Query {
  tab: Tab;
  form: { period: string; from: string; to: string };
  input?: ReportPeriodInput;
  errors: Record<string, string>;
}

/** Reads ?tab, ?period, ?from, ?to (dates from the form's date inputs: from = start of day, to = end of day, UTC). */
function readQuery(c: Context, me: SessionUser): Query {
  const wanted = c.req.query('tab') as Tab;
  const tab = TABS.some(([id]) => id === wanted) && (wanted !== 'minutes' || me.role === 'admin') ? wanted : 'overview';
  const form = { period: c.req.query('period') || '30d', from: c.req.query('from') ?? '', to: c.req.query('to') ?? '' };
  const custom = form.period === 'custom';
  const day = (v: string, end: boolean) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T${end ? '23:59:59.999' : '00:00:00'}Z` : v);
  const parsed = ops.getReportsOverview.input.safeParse({ period: form.period, from: custom && form.from ? day(form.from, false) : undefined, to: custom && form.to ? day(form.to, true) : undefined });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'period')] ??= issue.path[0] === 'period' ? 'Choose one of the listed periods.' : 'Enter a date, e.g. 2026-01-31.';
    return { tab, form, errors };
  }
  return { tab, form, input: parsed.data, errors: {} };
}

function periodForm(q: Query) {
  return html`<form method="get" action="/dashboard/reports" class="row-edit" aria-label="Report period">
    <input type="hidden" name="tab" value="${q.tab}" />
    ${selectField({ name: 'period', label: 'Period', value: q.form.period, error: q.errors.period, options: REPORT_PERIODS.map((p) => ({ value: p, label: PERIOD_LABELS[p] })) })}
    ${field({ name: 'from', label: 'From (custom)', type: 'date', value: q.form.from, error: q.errors.from })}
    ${field({ name: 'to', label: 'To (custom)', type: 'date', value: q.form.to, error: q.errors.to })}
    ${button('Show', { variant: 'secondary' })}
  </form>`;
}

function tabs(q: Query, me: SessionUser) {
  const keep = new URLSearchParams({ period: q.form.period, ...(q.form.from ? { from: q.form.from } : {}), ...(q.form.to ? { to: q.form.to } : {}) });
  const visible = TABS.filter(([id]) => id !== 'minutes' || me.role === 'admin');
  return html`<nav aria-label="Reports tabs"><ul>${visible.map(([id, label]) => {
    const href = `/dashboard/reports?tab=${id}&${keep}`;
    return html`<li><a href="${href}"${id === q.tab ? html` aria-current="page"` : ''}>${id === q.tab ? html`<strong>${label}</strong>` : label}</a></li>`;
  })}</ul></nav>`;
}

async function tabBody(c: Context, deps: PageDeps<ReportsServices>, me: SessionUser, tab: Tab, input: ReportPeriodInput): Promise<Html> {
  const { reports } = deps.services;
  const locale = requestLocale(c);
  if (tab === 'overview') {
    const r = await reports.overview(me.tenantId, input);
    return html`${facts([
      ['Total sessions', html`${num(r.total_sessions.value)} ${change(r.total_sessions.change_pct)}`, { 'data-field': 'total-sessions' }],
      ['Average duration', html`${r.average_duration_seconds.value === null ? 'No data' : formatDuration(Math.round(r.average_duration_seconds.value))} ${change(r.average_duration_seconds.change_pct)}`],
      ['Success rate', html`${num(r.success_rate_pct.value, '%')} ${change(r.success_rate_pct.change_pct)}`],
      ['Active users', html`${r.active_users.value} of ${r.active_users.of} ${change(r.active_users.change_pct)}`],
      ['Minutes used', html`${minutesText(r.minutes_used.value ?? 0)} ${change(r.minutes_used.change_pct)}`, { 'data-field': 'minutes-used' }],
    ])}
      <h2>Session trend</h2>
      ${barChart({ id: 'trend', title: 'Sessions started', description: `Sessions started per ${r.trend[0]?.date.length === 7 ? 'month' : 'day'} from ${r.window.from.slice(0, 10)} to ${r.window.to.slice(0, 10)}.`, labels: r.trend.map((p) => p.date.slice(5) || p.date), series: [{ name: 'Sessions', colour: COLOURS.primary, values: r.trend.map((p) => p.sessions) }] })}
      <h2>Top performers</h2>
      ${dataTable({
        columns: [
          { label: 'User', empty: 'Unnamed', cell: (p: (typeof r.top_performers)[number]) => p.name },
          { label: 'Sessions', cell: (p) => String(p.sessions) },
          { label: 'Completed', cell: (p) => String(p.completed) },
          { label: 'Average score', empty: 'No score', cell: (p) => (p.average_score === null ? null : `${p.average_score}%`) },
        ],
        rows: r.top_performers,
        empty: emptyState('No sessions in this period', 'Sessions appear once glasses start training.'),
      })}`;
  }
  if (tab === 'sessions') {
    const r = await reports.sessions(me.tenantId, input);
    return html`${facts([
      ['Sessions', String(r.total), { 'data-field': 'sessions-total' }],
      ['Trainer / trainee', `${r.by_role.trainer} / ${r.by_role.trainee}`],
      ...(Object.keys(STATUS_LABELS) as (keyof typeof STATUS_LABELS)[]).map((s): [string, string] => [STATUS_LABELS[s], String(r.by_status[s])]),
      ['Minutes', minutesText(r.minutes_used)],
    ])}
      <h2>By day of week</h2>
      ${barChart({ id: 'weekday', title: 'Sessions by day of week', description: 'Sessions started on each day of the week (UTC) in the period.', labels: r.by_weekday.map((d) => d.day), series: [{ name: 'Sessions', colour: COLOURS.primary, values: r.by_weekday.map((d) => d.sessions) }] })}
      <h2>By duration</h2>
      ${barChart({ id: 'duration', title: 'Sessions by duration', description: 'Ended sessions in each duration band.', labels: r.duration_buckets.map((b) => b.bucket), series: [{ name: 'Sessions', colour: COLOURS.secondary, values: r.duration_buckets.map((b) => b.sessions) }] })}
      <h2>All sessions</h2>
      ${dataTable({
        columns: [
          { label: 'Session', cell: (s: (typeof r.sessions)[number]) => html`<a href="/dashboard/sessions/${s.id}">${s.name === s.id ? s.id.slice(0, 8) : s.name}</a>` },
          { label: 'User', empty: 'Unassigned seat', cell: (s) => s.user_name },
          { label: 'Role', cell: (s) => SEAT_ROLE_LABELS[s.role] },
          { label: 'Status', cell: (s) => STATUS_LABELS[s.status] },
          { label: 'Duration', cell: (s) => formatDuration(s.duration_seconds) },
          { label: 'Started', cell: (s) => formatDate(s.started_at, me.timezone, locale) },
        ],
        rows: r.sessions,
        empty: emptyState('No sessions in this period'),
      })}`;
  }
  if (tab === 'users') {
    const r = await reports.users(me.tenantId, input);
    return dataTable({
      columns: [
        { label: 'User', empty: 'Unnamed', cell: (u: (typeof r.users)[number]) => u.name ?? u.email },
        { label: 'Trainer sessions', cell: (u) => String(u.trainer_sessions) },
        { label: 'Trainee sessions', cell: (u) => String(u.trainee_sessions) },
        { label: 'Minutes', cell: (u) => minutesText(u.minutes) },
        { label: 'Last active', cell: (u) => formatDate(u.last_active_at, me.timezone, locale) },
      ],
      rows: r.users,
      rowAttrs: (u) => ({ 'data-user-id': u.user_id }),
      empty: emptyState('No users yet'),
    });
  }
  if (tab === 'tasks') {
    const r = await reports.tasks(me.tenantId, input);
    const tally = (m: Record<string, number>, labels: Record<string, string>) =>
      Object.entries(m)
        .map(([k, v]) => `${labels[k] ?? k}: ${v}`)
        .join(', ') || 'None';
    return html`${facts([
      ['Created', String(r.created)],
      ['Completed', String(r.completed)],
      ['Completion rate', num(r.completion_rate_pct, '%')],
      ['Average time to complete', r.average_completion_seconds === null ? 'No data' : formatDuration(r.average_completion_seconds)],
      ['By status', tally(r.by_status, TASK_STATUS_LABELS)],
      ['By source', tally(r.by_source, TASK_SOURCE_LABELS)],
    ])}
      <h2>Created and completed</h2>
      ${barChart({
        id: 'tasks',
        title: 'Tasks created and completed',
        description: 'Tasks created and tasks completed in each day (or month) of the period.',
        labels: r.series.map((p) => p.date.slice(5) || p.date),
        series: [
          { name: 'Created', colour: COLOURS.primary, values: r.series.map((p) => p.created) },
          { name: 'Completed', colour: COLOURS.secondary, values: r.series.map((p) => p.completed) },
        ],
      })}`;
  }
  const r = await deps.services.billing.minutesReport(me.tenantId, input);
  return html`${facts([
    ['Remaining', minutesText(r.balance.remaining), { 'data-field': 'minutes-remaining' }],
    ['Used in the period', html`${minutesText(r.used_minutes)} ${change(r.change_pct)}`, { 'data-field': 'minutes-period' }],
    ['Runway', r.runway === 'plenty' ? 'Plenty' : r.runway === 'empty' ? 'No minutes left' : `${r.runway_days} days${r.runway === 'warning' ? ' (buy minutes soon)' : ''}`],
  ])}
    <h2>Daily usage</h2>
    ${barChart({
      id: 'minutes',
      title: 'Minutes used per day',
      description: 'Minutes taken from the included and purchased pools on each day with usage.',
      labels: r.daily.map((d) => d.date.slice(5)),
      series: [
        { name: 'Included', colour: COLOURS.primary, values: r.daily.map((d) => d.included) },
        { name: 'Purchased', colour: COLOURS.secondary, values: r.daily.map((d) => d.purchased) },
      ],
      format: (n) => String(Math.round(n * 100) / 100),
    })}`;
}

async function render(c: Context, deps: PageDeps<ReportsServices>, me: SessionUser) {
  const q = readQuery(c, me);
  let body: Html | null = null;
  if (q.input) {
    try {
      body = await tabBody(c, deps, me, q.tab, q.input);
    } catch (err) {
      // The window rules (custom needs from; to after from; at most 400 days) name their field.
      if (!(err instanceof ApiError) || err.status !== 400) throw err;
      const name = String(err.details?.field ?? 'period');
      q.errors[name] = err.message.replace(/^\w+: /, '');
    }
  }
  const invalid = Object.keys(q.errors).length > 0;
  return page(c, {
    title: 'Reports',
    user: me,
    status: invalid ? 400 : 200,
    error: invalid ? 'Check the period: the fields below say what to change.' : null,
    body: html`<h1>Reports</h1>${tabs(q, me)}${periodForm(q)}${body ?? ''}`,
  });
}

export function mountReportsPage(app: Hono<AppEnv>, deps: PageDeps<ReportsServices>): void {
  app.get(
    '/dashboard/reports',
    signedIn(deps, (c, me) => render(c, deps, me)),
  );
}
