/**
 * @module The freelancer's message pages: `/freelancer/messages` lists the signed-in user's
 * conversations (as the freelancer side), `/freelancer/messages/{conversationId}` shows one thread
 * with a reply form, and lets the freelancer block or unblock the employer. Same services as the
 * Public API: the same policy, employer-first rule, rate limit and `message.received` event.
 */
import { actionForm, type ApiError, type AppEnv, apiFieldErrors, badge, button, csrfField, dataTable, emptyState, type EnumBadges, type EnumLabels, enumLabel, flash, formatDateTime, type Html, html, redirectTo, requestLocale, sameOriginOnly, statusBadge, textareaField } from '@platform/kit';
import type { Hono } from 'hono';
import type { UserRow } from '../../accounts';
import type { MessagingServices } from '../context';
import { orUndefined } from '../ports';
import { currentUser, readVerifiedForm, securityHeaders, type WebContext } from '../../platform/web-ui';
import { MAX_MESSAGE_CHARS } from '../policy';
import type { ConversationBucket, ConversationStatus } from '../schema';
import type { Viewer } from '../views';

const THREAD_PAGE = 50;
export const FREELANCER_MESSAGES_PATH = '/freelancer/messages';
const threadPath = (id: string) => `${FREELANCER_MESSAGES_PATH}/${encodeURIComponent(id)}`;

const asFreelancer = (user: UserRow): Viewer => ({ side: 'freelancer', userId: user.id });

/** The freelancer pages' frame (navigation, masked name); any signed-in user may have conversations, profile or not. */
async function render(c: WebContext, services: MessagingServices, options: { title: string; body: Html; user: UserRow; status?: number }) {
  const profile = await services.freelancers.getProfile(options.user.id);
  return services.freelancerFrame.render(c, { ...options, profile });
}

async function employerLabel(services: MessagingServices, organizationId: string, jobId: string): Promise<string> {
  const org = await services.organizations.get(organizationId);
  const job = await orUndefined(() => services.jobs.get(jobId));
  const who = org?.name ?? 'An OpenTrain employer';
  return job?.title ? `${who} · ${job.title}` : who;
}

/** What a conversation is about, in words. */
const BUCKET_LABELS: EnumLabels<ConversationBucket> = { job: 'Contract', proposal: 'Your proposal' };

/** Whether the trainer can write: open, read-only (contract ended) or blocked (by them). */
const STATUS_BADGES: EnumBadges<ConversationStatus> = {
  open: { label: 'Open', tone: 'success' },
  read_only: { label: 'Read-only', tone: 'neutral' },
  blocked: { label: 'Blocked by you', tone: 'danger' },
};

type Summary = Awaited<ReturnType<MessagingServices['messaging']['messages']['listConversations']>>['conversations'][number];

async function listPage(c: WebContext, services: MessagingServices, user: UserRow) {
  const locale = requestLocale(c);
  const { conversations } = await services.messaging.messages.listConversations(asFreelancer(user), { limit: 100, filter: 'all' });
  const rows = await services.messaging.db.selectFrom('ot_conversations').select(['id', 'organization_id', 'job_id']).where('freelancer_user_id', '=', user.id).execute();
  const labels = new Map<string, string>();
  for (const r of rows) labels.set(r.id, await employerLabel(services, r.organization_id, r.job_id));
  const body = html`<h1>Messages</h1>
    ${dataTable<Summary>({
      columns: [
        { label: 'Conversation', cell: (s) => html`<a href="${threadPath(s.id)}">${labels.get(s.id) ?? 'Conversation'}</a>${s.sandbox ? html` ${badge('Sandbox', 'info')}` : ''}` },
        { label: 'About', cell: (s) => enumLabel(BUCKET_LABELS, s.bucket) },
        { label: 'Status', cell: (s) => statusBadge(STATUS_BADGES, s.status) },
        { label: 'Last message', cell: (s) => (s.lastMessage ? html`${s.lastMessage.isFromViewer ? 'You: ' : ''}${s.lastMessage.content.slice(0, 80)}<br /><small>${formatDateTime(s.lastMessage.createdAt, locale)}</small>` : null), empty: 'No messages yet' },
        { label: 'Unread', cell: (s) => (s.unreadCount > 0 ? badge(`${s.unreadCount} unread`, 'warning') : 'All read') },
      ],
      rows: conversations,
      rowAttrs: (s) => ({ 'data-conversation': s.id }),
      empty: emptyState('No conversations yet', 'Employers write to you here about your proposals and contracts; you can reply once they have written.', html`<a href="/freelancer">My proposals</a>`),
    })}`;
  return render(c, services, { title: 'Messages', user, body });
}

