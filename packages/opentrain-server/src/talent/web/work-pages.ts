/**
 * @module The freelancer's work: the job board (open jobs with the trainer's own match score), a job
 * with the apply form (bid + cover letter), the AI interview (one question at a time), invites to
 * accept, and the dashboard of their proposals.
 */

import { PROPOSAL_STATUS_LABELS, type ProposalStatus } from '@opentrain/api';
import { ApiError, type AppEnv, csrfField, html, redirectTo } from '@platform/kit';
import type { Hono } from 'hono';
import type { TalentServices } from '../context';
import { errorLine, readVerifiedForm, type WebContext } from '../../platform/web-ui';
import { candidateSkills, type ProfileRow } from '../freelancer-view';
import { listOpenJobs, readJob, type TalentJob } from '../job-reader';
import { matchScore } from '../matching';
import { vocabularyLabel } from '../vocabulary';
import { money, renderFreelancer, requireFreelancer } from './layout';

const PAGE_SIZE = 50;

function jobFacts(job: TalentJob) {
  const f = job.fields;
  const pay =
    f.paymentType === 'PAY_PER_LABEL' ? `${money(f.pricePerLabel)} per label` : f.paymentType === 'FIXED_PRICE' ? `${money(f.fixedPrice)} fixed` : f.pricePerHour ? `${money(f.pricePerHour)} per hour` : 'rate on request';
  const r = job.requirements;
  return html`<p>${pay}${r.experienceLevel ? ` · ${vocabularyLabel(r.experienceLevel)}` : ''}${r.dataType ? ` · ${vocabularyLabel(r.dataType)}` : ''}</p>
    <p>Label types: ${r.labelTypes.map(vocabularyLabel).join(', ') || 'None listed'} · Tools: ${r.software.join(', ') || 'None listed'} · Languages: ${r.languages.join(', ') || 'None listed'}</p>`;
}

function applyForm(c: WebContext, job: TalentJob, action: string, v: { bid?: string; coverLetter?: string; error?: string }, button: string) {
  const unit = job.fields.paymentType === 'PAY_PER_LABEL' ? 'per label' : job.fields.paymentType === 'FIXED_PRICE' ? 'for the whole job' : 'per hour';
  return html`${errorLine(v.error)}
    <form method="post" action="${action}">
      ${csrfField(c)}
      <label>Your bid in USD (${unit}) <input name="bid_amount" inputmode="decimal" required value="${v.bid ?? ''}" /></label>
      <label>Cover letter <textarea name="cover_letter" required maxlength="5000" rows="6">${v.coverLetter ?? ''}</textarea></label>
      <p>Do not include your email, phone or other contact details: they are removed before the employer sees your letter.</p>
      <button type="submit">${button}</button>
    </form>`;
}

async function interviewBody(c: WebContext, services: TalentServices, proposalId: string, error?: string) {
  const transcript = await services.interviews.transcript(services.freelancers.db, proposalId);
  const question = await services.interviews.currentQuestion(services.freelancers.db, proposalId);
  const proposal = await services.proposals.get(proposalId);
  return html`<h1>AI interview</h1>
    <p>An AI interviewer asks a few questions about this job. Answer in your own words; the employer sees a summary and the transcript.</p>
    <ol class="transcript">${(transcript?.messages ?? []).map((m) => html`<li data-role="${m.role}"><strong>${m.role === 'interviewer' ? 'Interviewer' : 'You'}:</strong> ${m.content}</li>`)}</ol>
    ${
      question
        ? html`${errorLine(error)}<form method="post" action="/freelancer/proposals/${proposalId}/interview">${csrfField(c)}
            <label>Your answer <textarea name="answer" required maxlength="5000" rows="5"></textarea></label>
            <button type="submit">Send answer</button></form>`
        : html`<p class="notice" data-interview-complete>Interview complete. Score: ${transcript?.score ?? '–'}/100.</p><p><a href="/freelancer">Back to my proposals</a></p>`
    }
    ${proposal ? html`<p><a href="/freelancer/jobs/${proposal.jobId}">View the job</a></p>` : ''}`;
}

function myScore(job: TalentJob, profile: ProfileRow) {
  return matchScore(job.requirements, candidateSkills(profile)).score;
}

