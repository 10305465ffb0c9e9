/**
 * @module The freelancer's work: the job board (open jobs with the trainer's own match score), a job
 * with the apply form (bid + cover letter), the AI interview (one question at a time), invites to
 * accept, and the dashboard of their proposals.
 */

import type { ProposalStatus } from '@opentrain/api';
import { ApiError, type AppEnv, apiFieldErrors, badge, button, csrfField, dataTable, type EnumBadges, type EnumLabels, emptyState, enumLabel, facts, flash, formatDate, html, redirectTo, requestLocale, statusBadge, textareaField, field } from '@platform/kit';
import type { Hono } from 'hono';
import type { TalentServices } from '../context';
import { readVerifiedForm, type WebContext } from '../../platform/web-ui';
import { candidateSkills, type ProfileRow } from '../freelancer-view';
import { listOpenJobs, readJob, type TalentJob } from '../job-reader';
import { matchScore } from '../matching';
import { vocabularyLabel } from '../vocabulary';
import { money, renderFreelancer, requireFreelancer } from './layout';

const PAGE_SIZE = 50;

/** A proposal's status as the trainer reads it: where it stands and whether they need to act. */
export const PROPOSAL_BADGES: EnumBadges<ProposalStatus> = {
  UNREVIEWED: { label: 'Waiting for the employer', tone: 'info' },
  SHORTLISTED: { label: 'Shortlisted', tone: 'success' },
  MAYBE: { label: 'Under consideration', tone: 'info' },
  HIRED: { label: 'Hired', tone: 'success' },
  DECLINED: { label: 'Declined', tone: 'neutral' },
  NOT_A_FIT: { label: 'Not a fit', tone: 'neutral' },
  RESUME_SENT: { label: 'Resume sent', tone: 'info' },
  INVITED: { label: 'Invited: your answer needed', tone: 'warning' },
};

/** How the trainer is paid on a job (the job's payment type), as the unit after an amount. */
const PAY_UNITS: EnumLabels<'PAY_PER_LABEL' | 'FIXED_PRICE' | 'PAY_PER_HOUR'> = {
  PAY_PER_LABEL: 'per label',
  FIXED_PRICE: 'for the whole job',
  PAY_PER_HOUR: 'per hour',
};
const payUnit = (job: TalentJob) => enumLabel(PAY_UNITS, String(job.fields.paymentType ?? 'PAY_PER_HOUR'), 'per hour');

/** The interview score in words; no score yet reads as words, never a dash. */
export function interviewScoreText(status: string | null | undefined, score: number | null | undefined): string {
  if (status !== 'completed') return status === 'in_progress' ? 'Interview in progress' : 'Not interviewed';
  return score == null ? 'Interview done, not scored yet' : `${score} of 100`;
}

function jobPay(job: TalentJob, locale: string): string {
  const f = job.fields;
  const amount = f.paymentType === 'PAY_PER_LABEL' ? f.pricePerLabel : f.paymentType === 'FIXED_PRICE' ? f.fixedPrice : f.pricePerHour;
  return amount == null || amount === '' ? 'Rate on request' : `${money(amount, locale)} ${payUnit(job)}`;
}

const listed = (items: string[]) => items.join(', ') || null;

function jobFacts(job: TalentJob, locale: string, profile: ProfileRow) {
  const r = job.requirements;
  return facts([
    ['Pay', jobPay(job, locale), { 'data-pay': true }],
    ['Your match', `${myScore(job, profile)} of 100`, { 'data-match': true }],
    ['Experience', r.experienceLevel ? vocabularyLabel(r.experienceLevel) : 'Any level'],
    ['Data', r.dataType ? vocabularyLabel(r.dataType) : 'Not specified'],
    ['Label types', listed(r.labelTypes.map(vocabularyLabel)) ?? 'None listed'],
    ['Tools', listed(r.software) ?? 'Any tool'],
    ['Languages', listed(r.languages) ?? 'Any language'],
    ['Posted', job.publishedAt ? formatDate(job.publishedAt, locale) : 'Not published yet'],
  ]);
}

type ApplyValues = { bid?: string; coverLetter?: string; errors?: Record<string, string>; error?: string };

/** Which API field a form input carries, for the refusal's inline error. */
const APPLY_FIELDS = { bidAmountUsd: 'bid_amount', coverLetter: 'cover_letter' };

