/**
 * @module Dashboard → Sessions (everyone): the read-only list filtered by status and role (spec
 * 2.5), and a session's detail: duration as the server measured it, score, summary, notes, video,
 * procedures and the linked task.
 */
import { type AppEnv, button, dataTable, type EnumBadges, emptyState, facts, html, requestLocale, selectField, statusBadge } from '@platform/kit';
import { ops, type Session, type SessionSummary } from '@trainar/api';
import type { Context, Hono } from 'hono';
import { type PageDeps, type SessionUser, signedIn } from '../platform/session';
import { formatDate, formatDuration, page } from '../platform/view';
import { SEAT_ROLE_LABELS } from '../seats';
import type { SessionsServices } from './context';

const STATUS_BADGES: EnumBadges<Session['status']> = {
  in_progress: { label: 'In progress', tone: 'info' },
  completed: { label: 'Completed', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
};

async function renderList(c: Context, deps: PageDeps<SessionsServices>, me: SessionUser) {
  const parsed = ops.listSessions.input.safeParse({ status: c.req.query('status') || undefined, role: c.req.query('role') || undefined, limit: 200 });
  const filter = parsed.success ? parsed.data : ops.listSessions.input.parse({ limit: 200 });
  const { sessions, total } = await deps.services.sessionQueries.list(me.tenantId, filter);
  const locale = requestLocale(c);
  return page(c, {
    title: 'Sessions',
    user: me,
    error: parsed.success ? null : 'Unknown filter value; showing all sessions.',
    body: html`<h1>Sessions</h1>
      <form method="get" action="/dashboard/sessions" class="row-edit" aria-label="Filter sessions">
        ${selectField({ name: 'status', label: 'Status', value: filter.status ?? '', options: [{ value: '', label: 'All statuses' }, ...Object.entries(STATUS_BADGES).map(([v, b]) => ({ value: v, label: b.label }))] })}
        ${selectField({
          name: 'role',
          label: 'Role',
          value: filter.role ?? '',
          options: [
            { value: '', label: 'All roles' },
            { value: 'trainer', label: 'Trainer' },
            { value: 'trainee', label: 'Trainee' },
          ],
        })}
        ${button('Filter', { variant: 'secondary' })}
      </form>
      <p>${total} session(s)</p>
      ${dataTable({
        columns: [
          { label: 'Session', cell: (s: SessionSummary) => html`<a href="/dashboard/sessions/${s.id}">${s.task_id ? s.name : s.id.slice(0, 8)}</a>` },
          { label: 'User', empty: 'Unassigned seat', cell: (s: SessionSummary) => s.user_name },
          { label: 'Role', cell: (s: SessionSummary) => SEAT_ROLE_LABELS[s.role] },
          { label: 'Status', cell: (s: SessionSummary) => statusBadge(STATUS_BADGES, s.status) },
          { label: 'Duration', cell: (s: SessionSummary) => formatDuration(s.duration_seconds) },
          { label: 'Score', empty: 'No score', cell: (s: SessionSummary) => (s.score === null ? null : `${s.score}%`) },
          { label: 'Started', cell: (s: SessionSummary) => formatDate(s.started_at, me.timezone, locale) },
        ],
        rows: sessions,
        rowAttrs: (s) => ({ 'data-session-id': s.id }),
        empty: emptyState('No sessions yet', 'Sessions appear here when glasses start training (Seats → Pair Device first).'),
      })}`,
  });
}

async function renderDetail(c: Context, deps: PageDeps<SessionsServices>, me: SessionUser, id: string | null) {
  const s = id ? await deps.services.sessions.get(me.tenantId, id).catch(() => null) : null;
  if (!s) return page(c, { title: 'Session not found', user: me, status: 404, error: 'No such session in your organisation: go back to Sessions.' });
  const locale = requestLocale(c);
  return page(c, {
    title: `Session ${s.name}`,
    user: me,
    body: html`<p><a href="/dashboard/sessions">← Sessions</a></p>
      <h1>${s.task_id ? s.name : `Session ${s.id.slice(0, 8)}`}</h1>
      ${facts([
        ['Status', statusBadge(STATUS_BADGES, s.status)],
        ['Role', SEAT_ROLE_LABELS[s.role]],
        ['User', s.user_name ?? 'Unassigned seat'],
        ['Seat', s.seat_id ? s.seat_id.slice(0, 8) : 'Removed'],
        ['Started', formatDate(s.started_at, me.timezone, locale)],
        ['Completed', formatDate(s.completed_at, me.timezone, locale)],
        ['Duration', html`<span id="session-duration">${formatDuration(s.duration_seconds)}</span>${s.end_reason === 'timed_out' ? html` <small>(closed: the glasses went silent)</small>` : ''}`],
        ['Score', s.score === null ? 'No score' : `${s.score}%`],
        ['Task', s.task_id ? s.task_id : 'No task'],
        ['Video', s.video_url ? html`<a href="${s.video_url}" rel="noopener noreferrer">Watch the recording</a>` : 'No video'],
      ])}
      <h2>Summary</h2><p>${s.summary ?? 'No summary uploaded.'}</p>
      ${s.notes ? html`<h2>Trainer notes</h2><p>${s.notes}</p>` : ''}
      <h2>Procedures</h2>
      ${dataTable({
        columns: [
          { label: 'Name', cell: (p: Session['procedures'][number]) => p.name },
          { label: 'Description', empty: 'No description', cell: (p) => p.description },
          { label: 'Clip', empty: 'No clip', cell: (p) => (p.video_url ? html`<a href="${p.video_url}" rel="noopener noreferrer">Watch</a>` : null) },
        ],
        rows: s.procedures,
        empty: emptyState('No procedures', 'Trainer sessions upload the procedures they recorded.'),
      })}`,
  });
}

export function mountSessionsPage(app: Hono<AppEnv>, deps: PageDeps<SessionsServices>): void {
  app.get(
    '/dashboard/sessions',
    signedIn(deps, (c, me) => renderList(c, deps, me)),
  );
  app.get(
    '/dashboard/sessions/:id',
    signedIn(deps, (c, me) => {
      const id = c.req.param('id') ?? '';
      return renderDetail(c, deps, me, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id : null);
    }),
  );
}
