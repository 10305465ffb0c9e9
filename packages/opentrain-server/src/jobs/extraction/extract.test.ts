import { describe, expect, it } from 'vitest';
import { extractionResultSchema, extractJobDraft, type NormalizedJobFields, validateDraft } from './index';

const ISSUE_EXAMPLE =
  'Image Annotation Specialist needed. We have about 1,200 JPG files of street scenes that need bounding boxes drawn around cars, pedestrians and cyclists. Paying $25 per hour.';
const MCP_README_EXAMPLE =
  'We need experienced image annotation specialists to draw bounding boxes around retail products in catalog photos. The dataset has about 1,200 JPG files. Contributors should have prior image-labeling QA experience, write short edge-case notes, and report daily throughput. Pay is $25 per hour.';

describe('extractJobDraft', () => {
  it('reads the issue example exactly', () => {
    const r = extractJobDraft({ text: ISSUE_EXAMPLE });
    expect(r.normalizedFields).toMatchObject({
      jobTitle: 'Image Annotation Specialist',
      paymentType: 'PAY_PER_HOUR',
      pricePerHour: 25,
      currency: 'USD',
      dataVolume: 1200,
      dataVolumeUnit: 'NUMBER_OF_FILES',
      labelTypes: ['BOUNDING_BOX'],
      dataType: 'IMAGE',
    });
    expect(r.normalizedFields.jobDescription).toBe(ISSUE_EXAMPLE);
    // Only the experience level is left to ask about.
    expect(r.validation).toEqual({
      publishReady: false,
      issueCount: 0,
      missingFieldCount: 1,
      missingFields: ['experienceLevel'],
      issues: [],
    });
    expect(r.missingFields[0]).toMatchObject({
      field: 'experienceLevel',
      code: 'missing_required_field',
      type: 'enum',
      enumValues: ['EXPERT', 'ENTRY_LEVEL', 'INTERMEDIATE', 'ANY_EXPERIENCE_LEVEL'],
      updateKeys: ['experienceLevel'],
      example: 'INTERMEDIATE',
    });
    expect(r.missingFields[0].prompt).toMatch(/^ask: /);
    expect(() => extractionResultSchema.parse(r)).not.toThrow();
  });

  it('reads the MCP README example (title passed separately)', () => {
    const r = extractJobDraft({ text: MCP_README_EXAMPLE, title: 'Image Annotation Specialist' });
    expect(r.normalizedFields).toMatchObject({
      jobTitle: 'Image Annotation Specialist',
      paymentType: 'PAY_PER_HOUR',
      pricePerHour: 25,
      dataVolume: 1200,
      dataVolumeUnit: 'NUMBER_OF_FILES',
      labelTypes: ['BOUNDING_BOX'],
      dataType: 'IMAGE',
      experienceLevel: 'INTERMEDIATE',
    });
    expect(r.validation.publishReady).toBe(true);
    expect(r.fieldConfidence.jobTitle).toBe(1);
  });

  it('asks a plain question for every required field of an empty-ish posting', () => {
    const r = extractJobDraft({ text: 'Need help with a data project, details to follow.' });
    expect(r.validation.missingFields).toEqual(['paymentType', 'rate', 'labelTypes', 'dataType', 'experienceLevel', 'dataVolumeUnit']);
    const payment = r.missingFields.find((m) => m.field === 'paymentType');
    expect(payment?.prompt).toBe('ask: How will you pay — per hour, per label, or a fixed price?');
    expect(r.missingFields.find((m) => m.field === 'rate')?.updateKeys).toEqual(['pricePerHour', 'pricePerLabel', 'fixedPrice']);
    for (const m of r.missingFields) {
      expect(m.prompt.startsWith('ask: ')).toBe(true);
      expect(m.hint.length).toBeGreaterThan(0);
    }
    // The synthesised title is flagged for confirmation.
    expect(r.lowConfidenceFields).toContain('jobTitle');
    expect(r.warnings.map((w) => w.code)).toContain('title_inferred');
  });

  it('keeps ranges, currencies and conflicts visible as warnings', () => {
    const range = extractJobDraft({ text: 'Rate: $20-30/hour for polygon annotation on 500 images.' });
    expect(range.normalizedFields).toMatchObject({ pricePerHour: 20, budgetRange: { min: 20, max: 30 } });
    expect(range.warnings.map((w) => w.code)).toContain('rate_range');

    const eur = extractJobDraft({ text: 'Wir zahlen EUR 1.200,50 pauschal für die Transkription von 40 Stunden Audio.' });
    expect(eur.normalizedFields).toMatchObject({ paymentType: 'FIXED_PRICE', fixedPrice: 1200.5, currency: 'EUR' });
    expect(eur.warnings.map((w) => w.code)).toContain('non_usd_currency');
    expect(eur.validation.issues.map((i) => i.code)).toContain('non_usd_currency');

    const conflict = extractJobDraft({ text: 'We pay $15/hour for tagging. Later in the thread: pay is $18 per hour.' });
    expect(conflict.normalizedFields.pricePerHour).toBe(15);
    expect(conflict.warnings.map((w) => w.code)).toContain('conflicting_rates');
    expect(conflict.lowConfidenceFields).toContain('pricePerHour');

    const bare = extractJobDraft({ text: 'Paying 12/hr for transcription work.' });
    expect(bare.normalizedFields).toMatchObject({ pricePerHour: 12, currency: 'USD' });
    expect(bare.warnings.map((w) => w.code)).toContain('currency_assumed');
    expect(bare.lowConfidenceFields).toContain('currency');

    const monthly = extractJobDraft({ text: 'Salary $3,000 per month for a full-time annotator.' });
    expect(monthly.normalizedFields.paymentType).toBeUndefined();
    expect(monthly.warnings.map((w) => w.code)).toContain('unsupported_rate_unit');
  });

  it('understands the common money spellings', () => {
    const cases: [string, Record<string, unknown>][] = [
      ['25 USD per hour', { paymentType: 'PAY_PER_HOUR', pricePerHour: 25, currency: 'USD' }],
      ['€0.05 per label', { paymentType: 'PAY_PER_LABEL', pricePerLabel: 0.05, currency: 'EUR' }],
      ['£300 fixed', { paymentType: 'FIXED_PRICE', fixedPrice: 300, currency: 'GBP' }],
      ['25 dollars an hour', { paymentType: 'PAY_PER_HOUR', pricePerHour: 25, currency: 'USD' }],
      ['$20-30/hour', { pricePerHour: 20, budgetRange: { min: 20, max: 30 } }],
      ['between $20 and $30 per hour', { pricePerHour: 20, budgetRange: { min: 20, max: 30 } }],
      ['5 cents per word', { pricePerLabel: 0.05, currency: 'USD' }],
      ['₹400 per hour', { pricePerHour: 400, currency: 'INR' }],
      ['R$ 35 por hora', { pricePerHour: 35, currency: 'BRL' }],
      ['CA$19/hr', { pricePerHour: 19, currency: 'CAD' }],
      ['25$/h', { pricePerHour: 25, currency: 'USD' }],
      ['budget of $2k', { paymentType: 'FIXED_PRICE', fixedPrice: 2000 }],
      ['$30 per audio hour', { paymentType: 'PAY_PER_LABEL', pricePerLabel: 30 }],
      ['0,50 € par tâche', { pricePerLabel: 0.5, currency: 'EUR' }],
    ];
    for (const [phrase, expected] of cases) {
      expect(extractJobDraft({ text: `Pay: ${phrase}.` }).normalizedFields, phrase).toMatchObject(expected);
    }
  });

  it('reads volumes in many forms and does not mistake work hours for data', () => {
    const v = (text: string) => {
      const f = extractJobDraft({ text }).normalizedFields;
      return [f.dataVolume, f.dataVolumeUnit];
    };
    expect(v('We have 50k words of chat logs.')).toEqual([50_000, 'NUMBER_OF_WORDS']);
    expect(v('About 120 hours of audio to transcribe.')).toEqual([120, 'HOURS_OF_RECORDING_AUDIO_VIDEO']);
    expect(v('2.5k images of shelves.')).toEqual([2500, 'NUMBER_OF_FILES']);
    expect(v('600 minutes of audio recordings.')).toEqual([10, 'HOURS_OF_RECORDING_AUDIO_VIDEO']);
    expect(v('Work 20 hours per week on video annotation.')).toEqual([undefined, undefined]);
    expect(v('Dataset volume: TBD.')).toEqual([undefined, 'UNKNOWN_NOT_SPECIFIED']);
  });

  it('is deterministic and survives hostile input', () => {
    const text = `${'🙂'.repeat(50)}\n$$$ 1,2,3 €€ per per per ${'a'.repeat(10_000)}`;
    expect(extractJobDraft({ text })).toEqual(extractJobDraft({ text }));
    const long = 'Bounding boxes on 1,000 images, $10/hr. '.repeat(2000);
    const r = extractJobDraft({ text: long });
    expect(r.normalizedFields.pricePerHour).toBe(10);
    expect(r.validation.issues.map((i) => i.field)).toContain('jobDescription');
  });
});

