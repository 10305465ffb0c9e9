/**
 * What a draft needs before it can be published, and the "ask:" question for each gap.
 *
 * Required to publish (docs/job-extraction.md "Required to publish"):
 *   jobTitle, jobDescription, paymentType, the rate for that payment type (pricePerHour |
 *   pricePerLabel | fixedPrice), labelTypes, dataType, experienceLevel, dataVolumeUnit, and
 *   dataVolume unless the unit is UNKNOWN_NOT_SPECIFIED.
 * Blocking issues on present values: a description under 30 characters, a non-USD currency
 * (jobs are published and paid in USD), a budgetRange that does not contain the rate, a rate
 * for a different payment type than the one chosen, and any value that fails the field schema.
 */
import {
  DATA_TYPES,
  DATA_VOLUME_UNITS,
  type DraftValidation,
  EXPERIENCE_LEVELS,
  LABEL_TYPES,
  type MissingField,
  type NormalizedJobFields,
  normalizedJobFieldsSchema,
  PAYMENT_TYPES,
  type PaymentType,
  type ValidationIssue,
} from './types';

type Spec = Omit<MissingField, 'field' | 'code' | 'message'> & { message?: string };

const PRICE_KEY: Record<PaymentType, 'pricePerHour' | 'pricePerLabel' | 'fixedPrice'> = {
  PAY_PER_HOUR: 'pricePerHour',
  PAY_PER_LABEL: 'pricePerLabel',
  FIXED_PRICE: 'fixedPrice',
};

const SPECS: Record<string, Spec> = {
  jobTitle: {
    label: 'Job title',
    prompt: 'ask: What short title should the job post have?',
    type: 'string',
    updateKeys: ['jobTitle'],
    example: 'Image Annotation Specialist',
    hint: 'A few words naming the role, shown in search results (max 200 characters).',
  },
  jobDescription: {
    label: 'Job description',
    prompt: 'ask: Can you describe the work in a few sentences — what data, what labels, and any requirements?',
    type: 'text',
    updateKeys: ['jobDescription'],
    example: 'Draw bounding boxes around cars and pedestrians in 1,200 street-scene photos.',
    hint: 'Plain text, at least 30 characters, at most 60,000.',
  },
  paymentType: {
    label: 'Payment type',
    prompt: 'ask: How will you pay — per hour, per label, or a fixed price?',
    type: 'enum',
    enumValues: [...PAYMENT_TYPES],
    updateKeys: ['paymentType'],
    example: 'PAY_PER_HOUR',
    hint: 'PAY_PER_HOUR for time, PAY_PER_LABEL for each image/item/word done, FIXED_PRICE for the whole job.',
  },
  rate: {
    label: 'Rate',
    prompt: 'ask: How much will you pay — the hourly rate, the amount per label, or the total fixed price (in USD)?',
    type: 'number',
    updateKeys: ['pricePerHour', 'pricePerLabel', 'fixedPrice'],
    example: 25,
    hint: 'Set the key that matches paymentType; amounts are in USD.',
  },
  pricePerHour: {
    label: 'Hourly rate',
    prompt: 'ask: What hourly rate will you pay, in USD?',
    type: 'number',
    updateKeys: ['pricePerHour'],
    example: 25,
    hint: 'USD per hour of work, e.g. 25.',
  },
  pricePerLabel: {
    label: 'Price per label',
    prompt: 'ask: How much will you pay for each label (each image, item or task), in USD?',
    type: 'number',
    updateKeys: ['pricePerLabel'],
    example: 0.05,
    hint: 'USD per unit of work, e.g. 0.05 per image.',
  },
  fixedPrice: {
    label: 'Fixed price',
    prompt: 'ask: What is the fixed price for the whole job, in USD?',
    type: 'number',
    updateKeys: ['fixedPrice'],
    example: 500,
    hint: 'Total USD for the whole job.',
  },
  labelTypes: {
    label: 'Label types',
    prompt:
      'ask: What kind of labelling is needed — for example bounding boxes, segmentation, transcription, classification, or ranking AI responses?',
    type: 'enum[]',
    enumValues: [...LABEL_TYPES],
    updateKeys: ['labelTypes'],
    example: ['BOUNDING_BOX'],
    hint: 'One or more values from enumValues.',
  },
  dataType: {
    label: 'Data type',
    prompt: 'ask: What kind of data will they work on — images, video, audio, text, documents, 3D/LiDAR or code?',
    type: 'enum',
    enumValues: [...DATA_TYPES],
    updateKeys: ['dataType'],
    example: 'IMAGE',
    hint: 'The main modality of the data.',
  },
  experienceLevel: {
    label: 'Experience level',
    prompt: 'ask: What experience level should AI trainers have — expert, intermediate, entry level, or any?',
    type: 'enum',
    enumValues: [...EXPERIENCE_LEVELS],
    updateKeys: ['experienceLevel'],
    example: 'INTERMEDIATE',
    hint: 'EXPERT, INTERMEDIATE, ENTRY_LEVEL or ANY_EXPERIENCE_LEVEL.',
  },
  dataVolumeUnit: {
    label: 'Data volume',
    prompt:
      'ask: Roughly how much data is there — a number of files, a number of words, or hours of audio/video? (It is fine to say it is not known yet.)',
    type: 'enum',
    enumValues: [...DATA_VOLUME_UNITS],
    updateKeys: ['dataVolumeUnit', 'dataVolume'],
    example: 'NUMBER_OF_FILES',
    hint: 'Set dataVolumeUnit and dataVolume together (e.g. NUMBER_OF_FILES and 1200), or UNKNOWN_NOT_SPECIFIED alone.',
  },
  dataVolume: {
    label: 'Data volume amount',
    prompt: 'ask: Roughly how many are there?',
    type: 'number',
    updateKeys: ['dataVolume'],
    example: 1200,
    hint: 'A positive number in the unit of dataVolumeUnit.',
  },
};