function applyForm(c: WebContext, job: TalentJob, action: string, v: ApplyValues, label: string) {
  const e = v.errors ?? {};
  return html`${flash({ error: v.error })}
    <form method="post" action="${action}" novalidate>
      ${csrfField(c)}
      ${field({ name: 'bid_amount', label: `Your bid in USD (${payUnit(job)})`, value: v.bid, required: true, error: e.bid_amount, hint: 'What you want to be paid. The employer pays the marketplace fee on top; you receive your bid in full.', attrs: { inputmode: 'decimal', autocomplete: 'off' } })}
      ${textareaField({ name: 'cover_letter', label: 'Cover letter', value: v.coverLetter, required: true, rows: 6, error: e.cover_letter, hint: 'Why you fit this job. Email addresses, phone numbers and other contact details are removed before the employer reads it.', attrs: { maxlength: 5000 } })}
      ${button(label, { pending: 'Sending…' })}
    </form>`;
}

async function interviewBody(c: WebContext, services: TalentServices, proposalId: string, refusal?: ApiError) {
  const transcript = await services.interviews.transcript(services.freelancers.db, proposalId);
  const question = await services.interviews.currentQuestion(services.freelancers.db, proposalId);
  const proposal = await services.proposals.get(proposalId);
  const errors = refusal ? apiFieldErrors(refusal, { answer: 'answer' }) : {};
  const messages = transcript?.messages ?? [];
  return html`<h1>AI interview</h1>
    <p>An AI interviewer asks a few questions about this job. Answer in your own words; the employer sees a summary, your score and the transcript.</p>
    ${messages.length ? html`<ol class="messages transcript">${messages.map((m) => html`<li data-role="${m.role}" data-from="${m.role === 'interviewer' ? 'employer' : 'me'}"><small>${m.role === 'interviewer' ? 'Interviewer' : 'You'}</small><div class="prose-lines">${m.content}</div></li>`)}</ol>` : ''}
    ${refusal && !errors.answer ? flash({ error: refusal.message }) : ''}
    ${
      question
        ? html`<form method="post" action="/freelancer/proposals/${proposalId}/interview" novalidate>${csrfField(c)}
            ${textareaField({ name: 'answer', label: 'Your answer', required: true, rows: 5, error: errors.answer, attrs: { maxlength: 5000 } })}
            ${button('Send answer', { pending: 'Sending…' })}</form>`
        : transcript
          ? html`<p class="flash notice" role="status" data-interview-complete>Interview complete. Your score: ${interviewScoreText('completed', transcript.score)}.</p><p><a href="/freelancer">Back to my proposals</a></p>`
          : html`<p data-interview="none">Not interviewed: this proposal has no AI interview (the employer reached you directly).</p><p><a href="/freelancer">Back to my proposals</a></p>`
    }
    ${proposal ? html`<p><a href="/freelancer/jobs/${proposal.jobId}">View the job</a></p>` : ''}`;
}

function myScore(job: TalentJob, profile: ProfileRow) {
  return matchScore(job.requirements, candidateSkills(profile)).score;
}

type ProposalListRow = Awaited<ReturnType<TalentServices['proposals']['forFreelancer']>>[number];

function proposalsBody(rows: ProposalListRow[], locale: string) {
  const invites = rows.filter((r) => r.status === 'INVITED');
  const proposals = rows.filter((r) => r.status !== 'INVITED');
  const jobLink = (r: ProposalListRow) => html`<a href="/freelancer/jobs/${r.job_id}">${r.title ?? 'Untitled job'}</a>`;
  return html`<h1>My proposals</h1>
    ${
      invites.length
        ? html`<article class="stakes"><header><h2>Employers invited you</h2></header>
          ${dataTable<ProposalListRow>({
            columns: [
              { label: 'Job', cell: jobLink },
              { label: 'Invited', cell: (r) => formatDate(r.created_at, locale) },
              { label: 'Next step', cell: (r) => html`<a href="/freelancer/invites/${r.id}">Review and accept</a>` },
            ],
            rows: invites,
            rowAttrs: (r) => ({ 'data-invite': r.id }),
            empty: html``,
          })}</article>`
        : ''
    }
    ${dataTable<ProposalListRow>({
      columns: [
        { label: 'Job', cell: jobLink },
        { label: 'Your bid', cell: (r) => (r.bid_amount_usd == null ? null : `${money(r.bid_amount_usd, locale)} ${enumLabel(BID_UNITS, r.bid_unit, '')}`.trim()), empty: 'No bid' },
        { label: 'Status', cell: (r) => statusBadge(PROPOSAL_BADGES, r.status) },
        {
          label: 'AI interview',
          cell: (r) =>
            r.interview_status === 'in_progress'
              ? html`${badge('In progress', 'warning')} <a href="/freelancer/proposals/${r.id}/interview">Continue the interview</a>`
              : interviewScoreText(r.interview_status, r.interview_score),
        },
        { label: 'Sent', cell: (r) => formatDate(r.created_at, locale) },
      ],
      rows: proposals,
      rowAttrs: (r) => ({ 'data-proposal': r.id, 'data-status': r.status }),
      empty: emptyState('No proposals yet', 'Apply to an open job: your proposals, their status and your AI interviews are listed here.', html`<a href="/freelancer/jobs" role="button">Find work</a>`),
    })}`;
}

