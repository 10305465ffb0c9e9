/**
 * schema.org JobPosting (JSON-LD). The JobPosting node may be the object itself, inside an array
 * or inside "@graph". Mapped properties:
 *   title → jobTitle · description (HTML allowed) → jobDescription
 *   baseSalary MonetaryAmount {currency, value: number | QuantitativeValue {value|minValue|maxValue,
 *     unitText}} → paymentType/rate/budgetRange/currency (unitText HOUR → PAY_PER_HOUR; ITEM, PIECE,
 *     LABEL, TASK, UNIT → PAY_PER_LABEL; PROJECT, FIXED, TOTAL → FIXED_PRICE; DAY/WEEK/MONTH/YEAR are
 *     not supported and reported)
 *   employmentType FULL_TIME/PART_TIME → timeRequirement · workHours → timeRequirement
 *   applicantLocationRequirements, jobLocation.address.addressCountry → countries
 *   totalJobOpenings → headcount · industry/occupationalCategory → subjectMatter
 *   experienceRequirements (text or {monthsOfExperience}) → experienceLevel
 *   skills, qualifications, responsibilities, educationRequirements → read as text for the rest.
 * Known properties that a draft does not use (datePosted, hiringOrganization, …) are listed in
 * unmappedFields with reason "not_supported"; other keys with reason "unknown_key".
 */
import { normalizeCountry } from '../countries';
import { normalizeSubjectMatter } from '../domain';
import { extractTimeRequirement } from '../duration';
import { normalizeExperienceLevel } from '../experience';
import { extractInto } from '../extract';
import { parseNumber } from '../numbers';
import type { ResultBuilder } from '../result';
import { splitSentences } from '../text';
import { CURRENCIES, type Currency, type PaymentType } from '../types';
import { asArray, isRecord, JobImportError, priceFieldFor, stripHtml, unmapped } from './shared';

const NOT_USED = new Set([
  'datePosted',
  'validThrough',
  'hiringOrganization',
  'identifier',
  'url',
  'directApply',
  'jobLocationType',
  'jobStartDate',
  'image',
  'sameAs',
  'jobBenefits',
  'salaryCurrency',
  'estimatedSalary',
  'incentiveCompensation',
  'specialCommitments',
  'employerOverview',
  'applicationContact',
  'eligibilityToWorkRequirement',
  'physicalRequirement',
  'sensoryRequirement',
  'securityClearanceRequirement',
  'jobImmediateStart',
]);
const TEXT_KEYS = ['skills', 'qualifications', 'responsibilities', 'educationRequirements', 'experienceRequirements'];
const HANDLED = new Set([
  '@context',
  '@type',
  '@id',
  'title',
  'name',
  'description',
  'baseSalary',
  'employmentType',
  'workHours',
  'applicantLocationRequirements',
  'jobLocation',
  'totalJobOpenings',
  'industry',
  'occupationalCategory',
  ...TEXT_KEYS,
]);

const UNIT: Record<string, PaymentType> = {
  HOUR: 'PAY_PER_HOUR',
  HOURLY: 'PAY_PER_HOUR',
  ITEM: 'PAY_PER_LABEL',
  PIECE: 'PAY_PER_LABEL',
  LABEL: 'PAY_PER_LABEL',
  TASK: 'PAY_PER_LABEL',
  UNIT: 'PAY_PER_LABEL',
  PROJECT: 'FIXED_PRICE',
  FIXED: 'FIXED_PRICE',
  TOTAL: 'FIXED_PRICE',
};

const isJobPosting = (n: unknown): n is Record<string, unknown> =>
  isRecord(n) && asArray(n['@type'] as unknown).some((t) => t === 'JobPosting' || t === 'schema:JobPosting');

function findPosting(payload: unknown): Record<string, unknown> | undefined {
  if (isJobPosting(payload)) return payload;
  const nodes = Array.isArray(payload) ? payload : isRecord(payload) ? asArray(payload['@graph'] as unknown) : [];
  for (const node of nodes) {
    const found = findPosting(node);
    if (found) return found;
  }
  return undefined;
}

/** Text of a schema.org value: string, number, {name}, {@value}, or arrays of those. */
function plain(value: unknown): string[] {
  return asArray(value).flatMap((v) => {
    if (typeof v === 'string' || typeof v === 'number') return [String(v)];
    if (isRecord(v)) return plain(v.name ?? v['@value'] ?? v.value ?? v.description ?? v.addressCountry);
    return [];
  });
}

const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' ? parseNumber(v) : undefined);

