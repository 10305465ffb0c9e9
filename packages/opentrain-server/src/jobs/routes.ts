/**
 * @module Routes outside the operation registry: the public job
 * pages `/jobs` (browse/search) and `/jobs/{id}`, and the owner's draft review page `/job-post?jobId=`.
 */
import type { PublicJob } from '@opentrain/api';
import { type AppEnv, html } from '@platform/kit';
import type { Hono } from 'hono';
import { validateContent } from './drafts/draft-fields';
import { contentOf } from './drafts/drafts-service';
import type { JobsServices } from './context';
import { vocabularyLabel } from './vocabulary';
import { currentUser, render, securityHeaders } from '../platform/web-ui';

const money = (n: unknown) => (typeof n === 'number' ? `$${n.toLocaleString('en-US')}` : '');
const payText = (pay: PublicJob['pay']) =>
  pay.hourlyRate != null
    ? `${money(pay.hourlyRate)} per hour`
    : pay.perLabelRate != null
      ? `${money(pay.perLabelRate)} per label`
      : pay.fixedPrice != null
        ? `${money(pay.fixedPrice)} fixed price`
        : '';

export function mountJobs(app: Hono<AppEnv>, services: JobsServices): void {
  app.use('/jobs', securityHeaders);
  app.get('/jobs', async (c) => {
    const user = await currentUser(c, services);
    const q = (c.req.query('q') ?? '').slice(0, 200);
    const result = await services.marketplace.search({ q: q || undefined, limit: 50 });
    return render(c, services, {
      title: 'Open jobs',
      user,
      body: html`<h1>Open jobs</h1>
        <form method="get" action="/jobs"><label>Search <input name="q" value="${q}" maxlength="200" /></label><button type="submit">Search</button></form>
        ${result.jobs.length ? html`<ul>${result.jobs.map((j) => html`<li data-job-id="${j.id}"><a href="/jobs/${j.id}">${j.title}</a> · ${j.companyName} · ${payText(j.pay)}</li>`)}</ul>` : html`<p>No open jobs match.</p>`}`,
    });
  });

  app.use('/jobs/:jobId', securityHeaders);
  app.get('/jobs/:jobId', async (c) => {
    const user = await currentUser(c, services);
    const jobId = c.req.param('jobId');
    const job = jobId.length <= 64 ? await services.marketplace.getListed(jobId) : undefined;
    if (!job) {
      return render(c, services, {
        title: 'Job not found',
        user,
        status: 404,
        body: html`<h1>Job not found</h1><p>This job is closed or was never published.</p><p><a href="/">OpenTrain</a></p>`,
      });
    }
    const pay = payText(job.pay);
    return render(c, services, {
      title: job.title,
      user,
      body: html`<article data-job-id="${job.id}">
        <h1>${job.title}</h1>
        <p>${job.companyName} · posted ${job.datePosted?.slice(0, 10) ?? ''} · <strong>${pay}</strong></p>
        <table><tbody>
          <tr><th>Label types</th><td>${job.labelTypes.map(vocabularyLabel).join(', ') || 'Not specified'}</td></tr>
          <tr><th>Data type</th><td>${job.dataType ? vocabularyLabel(job.dataType) : 'Not specified'}</td></tr>
          <tr><th>Experience</th><td>${job.experienceLevel ? vocabularyLabel(job.experienceLevel) : 'Any level'}</td></tr>
          <tr><th>Languages</th><td>${job.languages.join(', ') || 'Any'}</td></tr>
          <tr><th>Countries</th><td>${job.countries.join(', ') || 'Anywhere'}</td></tr>
          <tr><th>Software</th><td>${job.labelingSoftware.join(', ') || 'Any tool'}</td></tr>
        </tbody></table>
        <section>${job.descriptionText
          .split(/\n\s*\n/)
          .filter((p) => p.trim())
          .map((p) => html`<p class="prose-lines">${p.trim()}</p>`)}</section>
        <p id="apply"><a href="${job.applyUrl}">Apply as an AI trainer</a></p>
      </article>`,
    });
  });

  app.use('/job-post', securityHeaders);
  app.get('/job-post', async (c) => {
    const user = await currentUser(c, services);
    const jobId = c.req.query('jobId') ?? '';
    if (!user) {
      return render(c, services, {
        title: 'Sign in',
        status: 401,
        body: html`<h1>Sign in to review this draft</h1><p><a href="/signin">Sign in</a> with the email that claimed the agent account, then open this link again.</p>`,
      });
    }
    const membership = await services.users.membership(user.id);
    const job = jobId ? await services.jobs.get(jobId) : undefined;
    if (!job || !membership || membership.organization_id !== job.organizationId) {
      return render(c, services, {
        title: 'Draft not found',
        user,
        status: 404,
        body: html`<h1>Draft not found</h1><p>No such job in your organization.</p>`,
      });
    }
    const { validation, missingFields } = validateContent(
      contentOf({
        title: job.title,
        description: job.description,
        fields: job.fields,
      }),
    );
    return render(c, services, {
      title: job.title ?? 'Job draft',
      user,
      body: html`<h1>${job.title ?? 'Untitled draft'}</h1>
        <p>Status <strong>${job.status}</strong> · ${validation.publishReady ? 'ready to publish' : `${validation.missingFieldCount} field(s) missing`}</p>
        ${missingFields.length ? html`<h2>Still needed</h2><ul>${missingFields.map((m) => html`<li><strong>${m.label}</strong>: ${m.prompt.replace(/^ask:\s*/, '')}</li>`)}</ul>` : ''}
        ${validation.issues.length ? html`<h2>Problems</h2><ul>${validation.issues.map((i) => html`<li class="error">${i.field}: ${i.message}</li>`)}</ul>` : ''}
        <h2>Fields</h2>
        <table><tbody>${Object.entries(job.fields).map(([k, v]) => html`<tr><th>${k}</th><td>${typeof v === 'string' ? v : JSON.stringify(v)}</td></tr>`)}</tbody></table>
        <h2>Description</h2><pre>${job.description ?? ''}</pre>
        ${job.status === 'OPEN' ? html`<p><a href="${job.jobUrl}">Public job page</a></p>` : ''}`,
    });
  });
}
