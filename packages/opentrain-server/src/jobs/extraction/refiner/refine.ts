/**
 * Optional LLM refiner: sends the posting and the deterministic result to an OpenAI-compatible
 * chat-completions endpoint and merges what comes back, defensively:
 * - the call is time-boxed (config.timeoutMs) and any failure returns the deterministic result
 *   unchanged with a `refiner.status` saying why;
 * - the reply must be a JSON object; every field is validated on its own with the field's zod
 *   schema (and normalised for languages/countries/tools), so one bad field does not sink the rest;
 * - numbers (rates, volume, headcount) must appear in the posting, or they are rejected as
 *   invented;
 * - it only fills gaps: an empty field is filled at confidence 0.55 (so it is listed in
 *   lowConfidenceFields for the agent to confirm); a low-confidence field the model agrees with is
 *   raised to 0.75; a disagreement adds an `llm_disagrees` warning; confident fields never change;
 * - jobDescription is never taken from the model.
 */
import { z } from 'zod';
import { normalizeCountry } from '../countries';
import { normalizeLanguage } from '../languages';
import { MULTIPLIER, NUM, NUMBER_WORDS, applyMultiplier, parseNumber } from '../numbers';
import { ResultBuilder } from '../result';
import { normalizeTool } from '../tools';
import {
  CURRENCIES,
  DATA_TYPES,
  DATA_VOLUME_UNITS,
  EXPERIENCE_LEVELS,
  type ExtractionResult,
  type FieldName,
  LABEL_TYPES,
  LOW_CONFIDENCE_THRESHOLD,
  normalizedJobFieldsSchema,
  PAYMENT_TYPES,
  type RefinerReport,
  SUBJECT_MATTERS,
} from '../types';
import type { LlmRefinerConfig } from './config';

/** Fields the model may propose (everything except the description). */
export const REFINABLE_FIELDS = normalizedJobFieldsSchema.keyof().options.filter((f) => f !== 'jobDescription') as FieldName[];
const NUMERIC: FieldName[] = ['pricePerHour', 'pricePerLabel', 'fixedPrice', 'dataVolume', 'headcount'];
const PRICE: Record<string, FieldName> = { PAY_PER_HOUR: 'pricePerHour', PAY_PER_LABEL: 'pricePerLabel', FIXED_PRICE: 'fixedPrice' };
const FILLED_CONFIDENCE = 0.55;
const CONFIRMED_CONFIDENCE = 0.75;
const MAX_POSTING_CHARS = 12_000;

const chatCompletionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

const SYSTEM_PROMPT = [
  'You extract fields from a job posting for AI-training / data-labelling work.',
  'Reply with ONE JSON object and nothing else. Use only these keys, and only for facts the posting states:',
  `jobTitle (string), paymentType (${PAYMENT_TYPES.join('|')}), pricePerHour, pricePerLabel, fixedPrice (numbers, only the one matching paymentType),`,
  `currency (${CURRENCIES.join('|')}), budgetRange ({"min":number,"max":number}), dataVolume (number),`,
  `dataVolumeUnit (${DATA_VOLUME_UNITS.join('|')}), labelTypes (array of ${LABEL_TYPES.join('|')}),`,
  `dataType (${DATA_TYPES.join('|')}), languages (English names), countries (English names, where workers must be),`,
  `experienceLevel (${EXPERIENCE_LEVELS.join('|')}), headcount (integer), labelingSoftware (array of tool names),`,
  `projectDuration (e.g. "2 weeks", "ongoing"), timeRequirement (e.g. "10 hours/week", "full-time"), subjectMatter (${SUBJECT_MATTERS.join('|')}).`,
  'Omit any key the posting does not state. Never guess numbers.',
].join('\n');

export interface RefineOptions {
  /** Injected fetch (defaults to the global one). */
  fetch?: typeof fetch;
  /** Caller cancellation, combined with the time box. */
  signal?: AbortSignal;
}

/** Every number written in the text, with the usual rescalings (cents, thousands, minutes). */
function numbersIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(new RegExp(`(${NUM})(${MULTIPLIER})?`, 'gu'))) {
    const n = parseNumber(m[1]);
    if (n !== undefined) out.push(n, applyMultiplier(n, m[2]));
  }
  for (const w of text.toLowerCase().match(/\p{L}+/gu) ?? []) if (NUMBER_WORDS[w] !== undefined && w.length > 2) out.push(NUMBER_WORDS[w]);
  return out;
}

function grounded(value: number, numbers: number[]): boolean {
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
  return numbers.some((n) => close(value, n) || close(value * 100, n) || close(value * 60, n));
}