function applySalary(b: ResultBuilder, salary: unknown, path: string): void {
  const amount = asArray(salary).find(isRecord);
  if (!amount) {
    unmapped(b, path, 'unrecognized_value', salary);
    return;
  }
  const q = isRecord(amount.value) ? amount.value : { value: amount.value };
  const value = num(q.value);
  const min = num(q.minValue);
  const max = num(q.maxValue);
  const unitText = String(q.unitText ?? amount.unitText ?? '').toUpperCase();
  const type = UNIT[unitText];
  const rate = value ?? min ?? max;
  const currency = String(amount.currency ?? q.currency ?? '').toUpperCase();
  if (!type || rate === undefined || rate <= 0) {
    b.warn({
      code: 'unsupported_rate_unit',
      field: 'paymentType',
      message: `baseSalary with unitText "${unitText || 'none'}" is not per hour, per item or per project; ask how the job pays.`,
    });
    unmapped(b, path, 'not_supported', salary);
    return;
  }
  b.set('paymentType', type, 1);
  b.set(priceFieldFor(type), rate, 1);
  if (min !== undefined && max !== undefined && min < max) b.set('budgetRange', { min, max }, 1);
  if ((CURRENCIES as readonly string[]).includes(currency)) b.set('currency', currency as Currency, 1);
  else if (currency) unmapped(b, `${path}.currency`, 'unrecognized_value', currency);
}

export function importJsonLd(b: ResultBuilder, payload: unknown): void {
  let data = payload;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      throw new JobImportError('invalid_payload', 'jsonLd is a string but not valid JSON.');
    }
  }
  const posting = findPosting(data);
  if (!posting) throw new JobImportError('no_job_found', 'No schema.org JobPosting node was found in jsonLd.');

  const title = plain(posting.title)[0] ?? plain(posting.name)[0];
  if (title) b.set('jobTitle', title.trim().slice(0, 200), 1);
  const description = plain(posting.description).join('\n');
  if (description.trim()) b.set('jobDescription', stripHtml(description), 1);
  if (posting.baseSalary !== undefined) applySalary(b, posting.baseSalary, 'jsonLd.baseSalary');

  const employment = plain(posting.employmentType).map((t) => t.toUpperCase().replace(/[\s-]/g, '_'));
  const hours = plain(posting.workHours).join(' ');
  const fromHours = hours ? extractTimeRequirement(splitSentences(hours)) : undefined;
  if (fromHours) b.set('timeRequirement', fromHours.value, 0.95, hours);
  else if (employment.includes('FULL_TIME')) b.set('timeRequirement', 'full-time', 1);
  else if (employment.includes('PART_TIME')) b.set('timeRequirement', 'part-time', 1);

  const places = [
    ...plain(posting.applicantLocationRequirements),
    ...asArray(posting.jobLocation as unknown).flatMap((loc) => (isRecord(loc) ? plain(isRecord(loc.address) ? loc.address.addressCountry : undefined) : [])),
  ];
  const countries = [...new Set(places.map(normalizeCountry).filter((c): c is string => c !== undefined))];
  if (countries.length) b.set('countries', countries, 1);
  for (const place of places) if (!normalizeCountry(place)) unmapped(b, 'jsonLd.applicantLocationRequirements', 'unrecognized_value', place);

  const openings = num(posting.totalJobOpenings);
  if (openings !== undefined && Number.isInteger(openings) && openings > 0) b.set('headcount', openings, 1);
  const domain = [...plain(posting.industry), ...plain(posting.occupationalCategory)].map(normalizeSubjectMatter).find(Boolean);
  if (domain) b.set('subjectMatter', domain, 0.9);

  const experience = asArray(posting.experienceRequirements as unknown).find(isRecord);
  const months = experience ? num(experience.monthsOfExperience) : undefined;
  if (months !== undefined) b.set('experienceLevel', months >= 36 ? 'EXPERT' : months >= 12 ? 'INTERMEDIATE' : 'ENTRY_LEVEL', 0.9);
  const level = plain(posting.experienceRequirements).map(normalizeExperienceLevel).find(Boolean);
  if (level) b.set('experienceLevel', level, 0.9);

  for (const key of Object.keys(posting)) {
    if (HANDLED.has(key)) continue;
    unmapped(b, `jsonLd.${key}`, NOT_USED.has(key) ? 'not_supported' : 'unknown_key', posting[key]);
  }
  const extra = TEXT_KEYS.flatMap((k) => plain(posting[k])).map(stripHtml);
  const text = [b.fields.jobDescription ?? '', ...extra].filter(Boolean).join('\n');
  extractInto(b, text);
}