describe('validateDraft', () => {
  it('is publish-ready only with every required field and no blocking issue', () => {
    const fields: NormalizedJobFields = {
      jobTitle: 'Keypoint annotators',
      jobDescription: 'Place 17 body keypoints on 10,000 images of people exercising.',
      paymentType: 'PAY_PER_LABEL',
      pricePerLabel: 0.08,
      labelTypes: ['KEYPOINT'],
      dataType: 'IMAGE',
      experienceLevel: 'INTERMEDIATE',
      dataVolumeUnit: 'UNKNOWN_NOT_SPECIFIED',
    };
    expect(validateDraft(fields).validation.publishReady).toBe(true);

    const wrongRate = validateDraft({ ...fields, paymentType: 'PAY_PER_HOUR' });
    expect(wrongRate.validation.missingFields).toEqual(['pricePerHour']);
    expect(wrongRate.validation.issues.map((i) => i.code)).toEqual(['rate_for_other_payment_type']);

    const volume = validateDraft({ dataVolumeUnit: 'NUMBER_OF_WORDS' });
    expect(volume.missingFields.find((m) => m.field === 'dataVolume')?.prompt).toBe(
      'ask: Roughly how many words are there in total?',
    );

    const invalid = validateDraft({ headcount: -2 } as never);
    expect(invalid.validation.issues[0]).toMatchObject({ field: 'headcount', code: 'invalid_value' });
  });
});
