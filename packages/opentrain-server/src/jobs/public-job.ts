/** @module A listed job as the tokenless marketplace shows it (spec §3.3 "Public Job object"). */
import type { PublicJob } from '@opentrain/api';
import { iso } from '../platform/db';
import type { JobRow } from './job-view';
import { jobPagePath } from './job-view';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** [I] The marketplace category is the subject-matter domain, GENERAL when the posting names none. */
export const categoryOf = (fields: Record<string, unknown>) => str(fields.subjectMatter) ?? 'GENERAL';

/** Plain text → minimal HTML: escaped, one paragraph per blank-line-separated block. */
export function textToHtml(text: string): string {
  const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export function summaryOf(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max * 0.6))}…`;
}

export function toPublicJob(row: JobRow & { company_name: string | null }, publicUrl: string): PublicJob {
  const f = row.fields ?? {};
  const paymentType = str(f.paymentType);
  const range = (f.budgetRange ?? null) as {
    min?: number;
    max?: number;
  } | null;
  const hourly = paymentType === 'PAY_PER_HOUR';
  const title = row.title ?? 'Untitled job';
  const description = row.description ?? '';
  const url = `${publicUrl}${jobPagePath(row.id)}`;
  const labelTypes = strings(f.labelTypes);
  const software = strings(f.labelingSoftware);
  return {
    id: row.id,
    slug: row.slug,
    title,
    companyName: row.company_name ?? 'OpenTrain employer',
    descriptionText: description,
    descriptionHtml: textToHtml(description),
    seoTitle: `${title} | AI training job on OpenTrain`,
    summary: summaryOf(description),
    status: row.status,
    datePosted: iso(row.published_at),
    validThrough: null,
    updatedAt: iso(row.updated_at) as string,
    employmentTypes: ['CONTRACTOR'],
    countries: strings(f.countries),
    languages: strings(f.languages),
    category: categoryOf(f),
    dataType: str(f.dataType),
    labelTypes,
    labelingSoftware: software,
    experienceLevel: str(f.experienceLevel),
    skills: [...labelTypes, ...software, ...(str(f.subjectMatter) ? [str(f.subjectMatter) as string] : [])],
    pay: {
      paymentType,
      currency: 'USD',
      hourlyRate: hourly ? num(f.pricePerHour) : null,
      hourlyMin: hourly ? (num(range?.min) ?? num(f.pricePerHour)) : null,
      hourlyMax: hourly ? (num(range?.max) ?? num(f.pricePerHour)) : null,
      fixedPrice: paymentType === 'FIXED_PRICE' ? num(f.fixedPrice) : null,
      perLabelRate: paymentType === 'PAY_PER_LABEL' ? num(f.pricePerLabel) : null,
    },
    url,
    // The freelancer-side job page (talent domain) carries the apply form.
    applyUrl: `${publicUrl}/freelancer/jobs/${encodeURIComponent(row.id)}`,
  };
}