function parseContent(content: string): Record<string, unknown> | undefined {
  const body = content.replace(/^\s*```(?:json)?\s*/i, '').replace(/\s*```\s*$/, '');
  try {
    const value = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Validates and normalises one proposed value; returns a reason string when it is rejected. */
function check(field: FieldName, raw: unknown, numbers: number[]): { value: unknown } | { reason: string } {
  let value = raw;
  if (field === 'languages' || field === 'countries') {
    if (!Array.isArray(raw)) return { reason: 'invalid_value' };
    const normalize = field === 'languages' ? normalizeLanguage : normalizeCountry;
    const names = raw.map((x) => (typeof x === 'string' ? normalize(x) : undefined));
    if (names.some((n) => n === undefined)) return { reason: 'unrecognized_value' };
    value = [...new Set(names)];
  }
  if (field === 'labelingSoftware' && Array.isArray(raw)) value = [...new Set(raw.filter((x) => typeof x === 'string').map(normalizeTool))];
  const schema = normalizedJobFieldsSchema.shape[field];
  const parsed = schema.safeParse(value);
  if (!parsed.success || parsed.data === undefined) return { reason: 'invalid_value' };
  if (NUMERIC.includes(field) && !grounded(parsed.data as number, numbers)) return { reason: 'not_in_text' };
  if (field === 'budgetRange') {
    const r = parsed.data as { min: number; max: number };
    if (!grounded(r.min, numbers) || !grounded(r.max, numbers)) return { reason: 'not_in_text' };
  }
  return { value: parsed.data };
}

const same = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x) => b.includes(x)) : JSON.stringify(a) === JSON.stringify(b);

function merge(result: ExtractionResult, proposal: Record<string, unknown>, text: string, report: RefinerReport): ExtractionResult {
  const b = ResultBuilder.from(result);
  const numbers = numbersIn(text);
  const order = [...REFINABLE_FIELDS].sort((x, y) => Number(y === 'paymentType') - Number(x === 'paymentType'));
  for (const key of Object.keys(proposal)) {
    if (!REFINABLE_FIELDS.includes(key as FieldName)) report.rejected.push({ field: key, reason: 'unknown_field' });
  }
  for (const field of order) {
    if (!(field in proposal) || proposal[field] === null) continue;
    const checked = check(field, proposal[field], numbers);
    if ('reason' in checked) {
      report.rejected.push({ field, reason: checked.reason });
      continue;
    }
    const isPrice = Object.values(PRICE).includes(field);
    if (isPrice && PRICE[b.fields.paymentType ?? ''] !== field) {
      report.rejected.push({ field, reason: 'rate_for_other_payment_type' });
      continue;
    }
    const current = b.fields[field];
    const confidence = b.confidence[field] ?? 1;
    const value = checked.value as never;
    if (current === undefined) {
      b.set(field, value, FILLED_CONFIDENCE, `llm:${report.model}`);
      report.filledFields.push(field);
    } else if (confidence < LOW_CONFIDENCE_THRESHOLD) {
      if (same(current, value)) b.replace(field, value, CONFIRMED_CONFIDENCE, b.evidence[field]);
      else {
        b.warn({
          code: 'llm_disagrees',
          field,
          message: `The model read ${field} as ${JSON.stringify(value)}, not ${JSON.stringify(current)}; confirm with the human.`,
        });
      }
    }
  }
  b.refiner = report;
  return b.finish();
}

/**
 * Runs the refiner when configured; otherwise (or on any failure) returns `result` with a
 * `refiner` report. Never throws for network, HTTP or model-output problems.
 */
export async function refineExtraction(
  text: string,
  result: ExtractionResult,
  config: LlmRefinerConfig | undefined,
  options: RefineOptions = {},
): Promise<ExtractionResult> {
  const base: RefinerReport = { status: 'disabled', filledFields: [], rejected: [] };
  if (!config) return { ...result, refiner: base };
  const report: RefinerReport = { ...base, status: 'ok', model: config.model };
  const started = performance.now();
  const finish = (status: RefinerReport['status']): ExtractionResult => ({
    ...result,
    refiner: { ...report, status, durationMs: Math.round(performance.now() - started) },
  });
  const known = Object.fromEntries(Object.entries(result.normalizedFields).filter(([k]) => k !== 'jobDescription'));
  const signals = [AbortSignal.timeout(config.timeoutMs), ...(options.signal ? [options.signal] : [])];
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(`${config.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: config.model,
        temperature: 0,
        response_format: { type: 'json_object' },
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          {
            role: 'user',
            content: JSON.stringify({
              posting: text.slice(0, MAX_POSTING_CHARS),
              alreadyExtracted: known,
              missing: result.validation.missingFields,
              lowConfidence: result.lowConfidenceFields,
            }),
          },
        ],
      }),
      signal: AbortSignal.any(signals),
    });
  } catch (error) {
    const name = (error as Error).name;
    return finish(name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network_error');
  }
  if (!response.ok) return finish('http_error');
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    return finish((error as Error).name === 'TimeoutError' ? 'timeout' : 'invalid_output');
  }
  const completion = chatCompletionSchema.safeParse(body);
  const proposal = completion.success ? parseContent(completion.data.choices[0].message.content ?? '') : undefined;
  if (!proposal) return finish('invalid_output');
  report.durationMs = Math.round(performance.now() - started);
  return merge(result, proposal, text, report);
}