export function mountWorkPages(app: Hono<AppEnv>, services: TalentServices): void {
  app.get('/freelancer', async (c) => {
    const who = await requireFreelancer(c, services);
    if ('response' in who) return who.response;
    const rows = await services.proposals.forFreelancer(who.user.id);
    const invites = rows.filter((r) => r.status === 'INVITED');
    const proposals = rows.filter((r) => r.status !== 'INVITED');
    return renderFreelancer(c, services, {
      title: 'My proposals',
      ...who,
      body: html`<h1>My proposals</h1>
        ${invites.length ? html`<h2>Invitations</h2><ul>${invites.map((r) => html`<li data-invite="${r.id}">${r.title ?? 'Untitled job'} · <a href="/freelancer/invites/${r.id}">Accept invite</a></li>`)}</ul>` : ''}
        ${
          proposals.length
            ? html`<table><thead><tr><th>Job</th><th>Bid</th><th>Status</th><th>Interview</th></tr></thead><tbody>
              ${proposals.map(
                (r) => html`<tr data-proposal="${r.id}"><td><a href="/freelancer/jobs/${r.job_id}">${r.title ?? 'Untitled job'}</a></td><td>${money(r.bid_amount_usd)}</td>
                  <td>${PROPOSAL_STATUS_LABELS[r.status as ProposalStatus] ?? r.status}</td>
                  <td>${r.interview_status === 'completed' ? `${r.interview_score}/100` : html`<a href="/freelancer/proposals/${r.id}/interview">${r.interview_status === 'in_progress' ? 'Continue interview' : 'Not started'}</a>`}</td></tr>`,
              )}</tbody></table>`
            : html`<p>No proposals yet. <a href="/freelancer/jobs">Find work</a>.</p>`
        }`,
    });
  });

  app.get('/freelancer/jobs', async (c) => {
    const who = await requireFreelancer(c, services);
    if ('response' in who) return who.response;
    const page = Math.max(0, Number.parseInt(c.req.query('page') ?? '0', 10) || 0);
    const jobs = await listOpenJobs(services.freelancers.db, {
      limit: PAGE_SIZE + 1,
      offset: page * PAGE_SIZE,
    });
    return renderFreelancer(c, services, {
      title: 'Find work',
      ...who,
      body: html`<h1>Open jobs</h1>
        ${jobs.length === 0 ? html`<p>No open jobs right now.</p>` : ''}
        <ul class="jobs">${jobs.slice(0, PAGE_SIZE).map((j) => html`<li data-job="${j.id}"><a href="/freelancer/jobs/${j.id}">${j.title ?? 'Untitled job'}</a> · your match ${myScore(j, who.profile)}/100 ${jobFacts(j)}</li>`)}</ul>
        ${jobs.length > PAGE_SIZE ? html`<p><a href="/freelancer/jobs?page=${page + 1}">More jobs</a></p>` : ''}`,
    });
  });

  const showJob = async (c: WebContext, values: { bid?: string; coverLetter?: string; error?: string } = {}, status = 200) => {
    const who = await requireFreelancer(c, services);
    if ('response' in who) return who.response;
    const job = await readJob(services.freelancers.db, c.req.param('jobId') ?? '');
    if (job?.status !== 'OPEN')
      return renderFreelancer(c, services, {
        title: 'Job not found',
        ...who,
        status: 404,
        body: html`<h1>This job is not open</h1><p><a href="/freelancer/jobs">Find work</a></p>`,
      });
    const mine = await services.proposals.ownProposalForJob(who.user.id, job.id);
    const action = mine?.status === 'INVITED' ? `/freelancer/invites/${mine.id}` : `/freelancer/jobs/${job.id}/apply`;
    return renderFreelancer(c, services, {
      title: job.title ?? 'Job',
      ...who,
      status,
      body: html`<h1>${job.title ?? 'Untitled job'}</h1>${jobFacts(job)}<p>Your match: ${myScore(job, who.profile)}/100</p>
        <div class="description">${job.description ?? ''}</div>
        ${
          mine && mine.status !== 'INVITED'
            ? html`<p class="notice">You applied (${PROPOSAL_STATUS_LABELS[mine.status as ProposalStatus] ?? mine.status}). <a href="/freelancer/proposals/${mine.id}/interview">Your AI interview</a></p>`
            : html`<h2>${mine ? 'Accept your invitation' : 'Apply'}</h2>${applyForm(c, job, action, values, mine ? 'Accept invite' : 'Submit proposal')}`
        }`,
    });
  };

  app.get('/freelancer/jobs/:jobId', (c) => showJob(c));

  app.post('/freelancer/jobs/:jobId/apply', async (c) => {
    const who = await requireFreelancer(c, services);
    if ('response' in who) return who.response;
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const values = {
      bid: read.form.bid_amount,
      coverLetter: read.form.cover_letter,
    };
    try {
      const proposal = await services.proposals.apply(who.user.id, c.req.param('jobId'), {
        bidAmountUsd: Number(read.form.bid_amount ?? ''),
        coverLetter: read.form.cover_letter ?? '',
      });
      return redirectTo(c, `/freelancer/proposals/${proposal.id}/interview`);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.details?.reason === 'already_applied' && err.details.proposalId) return redirectTo(c, `/freelancer/proposals/${err.details.proposalId}/interview`);
      return showJob(c, { ...values, error: err.message }, err.status);
    }
  });

  app.get('/freelancer/invites/:proposalId', async (c) => {
    const who = await requireFreelancer(c, services);
    if ('response' in who) return who.response;
    const mine = await services.proposals.ownProposal(who.user.id, c.req.param('proposalId'));
    if (!mine)
      return renderFreelancer(c, services, {
        title: 'Not found',
        ...who,
        status: 404,
        body: html`<h1>No such invitation</h1>`,
      });
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
      return renderFreelancer(c, services, {
        title: 'Invitation',
        ...who,
        status: err.status,
        body: html`<h1>Invitation</h1>${errorLine(err.message)}<p><a href="/freelancer">Back</a></p>`,
      });
    }
  });

  app.get('/freelancer/proposals/:proposalId/interview', async (c) => {
    const who = await requireFreelancer(c, services);
    if ('response' in who) return who.response;
    const mine = await services.proposals.ownProposal(who.user.id, c.req.param('proposalId'));
    if (!mine)
      return renderFreelancer(c, services, {
        title: 'Not found',
        ...who,
        status: 404,
        body: html`<h1>No such proposal</h1>`,
      });
    return renderFreelancer(c, services, {
      title: 'AI interview',
      ...who,
      body: await interviewBody(c, services, mine.id),
    });
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
      return renderFreelancer(c, services, {
        title: 'AI interview',
        ...who,
        status: err.status,
        body: await interviewBody(c, services, proposalId, err.message),
      });
    }
    return redirectTo(c, `/freelancer/proposals/${proposalId}/interview`);
  });
}
