/**
 * Free text → normalized job fields. Deterministic: no network, no clock, no randomness.
 */
import { extractCountries } from './countries';
import { extractPayment } from './currency';
import { extractDataType } from './data-type';
import { extractSubjectMatter } from './domain';
import { extractProjectDuration, extractTimeRequirement } from './duration';
import { extractExperience } from './experience';
import { extractHeadcount } from './headcount';
import { extractLabelTypes } from './labels';
import { extractLanguages } from './languages';
import { ResultBuilder } from './result';
import { boundSentences, fold, splitSentences } from './text';
import { cleanTitle, extractTitle } from './title';
import { extractTools } from './tools';
import type { ExtractionResult, PaymentType } from './types';
import { extractVolume } from './volume';

/** The longest description the parser reads (the draft limit, spec §1.3). */
export const MAX_DESCRIPTION_CHARS = 60_000;

export interface TextDraftInput {
  /** The plain-text job description (the primary agent workflow). */
  text: string;
  /** A title the caller already has; otherwise one is found or synthesised. */
  title?: string;
}

const PRICE_FIELD: Record<PaymentType, 'pricePerHour' | 'pricePerLabel' | 'fixedPrice'> = {
  PAY_PER_HOUR: 'pricePerHour',
  PAY_PER_LABEL: 'pricePerLabel',
  FIXED_PRICE: 'fixedPrice',
};

/**
 * Reads `text` into `builder`, setting only fields that are still empty (structured imports set
 * their fields first and use this to fill the rest from the description).
 */
export function extractInto(builder: ResultBuilder, text: string, options: { title?: string } = {}): void {
  const source = text.length > MAX_DESCRIPTION_CHARS ? text.slice(0, MAX_DESCRIPTION_CHARS) : text;
  const sentences = boundSentences(source, splitSentences(source));
  const folded = fold(source);
  const b = builder;

  if (options.title?.trim()) b.set('jobTitle', cleanTitle(options.title), 1, options.title.trim());
  if (text.trim()) b.set('jobDescription', text.trim(), 1);

  const payment = extractPayment(sentences, folded);
  b.warn(...payment.warnings);
  if (!b.has('paymentType') && payment.paymentType && payment.price) {
    b.setFinding('paymentType', payment.paymentType);
    b.setFinding(PRICE_FIELD[payment.paymentType.value], payment.price);
    b.setFinding('budgetRange', payment.budgetRange);
    b.setFinding('currency', payment.currency);
  }

  const volume = extractVolume(sentences);
  b.warn(...volume.warnings);
  if (volume.finding && !b.has('dataVolumeUnit')) {
    const { value, confidence, evidence } = volume.finding;
    b.set('dataVolumeUnit', value.dataVolumeUnit, confidence, evidence);
    b.set('dataVolume', value.dataVolume, confidence, evidence);
  }

  const labels = extractLabelTypes(sentences);
  b.setFinding('labelTypes', labels);
  b.setFinding('dataType', extractDataType(sentences, b.fields.labelTypes ?? []));
  b.setFinding('languages', extractLanguages(sentences));
  b.setFinding('countries', extractCountries(sentences));
  b.setFinding('experienceLevel', extractExperience(sentences));
  const headcount = extractHeadcount(sentences);
  b.warn(...headcount.warnings);
  b.setFinding('headcount', headcount.finding);
  b.setFinding('labelingSoftware', extractTools(sentences));
  b.setFinding('projectDuration', extractProjectDuration(sentences));
  b.setFinding('timeRequirement', extractTimeRequirement(sentences));
  b.setFinding('subjectMatter', extractSubjectMatter(sentences));

  if (!b.has('jobTitle') && source.trim()) {
    const title = extractTitle(source, sentences, { labelTypes: b.fields.labelTypes, dataType: b.fields.dataType });
    b.setFinding('jobTitle', title);
    if (title.confidence < 0.5) {
      b.warn({
        code: 'title_inferred',
        field: 'jobTitle',
        message: `The posting has no clear title; "${title.value}" was made up from the label and data types.`,
      });
    }
  }
}

/** The primary workflow: plain text in, normalized fields + questions for the gaps out. */
export function extractJobDraft(input: TextDraftInput): ExtractionResult {
  const builder = new ResultBuilder();
  extractInto(builder, input.text, { title: input.title });
  return builder.finish();
}