/** The unit a bid was made in (the job's payment type when the trainer applied). */
const BID_UNITS: EnumLabels<'PER_HOUR' | 'PER_LABEL' | 'FIXED_PRICE'> = { PER_HOUR: 'per hour', PER_LABEL: 'per label', FIXED_PRICE: 'fixed price' };

export function mountWorkPages(app: Hono<AppEnv>, services: TalentServices): void {
  app.get('/freelancer', async (c) => {
    const who = await requireFreelancer(c, services);
    if ('response' in who) return who.response;
    const rows = await services.proposals.forFreelancer(who.user.id);
    return renderFreelancer(c, services, { title: 'My proposals', ...who, body: proposalsBody(rows, requestLocale(c)) });
  });

  app.get('/freelancer/jobs', async (c) => {
    const who = await requireFreelancer(c, services);
    if ('response' in who) return who.response;
    const locale = requestLocale(c);
    const page = Math.max(0, Number.parseInt(c.req.query('page') ?? '0', 10) || 0);
    const jobs = await listOpenJobs(services.freelancers.db, { limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE });
    return renderFreelancer(c, services, {
      title: 'Find work',
      ...who,
      body: html`<h1>Open jobs</h1>
        <p>Your match says how well a job's requirements fit your profile (label types, data, tools, languages, experience).</p>
        ${dataTable<TalentJob>({
          columns: [
            { label: 'Job', cell: (j) => html`<a href="/freelancer/jobs/${j.id}">${j.title ?? 'Untitled job'}</a>` },
            { label: 'Pay', cell: (j) => jobPay(j, locale) },
            { label: 'Your match', cell: (j) => `${myScore(j, who.profile)} of 100` },
            { label: 'Label types', cell: (j) => listed(j.requirements.labelTypes.map(vocabularyLabel)), empty: 'None listed' },
            { label: 'Experience', cell: (j) => (j.requirements.experienceLevel ? vocabularyLabel(j.requirements.experienceLevel) : null), empty: 'Any level' },
          ],
          rows: jobs.slice(0, PAGE_SIZE),
          rowAttrs: (j) => ({ 'data-job': j.id }),
          empty: emptyState(page > 0 ? 'No more open jobs' : 'No open jobs right now', 'New jobs appear here as soon as employers publish them. Keep your profile current so your match is right.', html`<a href="/freelancer/profile">Edit your profile</a>`),
        })}
        ${jobs.length > PAGE_SIZE ? html`<p><a href="/freelancer/jobs?page=${page + 1}">More jobs</a></p>` : ''}`,
    });
  });

  const showJob = async (c: WebContext, jobId: string, values: ApplyValues = {}, status = 200) => {
    const who = await requireFreelancer(c, services);
    if ('response' in who) return who.response;
    const locale = requestLocale(c);
    const job = await readJob(services.freelancers.db, jobId);
    if (job?.status !== 'OPEN')
      return renderFreelancer(c, services, {
        title: 'Job not found',
        ...who,
        status: 404,
        body: html`<h1>This job is not open</h1><p>It was closed, filled or never published.</p><p><a href="/freelancer/jobs">Find other work</a></p>`,
      });
    const mine = await services.proposals.ownProposalForJob(who.user.id, job.id);
    const action = mine?.status === 'INVITED' ? `/freelancer/invites/${mine.id}` : `/freelancer/jobs/${job.id}/apply`;
    return renderFreelancer(c, services, {
      title: job.title ?? 'Job',
      ...who,
      status,
      body: html`<h1>${job.title ?? 'Untitled job'}</h1>
        <article>${jobFacts(job, locale, who.profile)}</article>
        <div class="prose-lines description">${job.description ?? 'The employer added no description.'}</div>
        ${
          mine && mine.status !== 'INVITED'
            ? html`<p class="flash notice" role="status">You applied: ${statusBadge(PROPOSAL_BADGES, mine.status)} <a href="/freelancer/proposals/${mine.id}/interview">Your AI interview</a></p>`
            : html`<article><h2>${mine ? 'Accept your invitation' : 'Apply'}</h2>${applyForm(c, job, action, values, mine ? 'Accept invite' : 'Submit proposal')}</article>`
        }`,
    });
  };

  /** A refusal of an apply or invite form: under the field it names, else as a message above the form. */
  const refusedForm = (err: ApiError, form: Record<string, string>): ApplyValues => {
    const errors = apiFieldErrors(err, APPLY_FIELDS);
    return { bid: form.bid_amount, coverLetter: form.cover_letter, errors, error: Object.keys(errors).length ? undefined : err.message };
  };

  app.get('/freelancer/jobs/:jobId', (c) => showJob(c, c.req.param('jobId')));

  app.post('/freelancer/jobs/:jobId/apply', async (c) => {
    const who = await requireFreelancer(c, services);
    if ('response' in who) return who.response;
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    try {
      const proposal = await services.proposals.apply(who.user.id, c.req.param('jobId'), {
        bidAmountUsd: Number(read.form.bid_amount ?? ''),
        coverLetter: read.form.cover_letter ?? '',
      });
      return redirectTo(c, `/freelancer/proposals/${proposal.id}/interview`);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.details?.reason === 'already_applied' && err.details.proposalId) return redirectTo(c, `/freelancer/proposals/${err.details.proposalId}/interview`);
      return showJob(c, c.req.param('jobId'), refusedForm(err, read.form), err.status);
    }
  });

  app.get('/freelancer/invites/:proposalId', async (c) => {
    const who = await requireFreelancer(c, services);
    if ('response' in who) return who.response;
    const mine = await services.proposals.ownProposal(who.user.id, c.req.param('proposalId'));
    if (!mine) return renderFreelancer(c, services, { title: 'Not found', ...who, status: 404, body: html`<h1>No such invitation</h1><p><a href="/freelancer">Back to my proposals</a></p>` });
    return redirectTo(c, `/freelancer/jobs/${mine.job_id}`);
  });

  app.post('/freelancer/invites/:proposalId', async (c) => {
    const who = await requireFreelancer(c, services);
    if ('response' in who) return who.response;
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const proposalId = c.req.param('proposalId');
    try {
      await services.proposals.acceptInvite(who.user.id, proposalId, {
        bidAmountUsd: Number(read.form.bid_amount ?? ''),
        coverLetter: read.form.cover_letter ?? '',
      });
      return redirectTo(c, `/freelancer/proposals/${proposalId}/interview`);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const mine = await services.proposals.ownProposal(who.user.id, proposalId);
      // A bad bid or letter: back to the job with the fields kept and the error under the field.
      if (mine && err.status === 400) return showJob(c, mine.job_id, refusedForm(err, read.form), err.status);
      return renderFreelancer(c, services, {
        title: 'Invitation',
        ...who,
        status: err.status,
        body: html`<h1>Invitation</h1>${flash({ error: err.message })}<p><a href="/freelancer">Back to my proposals</a></p>`,
      });
    }
  });

  app.get('/freelancer/proposals/:proposalId/interview', async (c) => {
    const who = await requireFreelancer(c, services);
    if ('response' in who) return who.response;
    const mine = await services.proposals.ownProposal(who.user.id, c.req.param('proposalId'));
    if (!mine) return renderFreelancer(c, services, { title: 'Not found', ...who, status: 404, body: html`<h1>No such proposal</h1><p><a href="/freelancer">Back to my proposals</a></p>` });
    return renderFreelancer(c, services, { title: 'AI interview', ...who, body: await interviewBody(c, services, mine.id) });
  });

  app.post('/freelancer/proposals/:proposalId/interview', async (c) => {
    const who = await requireFreelancer(c, services);
    if ('response' in who) return who.response;
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const proposalId = c.req.param('proposalId');
    try {
      await services.interviews.answer(who.user.id, proposalId, read.form.answer ?? '');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return renderFreelancer(c, services, { title: 'AI interview', ...who, status: err.status, body: await interviewBody(c, services, proposalId, err) });
    }
    return redirectTo(c, `/freelancer/proposals/${proposalId}/interview`);
  });
}
