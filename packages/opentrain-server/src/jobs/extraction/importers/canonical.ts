/**
 * OpenTrain canonical JSON: an object whose keys are the normalized field names (= draft PATCH
 * keys), plus the short aliases the create endpoint documents (title, description, rateAmount,
 * tools). Values may be canonical enums or everyday words ("hourly", "bounding boxes", "es",
 * "Germany"); each is normalised, and anything that cannot be is reported in unmappedFields.
 */
import { normalizeCountry } from '../countries';
import { paymentTypeFromWords } from '../currency';
import { normalizeDataType } from '../data-type';
import { normalizeSubjectMatter } from '../domain';
import { extractProjectDuration, extractTimeRequirement } from '../duration';
import { normalizeExperienceLevel } from '../experience';
import { normalizeLabelType } from '../labels';
import { normalizeLanguage } from '../languages';
import { parseNumber } from '../numbers';
import type { ResultBuilder } from '../result';
import { fold, splitSentences } from '../text';
import { normalizeTool } from '../tools';
import {
  CURRENCIES,
  type Currency,
  DATA_VOLUME_UNITS,
  type DataVolumeUnit,
  type FieldName,
  type LabelType,
  PAYMENT_TYPES,
  type PaymentType,
} from '../types';
import { isRecord, priceFieldFor, stripHtml, unmapped } from './shared';

type Target = FieldName | 'rateAmount' | 'rateMin' | 'rateMax' | 'hoursPerWeek' | 'ignored';

/** Accepted keys → field. PATCH keys map to themselves; the rest are documented aliases. */
export const CANONICAL_KEYS: Record<string, Target> = {
  title: 'jobTitle',
  jobTitle: 'jobTitle',
  description: 'jobDescription',
  jobDescription: 'jobDescription',
  paymentType: 'paymentType',
  rateAmount: 'rateAmount',
  pricePerHour: 'pricePerHour',
  pricePerLabel: 'pricePerLabel',
  fixedPrice: 'fixedPrice',
  currency: 'currency',
  rateMin: 'rateMin',
  rateMax: 'rateMax',
  budgetRange: 'budgetRange',
  dataVolume: 'dataVolume',
  dataVolumeUnit: 'dataVolumeUnit',
  labelTypes: 'labelTypes',
  dataType: 'dataType',
  languages: 'languages',
  countries: 'countries',
  experienceLevel: 'experienceLevel',
  headcount: 'headcount',
  tools: 'labelingSoftware',
  labelingSoftware: 'labelingSoftware',
  projectDuration: 'projectDuration',
  timeRequirement: 'timeRequirement',
  hoursPerWeek: 'hoursPerWeek',
  subjectMatter: 'subjectMatter',
  externalId: 'ignored',
  idempotencyKey: 'ignored',
};

const STRUCTURED = 1;

function number(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? v : undefined;
  if (typeof v === 'string') {
    const n = parseNumber(v.replace(/^[^\d]+|[^\d]+$/g, ''));
    return n !== undefined && n > 0 ? n : undefined;
  }
  return undefined;
}

function list(v: unknown): string[] | undefined {
  if (typeof v === 'string') return v.split(/[,;/]|\band\b/).map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.map((s) => s.trim()).filter(Boolean);
  return undefined;
}

export function normalizePaymentType(input: string): PaymentType | undefined {
  const t = input.trim().toUpperCase().replace(/[\s-]+/g, '_');
  if ((PAYMENT_TYPES as readonly string[]).includes(t)) return t as PaymentType;
  if (/^(HOURLY|PER_HOUR|HOUR|BY_THE_HOUR)$/.test(t)) return 'PAY_PER_HOUR';
  if (/^(PER_LABEL|LABEL|PER_ITEM|PER_TASK|PER_UNIT|PIECE|PIECEWORK|PIECE_RATE)$/.test(t)) return 'PAY_PER_LABEL';
  if (/^(FIXED|FIXED_PRICE|FLAT|FLAT_FEE|PROJECT|LUMP_SUM|TOTAL)$/.test(t)) return 'FIXED_PRICE';
  return undefined;
}