async function threadPage(c: WebContext, services: MessagingServices, user: UserRow, conversationId: string, flashed: { refusal?: ApiError; draft?: string; status?: number } = {}) {
  const locale = requestLocale(c);
  const before = c.req.query('before');
  const thread = await services.messaging.messages.readConversation(asFreelancer(user), conversationId, { limit: THREAD_PAGE, cursor: before || undefined, direction: 'older' });
  const s = thread.conversation;
  const row = await services.messaging.db.selectFrom('ot_conversations').select(['organization_id', 'job_id', 'employer_first_message_at']).where('id', '=', s.id).executeTakeFirstOrThrow();
  const label = await employerLabel(services, row.organization_id, row.job_id);
  const waiting = s.bucket === 'proposal' && row.employer_first_message_at === null;
  const errors = flashed.refusal ? apiFieldErrors(flashed.refusal, { content: 'content' }) : {};
  const notice =
    s.status === 'read_only'
      ? html`<p class="flash notice" data-state="read-only">This conversation is read-only${s.bucket === 'job' ? ': the contract has ended' : ''}.</p>`
      : s.status === 'blocked'
        ? html`<p class="flash error" data-state="blocked">You blocked this conversation: neither side can send messages until you unblock it.</p>`
        : waiting
          ? html`<p class="flash notice" data-state="waiting">The employer writes first; you can reply once they have.</p>`
          : '';
  const body = html`<p><a href="${FREELANCER_MESSAGES_PATH}">← All messages</a></p>
    <h1>${label}</h1>
    <p>${s.bucket === 'job' ? 'Contract conversation' : 'About your proposal'} ${statusBadge(STATUS_BADGES, s.status)}${s.sandbox ? html` ${badge('Sandbox employer', 'info')}` : ''}</p>
    ${thread.nextCursor ? html`<p><a href="${threadPath(s.id)}?before=${encodeURIComponent(thread.nextCursor)}">Older messages</a></p>` : ''}
    ${
      thread.messages.length
        ? html`<ol class="messages">
      ${thread.messages.map(
        (m) => html`<li data-message="${m.id}" data-from="${m.isFromViewer ? 'me' : 'employer'}">
          <small>${m.isFromViewer ? 'You' : 'Employer'} · ${formatDateTime(m.createdAt, locale)}</small><div class="prose-lines">${m.content}</div></li>`,
      )}
    </ol>`
        : emptyState('No messages yet', waiting ? 'The employer writes first.' : 'Write the first message below.')
    }
    ${notice}
    ${flashed.refusal && !errors.content ? flash({ error: flashed.refusal.message }) : ''}
    ${
      s.status === 'open' && !waiting
        ? html`<form method="post" action="${threadPath(s.id)}" novalidate>
          ${csrfField(c)}
          ${textareaField({ name: 'content', label: 'Reply', value: flashed.draft, required: true, rows: 4, error: errors.content, hint: 'Keep contact details and payment on OpenTrain: messages with emails, phone numbers or off-platform payment are refused.', attrs: { maxlength: MAX_MESSAGE_CHARS } })}
          ${button('Send reply', { pending: 'Sending…' })}
        </form>`
        : ''
    }
    ${
      s.status === 'open'
        ? actionForm(c, { action: `${threadPath(s.id)}/block`, label: 'Block this employer', variant: 'secondary', confirm: 'Block this employer? Neither of you can send messages in this conversation until you unblock it.' })
        : s.status === 'blocked'
          ? actionForm(c, { action: `${threadPath(s.id)}/unblock`, label: 'Unblock', variant: 'secondary' })
          : ''
    }`;
  return render(c, services, {
    title: 'Conversation',
    user,
    body,
    status: flashed.status,
  });
}

/** ApiErrors (404, 403, 409, 429, 400) as a page with their status; anything else is a bug and propagates. */
async function orErrorPage(c: WebContext, services: MessagingServices, user: UserRow, run: () => Promise<Response>) {
  try {
    return await run();
  } catch (err) {
    const e = err as ApiError;
    if (!e.status || e.status >= 500) throw err;
    return render(c, services, {
      title: 'Messages',
      user,
      status: e.status,
      body: html`<h1>Messages</h1>${flash({ error: e.message })}<p><a href="${FREELANCER_MESSAGES_PATH}">All messages</a></p>`,
    });
  }
}

export function mountFreelancerMessages(app: Hono<AppEnv>, services: MessagingServices): void {
  for (const path of [FREELANCER_MESSAGES_PATH, `${FREELANCER_MESSAGES_PATH}/*`]) {
    app.use(path, securityHeaders);
    app.use(path, sameOriginOnly());
  }
  const signIn = (c: WebContext) => redirectTo(c, `/signin?next=${encodeURIComponent(new URL(c.req.url).pathname)}`);

  app.get(FREELANCER_MESSAGES_PATH, async (c) => {
    const user = await currentUser(c, services);
    if (!user) return signIn(c);
    return listPage(c, services, user);
  });

  app.get(`${FREELANCER_MESSAGES_PATH}/:conversationId`, async (c) => {
    const user = await currentUser(c, services);
    if (!user) return signIn(c);
    return orErrorPage(c, services, user, () => threadPage(c, services, user, c.req.param('conversationId')));
  });

  app.post(`${FREELANCER_MESSAGES_PATH}/:conversationId`, async (c) => {
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const user = await currentUser(c, services);
    if (!user) return signIn(c);
    const id = c.req.param('conversationId');
    const content = read.form.content ?? '';
    return orErrorPage(c, services, user, async () => {
      try {
        await services.messaging.messages.send(asFreelancer(user), id, content);
      } catch (err) {
        const e = err as ApiError;
        // Refusals the freelancer can act on are shown on the thread, keeping the draft.
        if (!e.status || e.status >= 500 || e.status === 404 || (e.status === 403 && e.details?.reason !== 'message_policy_blocked')) throw err;
        return threadPage(c, services, user, id, {
          refusal: e,
          draft: content,
          status: e.status,
        });
      }
      return redirectTo(c, threadPath(id));
    });
  });

  for (const action of ['block', 'unblock'] as const) {
    app.post(`${FREELANCER_MESSAGES_PATH}/:conversationId/${action}`, async (c) => {
      const read = await readVerifiedForm(c, services);
      if ('response' in read) return read.response;
      const user = await currentUser(c, services);
      if (!user) return signIn(c);
      const id = c.req.param('conversationId');
      return orErrorPage(c, services, user, async () => {
        await services.messaging.conversations.setBlocked(user.id, id, action === 'block');
        return redirectTo(c, threadPath(id));
      });
    });
  }
}
