/**
 * XML job feeds.
 *
 * Indeed XML: <source><job>…</job></source> (or a bare <job>). title, description (HTML/CDATA),
 * salary (free text, e.g. "$20-$30 per hour"), jobtype (fulltime/parttime), country, experience,
 * category. Feed bookkeeping (date, referencenumber, url, company, city, state, postalcode,
 * email, expirationdate …) is listed as not_supported; unknown tags as unknown_key. Only the first
 * <job> is imported (warning import_multiple_jobs).
 *
 * HR-XML: <PositionOpening><PositionProfile> in the 2.x shape (PositionDetail/PositionTitle,
 * FormattedPositionDescription {Name, Value}, PhysicalLocation/PostalAddress/CountryCode,
 * RemunerationPackage/BasePay/BasePayAmountMin|Max@currency) and the 3.x shape (PositionTitle,
 * PositionFormattedDescription/Content, PositionLocation/Address/CountryCode,
 * PositionScheduleTypeCode, OfferedRemunerationPackage/RemunerationRange with amounts,
 * @currencyID and an interval/basis code). Namespaces are ignored.
 */
import { normalizeCountry } from '../countries';
import { normalizeSubjectMatter } from '../domain';
import { extractExperience } from '../experience';
import { extractInto } from '../extract';
import { parseNumber } from '../numbers';
import type { ResultBuilder } from '../result';
import { splitSentences } from '../text';
import { CURRENCIES, type Currency, type PaymentType } from '../types';
import { applySalaryText, asArray, isRecord, JobImportError, parseXml, priceFieldFor, stripHtml, textOf, unmapped } from './shared';

const INDEED_NOT_USED = new Set([
  'date',
  'referencenumber',
  'requisitionid',
  'url',
  'company',
  'sourcename',
  'city',
  'state',
  'postalcode',
  'streetaddress',
  'email',
  'expirationdate',
  'education',
  'remotetype',
  'tracking_url',
  'logo',
]);
const INDEED_HANDLED = new Set(['title', 'description', 'salary', 'jobtype', 'country', 'experience', 'category']);

export function importIndeedXml(b: ResultBuilder, xml: unknown): void {
  const doc = parseXml(xml);
  const source = isRecord(doc.source) ? doc.source : doc;
  const jobs = asArray(source.job as unknown).filter(isRecord);
  if (jobs.length === 0) throw new JobImportError('no_job_found', 'No <job> element was found in the Indeed XML.');
  if (jobs.length > 1) {
    b.warn({ code: 'import_multiple_jobs', message: `The feed has ${jobs.length} <job> elements; only the first was imported.` });
  }
  const job = jobs[0];
  const text = (key: string) => textOf(job[key]);

  const title = text('title');
  if (title) b.set('jobTitle', title.slice(0, 200), 1);
  const description = text('description');
  if (description) b.set('jobDescription', stripHtml(description), 1);
  const salary = text('salary');
  if (salary) applySalaryText(b, salary, 'xml.job.salary');
  const jobType = text('jobtype')?.toLowerCase().replace(/[\s_-]/g, '');
  if (jobType === 'fulltime') b.set('timeRequirement', 'full-time', 1);
  else if (jobType === 'parttime') b.set('timeRequirement', 'part-time', 1);
  const country = text('country');
  if (country) {
    const name = normalizeCountry(country);
    if (name) b.set('countries', [name], 0.9);
    else unmapped(b, 'xml.job.country', 'unrecognized_value', country);
  }
  const experience = text('experience');
  if (experience) b.setFinding('experienceLevel', extractExperience(splitSentences(experience)));
  const category = text('category');
  if (category) {
    const domain = normalizeSubjectMatter(category);
    if (domain) b.set('subjectMatter', domain, 0.9);
    else unmapped(b, 'xml.job.category', 'unrecognized_value', category);
  }
  for (const key of Object.keys(job)) {
    if (INDEED_HANDLED.has(key) || key.startsWith('@')) continue;
    unmapped(b, `xml.job.${key}`, INDEED_NOT_USED.has(key) ? 'not_supported' : 'unknown_key', job[key]);
  }
  extractInto(b, b.fields.jobDescription ?? '');
}

