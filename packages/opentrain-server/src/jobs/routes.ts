/**
 * @module Routes outside the operation registry: the public job
 * pages `/jobs` (browse/search) and `/jobs/{id}`, and the owner's draft review page `/job-post?jobId=`.
 */
import type { PublicJob } from '@opentrain/api';
import { type AppEnv, dataTable, emptyState, type EnumBadges, type Fact, facts, field, flash, formatDate, formatMoney, html, humanize, requestLocale, statusBadge } from '@platform/kit';
import type { Hono } from 'hono';
import { validateContent } from './drafts/draft-fields';
import { contentOf } from './drafts/drafts-service';
import type { JobsServices } from './context';
import { vocabularyLabel } from './vocabulary';
import { currentUser, render, securityHeaders } from '../platform/web-ui';
import type { JobStatus } from './schema';

const payText = (pay: PublicJob['pay'], locale: string) => {
  const usd = (n: number) => formatMoney(Math.round(n * 100), locale);
  if (pay.hourlyRate != null) return `${usd(pay.hourlyRate)} per hour`;
  if (pay.perLabelRate != null) return `${usd(pay.perLabelRate)} per label`;
  if (pay.fixedPrice != null) return `${usd(pay.fixedPrice)} fixed price`;
  return 'Rate on request';
};

/** A job's status as the owner reads it on the draft review page. */
const JOB_STATUS_BADGES: EnumBadges<JobStatus> = {
  DRAFT: { label: 'Draft', tone: 'warning' },
  PENDING_APPROVAL: { label: 'Waiting for review', tone: 'warning' },
  OPEN: { label: 'Published', tone: 'success' },
  ONGOING: { label: 'In progress', tone: 'info' },
  COMPLETED: { label: 'Completed', tone: 'neutral' },
  ARCHIVED: { label: 'Archived', tone: 'neutral' },
};

/** Fields whose values are names (tools, languages, countries), shown as written; other codes read as words. */
const NAME_FIELDS = new Set(['labelingSoftware', 'languages', 'countries', 'jobTitle']);

/** A draft field's value in words: codes ("BOUNDING_BOX") through the vocabulary, lists joined, nothing as "Not set". */
function draftValue(key: string, v: unknown): string {
  if (v == null || v === '' || (Array.isArray(v) && v.length === 0)) return 'Not set';
  const one = (x: unknown) => (typeof x === 'string' && !NAME_FIELDS.has(key) && /^[A-Z][A-Z0-9_]*$/.test(x) ? vocabularyLabel(x) : typeof x === 'string' || typeof x === 'number' ? String(x) : JSON.stringify(x));
  return Array.isArray(v) ? v.map(one).join(', ') : typeof v === 'boolean' ? (v ? 'Yes' : 'No') : one(v);
}

/** "pricePerHour" → "Price per hour". */
const fieldLabel = (key: string) => humanize(key.replace(/([a-z0-9])([A-Z])/g, '$1 $2'));

export function mountJobs(app: Hono<AppEnv>, services: JobsServices): void {
  app.use('/jobs', securityHeaders);
  app.get('/jobs', async (c) => {
    const user = await currentUser(c, services);
    const q = (c.req.query('q') ?? '').slice(0, 200);
    const result = await services.marketplace.search({ q: q || undefined, limit: 50 });
    const locale = requestLocale(c);
    return render(c, services, {
      title: 'Open jobs',
      user,
      body: html`<h1>Open jobs</h1>
        <p>Data-labelling and AI-training work posted by OpenTrain employers. <a href="/freelancer/signup">Join as an AI trainer</a> to apply.</p>
        <form method="get" action="/jobs" role="search">${field({ name: 'q', label: 'Search jobs', value: q, attrs: { maxlength: 200, type: 'search' } })}<button type="submit">Search</button></form>
        ${dataTable<(typeof result.jobs)[number]>({
          columns: [
            { label: 'Job', cell: (j) => html`<a href="/jobs/${j.id}">${j.title}</a>` },
            { label: 'Employer', cell: (j) => j.companyName, empty: 'Not named' },
            { label: 'Pay', cell: (j) => payText(j.pay, locale) },
          ],
          rows: result.jobs,
          rowAttrs: (j) => ({ 'data-job-id': j.id }),
          empty: emptyState(q ? 'No open jobs match your search' : 'No open jobs right now', q ? 'Try fewer or other words.' : 'New jobs appear here as soon as employers publish them.'),
        })}`,
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
    const locale = requestLocale(c);
    return render(c, services, {
      title: job.title,
      user,
      body: html`<article data-job-id="${job.id}">
        <h1>${job.title}</h1>
        ${facts([
          ['Employer', job.companyName || 'Not named'],
          ['Pay', payText(job.pay, locale), { 'data-pay': true }],
          ['Posted', job.datePosted ? formatDate(job.datePosted, locale) : 'Not published yet'],
          ['Label types', job.labelTypes.map(vocabularyLabel).join(', ') || 'Not specified'],
          ['Data type', job.dataType ? vocabularyLabel(job.dataType) : 'Not specified'],
          ['Experience', job.experienceLevel ? vocabularyLabel(job.experienceLevel) : 'Any level'],
          ['Languages', job.languages.join(', ') || 'Any language'],
          ['Countries', job.countries.join(', ') || 'Anywhere'],
          ['Software', job.labelingSoftware.join(', ') || 'Any tool'],
        ])}
        <section>${job.descriptionText
          .split(/\n\s*\n/)
          .filter((p) => p.trim())
          .map((p) => html`<p class="prose-lines">${p.trim()}</p>`)}</section>
        <p id="apply"><a href="${job.applyUrl}" role="button">Apply as an AI trainer</a></p>
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
        <p>${statusBadge(JOB_STATUS_BADGES, job.status)} ${validation.publishReady ? 'Ready to publish: your agent can publish it.' : `${validation.missingFieldCount} field(s) still needed before your agent can publish it.`}</p>
        ${missingFields.length ? html`<article class="stakes"><header><h2>Still needed</h2></header><ul>${missingFields.map((m) => html`<li><strong>${m.label}</strong>: ${m.prompt.replace(/^ask:\s*/, '')}</li>`)}</ul></article>` : ''}
        ${validation.issues.length ? flash({ error: html`<strong>Problems</strong><ul>${validation.issues.map((i) => html`<li>${fieldLabel(i.field)}: ${i.message}</li>`)}</ul>` }) : ''}
        <h2>Fields</h2>
        ${facts(Object.entries(job.fields).map(([k, v]): Fact => [fieldLabel(k), draftValue(k, v)]))}
        <h2>Description</h2><div class="prose-lines">${job.description ?? 'No description yet.'}</div>
        ${job.status === 'OPEN' ? html`<p><a href="${job.jobUrl}">Public job page</a></p>` : ''}`,
    });
  });
}