export function normalizeVolumeUnit(input: string): DataVolumeUnit | undefined {
  const t = input.trim().toUpperCase().replace(/[\s-]+/g, '_');
  if ((DATA_VOLUME_UNITS as readonly string[]).includes(t)) return t as DataVolumeUnit;
  if (/^(FILES?|ITEMS?|IMAGES?|DOCUMENTS?|RECORDS?|SAMPLES?|NUMBER_OF_ITEMS)$/.test(t)) return 'NUMBER_OF_FILES';
  if (/^(WORDS?|TOKENS?)$/.test(t)) return 'NUMBER_OF_WORDS';
  if (/^(HOURS?|HOURS_OF_AUDIO|HOURS_OF_VIDEO|AUDIO_HOURS|VIDEO_HOURS)$/.test(t)) return 'HOURS_OF_RECORDING_AUDIO_VIDEO';
  if (/^(UNKNOWN|NOT_SPECIFIED|TBD|NONE)$/.test(t)) return 'UNKNOWN_NOT_SPECIFIED';
  return undefined;
}

export interface CanonicalOutcome {
  /** A rate given without a payment type; assigned once the type is known (e.g. from the text). */
  pendingRate?: number;
}

/** Applies one canonical key. Returns false when the key itself is unknown. */
export function applyCanonicalField(b: ResultBuilder, key: string, value: unknown, path: string, out: CanonicalOutcome): boolean {
  const target = CANONICAL_KEYS[key];
  if (!target) return false;
  if (value === undefined || value === null || value === '') return true;
  const bad = () => unmapped(b, path, 'unrecognized_value', value);
  const str = typeof value === 'string' ? value.trim() : undefined;
  switch (target) {
    case 'ignored':
      return true;
    case 'jobTitle':
      if (str) b.set('jobTitle', str.slice(0, 200), STRUCTURED);
      else bad();
      return true;
    case 'jobDescription':
      if (str) b.set('jobDescription', /<[a-z][\s\S]*>/i.test(str) ? stripHtml(str) : str, STRUCTURED);
      else bad();
      return true;
    case 'paymentType': {
      const t = str ? normalizePaymentType(str) : undefined;
      if (t) b.set('paymentType', t, STRUCTURED);
      else bad();
      return true;
    }
    case 'rateAmount': {
      const n = number(value);
      if (n === undefined) bad();
      else out.pendingRate = n;
      return true;
    }
    case 'pricePerHour':
    case 'pricePerLabel':
    case 'fixedPrice':
    case 'dataVolume': {
      const n = number(value);
      if (n === undefined) bad();
      else b.set(target, n, STRUCTURED);
      return true;
    }
    case 'headcount': {
      const n = number(value);
      if (n === undefined || !Number.isInteger(n)) bad();
      else b.set('headcount', n, STRUCTURED);
      return true;
    }
    case 'rateMin':
    case 'rateMax': {
      const n = number(value);
      if (n === undefined) {
        bad();
        return true;
      }
      const range = b.fields.budgetRange ?? { min: n, max: n };
      const next = target === 'rateMin' ? { min: n, max: Math.max(range.max, n) } : { min: Math.min(range.min, n), max: n };
      b.replace('budgetRange', next, STRUCTURED);
      return true;
    }
    case 'budgetRange': {
      const min = isRecord(value) ? number(value.min) : undefined;
      const max = isRecord(value) ? number(value.max) : undefined;
      if (min === undefined || max === undefined || min > max) bad();
      else b.set('budgetRange', { min, max }, STRUCTURED);
      return true;
    }
    case 'currency': {
      const c = str?.toUpperCase();
      if (c && (CURRENCIES as readonly string[]).includes(c)) b.set('currency', c as Currency, STRUCTURED);
      else bad();
      return true;
    }
    case 'dataVolumeUnit': {
      const u = str ? normalizeVolumeUnit(str) : undefined;
      if (u) b.set('dataVolumeUnit', u, STRUCTURED);
      else bad();
      return true;
    }
    case 'labelTypes': {
      const items = list(value);
      if (!items) {
        bad();
        return true;
      }
      const types: LabelType[] = [];
      items.forEach((item, i) => {
        const t = normalizeLabelType(item);
        if (t && !types.includes(t)) types.push(t);
        else if (!t) unmapped(b, `${path}[${i}]`, 'unrecognized_value', item);
      });
      if (types.length) b.set('labelTypes', types, STRUCTURED);
      return true;
    }
    case 'languages':
    case 'countries': {
      const items = list(value);
      if (!items) {
        bad();
        return true;
      }
      const normalize = target === 'languages' ? normalizeLanguage : normalizeCountry;
      const names: string[] = [];
      items.forEach((item, i) => {
        const n = normalize(item);
        if (n && !names.includes(n)) names.push(n);
        else if (!n) unmapped(b, `${path}[${i}]`, 'unrecognized_value', item);
      });
      if (names.length) b.set(target, names, STRUCTURED);
      return true;
    }
    case 'labelingSoftware': {
      const items = list(value);
      if (!items) bad();
      else b.set('labelingSoftware', [...new Set(items.map(normalizeTool))], STRUCTURED);
      return true;
    }
    case 'dataType': {
      const t = str ? normalizeDataType(str) : undefined;
      if (t) b.set('dataType', t, STRUCTURED);
      else bad();
      return true;
    }
    case 'experienceLevel': {
      const t = str ? normalizeExperienceLevel(str) : undefined;
      if (t) b.set('experienceLevel', t, STRUCTURED);
      else bad();
      return true;
    }
    case 'subjectMatter': {
      const t = str ? normalizeSubjectMatter(str) : undefined;
      if (t) b.set('subjectMatter', t, STRUCTURED);
      else bad();
      return true;
    }
    case 'projectDuration':
    case 'timeRequirement': {
      if (!str) {
        bad();
        return true;
      }
      const extract = target === 'projectDuration' ? extractProjectDuration : extractTimeRequirement;
      const found = extract(splitSentences(str));
      b.set(target, found?.value ?? str.slice(0, 100), found ? STRUCTURED : 0.7, str);
      return true;
    }
    case 'hoursPerWeek': {
      const n = number(value);
      if (n === undefined) bad();
      else b.set('timeRequirement', `${n} hours/week`, STRUCTURED);
      return true;
    }
  }
  return true;
}

/** Assigns a rate that arrived without a payment type, once the type is known. */
export function settlePendingRate(b: ResultBuilder, out: CanonicalOutcome, path: string): void {
  if (out.pendingRate === undefined) return;
  const fromWords = paymentTypeFromWords(fold(b.fields.jobDescription ?? ''));
  if (!b.fields.paymentType && fromWords) b.set('paymentType', fromWords, 0.7, 'payment type named in the description');
  const type = b.fields.paymentType;
  if (!type) {
    unmapped(b, path, 'unrecognized_value', out.pendingRate);
    return;
  }
  const key = priceFieldFor(type);
  if (!b.has(key)) b.set(key, out.pendingRate, STRUCTURED);
}

/** The canonical object: every key applied, unknown keys reported. */
export function applyCanonicalJob(b: ResultBuilder, job: Record<string, unknown>, prefix: string): CanonicalOutcome {
  const out: CanonicalOutcome = {};
  for (const [key, value] of Object.entries(job)) {
    if (!applyCanonicalField(b, key, value, `${prefix}.${key}`, out)) unmapped(b, `${prefix}.${key}`, 'unknown_key', value);
  }
  return out;
}