const VOLUME_PROMPTS: Partial<Record<string, string>> = {
  NUMBER_OF_FILES: 'ask: Roughly how many files (images, documents, clips …) are there?',
  NUMBER_OF_WORDS: 'ask: Roughly how many words are there in total?',
  HOURS_OF_RECORDING_AUDIO_VIDEO: 'ask: Roughly how many hours of audio/video are there?',
};

function missing(field: string, override?: Partial<Spec>): MissingField {
  const spec = { ...SPECS[field], ...override };
  return {
    field,
    code: 'missing_required_field',
    message: spec.message ?? `${spec.label} is required to publish.`,
    label: spec.label,
    prompt: spec.prompt,
    type: spec.type,
    ...(spec.enumValues ? { enumValues: spec.enumValues } : {}),
    updateKeys: spec.updateKeys,
    example: spec.example,
    hint: spec.hint,
  };
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** The missing required fields, in the order a human would be asked. */
export function buildMissingFields(fields: NormalizedJobFields): MissingField[] {
  const out: MissingField[] = [];
  if (isBlank(fields.jobTitle)) out.push(missing('jobTitle'));
  if (isBlank(fields.jobDescription)) out.push(missing('jobDescription'));
  if (isBlank(fields.paymentType)) {
    out.push(missing('paymentType'));
    if (isBlank(fields.pricePerHour) && isBlank(fields.pricePerLabel) && isBlank(fields.fixedPrice)) {
      out.push(missing('rate'));
    }
  } else {
    const key = PRICE_KEY[fields.paymentType as PaymentType];
    if (isBlank(fields[key])) out.push(missing(key));
  }
  if (isBlank(fields.labelTypes)) out.push(missing('labelTypes'));
  if (isBlank(fields.dataType)) out.push(missing('dataType'));
  if (isBlank(fields.experienceLevel)) out.push(missing('experienceLevel'));
  const unit = fields.dataVolumeUnit;
  if (unit === undefined) out.push(missing('dataVolumeUnit'));
  else if (unit !== 'UNKNOWN_NOT_SPECIFIED' && isBlank(fields.dataVolume)) {
    out.push(missing('dataVolume', { prompt: VOLUME_PROMPTS[unit] ?? SPECS.dataVolume.prompt }));
  }
  return out;
}

/** Problems with values that are present (not gaps). Any issue blocks publishing. */
export function buildIssues(fields: NormalizedJobFields): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const parsed = normalizedJobFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      issues.push({ field: issue.path.map(String).join('.') || '(root)', code: 'invalid_value', message: issue.message });
    }
  }
  if (typeof fields.jobDescription === 'string' && fields.jobDescription.trim().length > 0 && fields.jobDescription.trim().length < 30) {
    issues.push({
      field: 'jobDescription',
      code: 'description_too_short',
      message: 'The description needs at least 30 characters so AI trainers know what the work is.',
    });
  }
  if (fields.currency && fields.currency !== 'USD') {
    issues.push({
      field: 'currency',
      code: 'non_usd_currency',
      message: `Rates are published and paid in USD; ask the human for the ${fields.currency} amount in USD, then set the rate and currency "USD".`,
    });
  }
  if (fields.paymentType) {
    const key = PRICE_KEY[fields.paymentType];
    for (const other of Object.values(PRICE_KEY)) {
      if (other !== key && fields[other] !== undefined) {
        issues.push({
          field: other,
          code: 'rate_for_other_payment_type',
          message: `${other} is set but paymentType is ${fields.paymentType}; clear it or change paymentType.`,
        });
      }
    }
    const price = fields[key];
    const range = fields.budgetRange;
    if (range && price !== undefined && (price < range.min || price > range.max)) {
      issues.push({
        field: 'budgetRange',
        code: 'rate_outside_range',
        message: `${key} (${price}) is outside budgetRange (${range.min}-${range.max}).`,
      });
    }
  }
  return issues;
}

/** Publish readiness of a draft's fields: used after extraction, after each PATCH and at publish. */
export function validateDraft(fields: NormalizedJobFields): { validation: DraftValidation; missingFields: MissingField[] } {
  const missingFields = buildMissingFields(fields);
  const issues = buildIssues(fields);
  return {
    missingFields,
    validation: {
      publishReady: missingFields.length === 0 && issues.length === 0,
      issueCount: issues.length,
      missingFieldCount: missingFields.length,
      missingFields: missingFields.map((m) => m.field),
      issues,
    },
  };
}