/** Depth-first search for the first element named `name` (any depth). */
function find(node: unknown, name: string): unknown {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = find(item, name);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isRecord(node)) return undefined;
  if (name in node) return node[name];
  for (const [key, child] of Object.entries(node)) {
    if (key.startsWith('@')) continue;
    const found = find(child, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

function findAll(node: unknown, test: (key: string) => boolean, out: [string, unknown][] = []): [string, unknown][] {
  if (Array.isArray(node)) for (const item of node) findAll(item, test, out);
  else if (isRecord(node)) {
    for (const [key, child] of Object.entries(node)) {
      if (test(key)) for (const c of asArray(child)) out.push([key, c]);
      if (!key.startsWith('@')) findAll(child, test, out);
    }
  }
  return out;
}

const INTERVAL: [RegExp, PaymentType | 'PERIOD'][] = [
  [/^(hour|hourly|hourlyrate|perhour|hr)$/, 'PAY_PER_HOUR'],
  [/^(piece|item|task|unit|perpiece|peritem|pertask|label|perlabel)$/, 'PAY_PER_LABEL'],
  [/^(project|fixed|total|lumpsum|perproject)$/, 'FIXED_PRICE'],
  [/^(day|daily|week|weekly|month|monthly|year|yearly|annual|annually|perannum)$/, 'PERIOD'],
];

function applyRemuneration(b: ResultBuilder, pkg: unknown, path: string): void {
  const amounts = findAll(pkg, (k) => /amount/i.test(k) && !/^@/.test(k));
  const values = amounts
    .map(([key, node]) => ({ key, value: parseNumber(textOf(node) ?? ''), currency: isRecord(node) ? (node['@currencyID'] ?? node['@currency']) : undefined }))
    .filter((a): a is { key: string; value: number; currency: unknown } => a.value !== undefined && a.value > 0);
  const codes = findAll(pkg, (k) => /interval|basis|frequency|period|typecode/i.test(k))
    .map(([, node]) => (textOf(node) ?? '').toLowerCase().replace(/[\s_-]/g, ''))
    .map((code) => INTERVAL.find(([re]) => re.test(code))?.[1])
    .filter(Boolean);
  const type = codes[0];
  if (values.length === 0 || !type || type === 'PERIOD') {
    b.warn({
      code: 'unsupported_rate_unit',
      field: 'paymentType',
      message: 'The remuneration is not stated per hour, per item or per project; ask how the job pays.',
    });
    unmapped(b, path, 'not_supported', pkg);
    return;
  }
  const min = values.find((v) => /min/i.test(v.key))?.value;
  const max = values.find((v) => /max/i.test(v.key))?.value;
  const rate = min ?? values[0].value;
  b.set('paymentType', type, 1);
  b.set(priceFieldFor(type), rate, 1);
  if (min !== undefined && max !== undefined && min < max) b.set('budgetRange', { min, max }, 1);
  const currency = String(values.find((v) => v.currency)?.currency ?? '').toUpperCase();
  if ((CURRENCIES as readonly string[]).includes(currency)) b.set('currency', currency as Currency, 1);
}

const HR_HANDLED = new Set([
  'PositionDetail',
  'PositionTitle',
  'FormattedPositionDescription',
  'PositionFormattedDescription',
  'PositionLocation',
  'PositionScheduleTypeCode',
  'OfferedRemunerationPackage',
  'PositionQualifications',
]);

export function importHrXml(b: ResultBuilder, xml: unknown): void {
  const doc = parseXml(xml);
  const opening = find(doc, 'PositionOpening');
  const profile = asArray(find(opening ?? doc, 'PositionProfile')).find(isRecord);
  if (!profile) throw new JobImportError('no_job_found', 'No PositionOpening/PositionProfile was found in the HR-XML.');

  const title = textOf(find(profile, 'PositionTitle'));
  if (title) b.set('jobTitle', title.slice(0, 200), 1);
  const sections = [
    ...asArray(profile.FormattedPositionDescription as unknown).filter(isRecord).filter((s) => /descr|task|qualif|requirement|responsib/i.test(textOf(s.Name) ?? 'description')).map((s) => textOf(s.Value)),
    ...asArray(profile.PositionFormattedDescription as unknown).map((s) => (isRecord(s) ? textOf(s.Content) : textOf(s))),
  ].filter((s): s is string => Boolean(s));
  if (sections.length) b.set('jobDescription', stripHtml(sections.join('\n\n')), 1);

  const countries = findAll(profile, (k) => k === 'CountryCode')
    .map(([, n]) => textOf(n))
    .filter((c): c is string => Boolean(c));
  const names = [...new Set(countries.map(normalizeCountry).filter((c): c is string => c !== undefined))];
  if (names.length) b.set('countries', names, 0.9);
  for (const c of countries) if (!normalizeCountry(c)) unmapped(b, 'xml.CountryCode', 'unrecognized_value', c);

  const schedule = (textOf(find(profile, 'PositionScheduleTypeCode')) ?? '').toLowerCase().replace(/[\s_-]/g, '');
  if (schedule === 'fulltime') b.set('timeRequirement', 'full-time', 1);
  else if (schedule === 'parttime') b.set('timeRequirement', 'part-time', 1);

  const remuneration = find(profile, 'OfferedRemunerationPackage') ?? find(profile, 'RemunerationPackage');
  if (remuneration !== undefined) applyRemuneration(b, remuneration, 'xml.RemunerationPackage');

  for (const key of Object.keys(profile)) {
    if (HR_HANDLED.has(key) || key.startsWith('@')) continue;
    unmapped(b, `xml.PositionProfile.${key}`, 'not_supported', profile[key]);
  }
  const qualifications = findAll(profile.PositionQualifications, (k) => /description|name|competency/i.test(k))
    .map(([, n]) => textOf(n))
    .filter(Boolean);
  extractInto(b, [b.fields.jobDescription ?? '', ...qualifications].join('\n'));
}
