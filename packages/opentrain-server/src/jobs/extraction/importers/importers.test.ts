import { describe, expect, it } from 'vitest';
import { extractionResultSchema, importJobDraft, JobImportError } from '../index';

describe('importJobDraft: opentrain_canonical', () => {
  it('normalises friendly values and reports unknown keys and values', () => {
    const r = importJobDraft({
      format: 'opentrain_canonical',
      job: {
        title: 'Spanish call transcription',
        description: '<p>Transcribe 200 hours of <b>customer-support</b> calls.</p>',
        paymentType: 'hourly',
        rateAmount: '18',
        currency: 'usd',
        languages: ['es', 'English', 'Klingon'],
        countries: 'MX, Colombia',
        labelTypes: ['transcription', 'speaker diarization'],
        tools: ['label studio'],
        experienceLevel: 'guru',
        headcount: 4,
        hoursPerWeek: 20,
        favouriteColour: 'teal',
        externalId: 'crm-42',
      },
    });
    expect(r.normalizedFields).toMatchObject({
      jobTitle: 'Spanish call transcription',
      jobDescription: 'Transcribe 200 hours of customer-support calls.',
      paymentType: 'PAY_PER_HOUR',
      pricePerHour: 18,
      currency: 'USD',
      languages: ['Spanish', 'English'],
      countries: ['Mexico', 'Colombia'],
      labelTypes: ['TRANSCRIPTION', 'SPEAKER_DIARIZATION'],
      labelingSoftware: ['Label Studio'],
      headcount: 4,
      timeRequirement: '20 hours/week',
      // Filled from the description text:
      dataVolume: 200,
      dataVolumeUnit: 'HOURS_OF_RECORDING_AUDIO_VIDEO',
      dataType: 'AUDIO',
      subjectMatter: 'CUSTOMER_SERVICE',
    });
    expect(r.fieldConfidence.paymentType).toBe(1);
    expect(r.unmappedFields).toEqual([
      { path: 'job.languages[2]', reason: 'unrecognized_value', valuePreview: 'Klingon' },
      { path: 'job.experienceLevel', reason: 'unrecognized_value', valuePreview: 'guru' },
      { path: 'job.favouriteColour', reason: 'unknown_key', valuePreview: 'teal' },
    ]);
    expect(r.validation.missingFields).toEqual(['experienceLevel']);
    expect(() => extractionResultSchema.parse(r)).not.toThrow();
  });

  it('takes the payment type from the text when only rateAmount is structured', () => {
    const r = importJobDraft({
      format: 'opentrain_canonical',
      job: { description: 'Classify 5,000 product photos. Fixed price job.', rateAmount: 450 },
    });
    expect(r.normalizedFields).toMatchObject({ paymentType: 'FIXED_PRICE', fixedPrice: 450 });
  });
});

describe('importJobDraft: schema_org_job_posting', () => {
  const posting = {
    '@context': 'https://schema.org/',
    '@type': 'JobPosting',
    title: 'Medical Image Annotator',
    description: '<p>Segment lung nodules on 3,000 chest X-ray images in CVAT.</p><ul><li>Radiology background</li></ul>',
    datePosted: '2026-01-10',
    hiringOrganization: { '@type': 'Organization', name: 'Acme Health' },
    employmentType: ['PART_TIME', 'CONTRACTOR'],
    applicantLocationRequirements: [{ '@type': 'Country', name: 'USA' }, { '@type': 'Country', name: 'Canada' }],
    jobLocationType: 'TELECOMMUTE',
    baseSalary: {
      '@type': 'MonetaryAmount',
      currency: 'USD',
      value: { '@type': 'QuantitativeValue', minValue: 60, maxValue: 80, unitText: 'HOUR' },
    },
    experienceRequirements: { '@type': 'OccupationalExperienceRequirements', monthsOfExperience: 48 },
    skills: 'Segmentation, DICOM, English',
    totalJobOpenings: 3,
    mysteryField: 1,
  };

  it('maps salary, location, employment type, experience and openings', () => {
    const r = importJobDraft({ format: 'schema_org_job_posting', jsonLd: { '@graph': [{ '@type': 'WebPage' }, posting] } });
    expect(r.normalizedFields).toMatchObject({
      jobTitle: 'Medical Image Annotator',
      paymentType: 'PAY_PER_HOUR',
      pricePerHour: 60,
      budgetRange: { min: 60, max: 80 },
      currency: 'USD',
      timeRequirement: 'part-time',
      countries: ['United States', 'Canada'],
      experienceLevel: 'EXPERT',
      headcount: 3,
      labelTypes: ['SEGMENTATION'],
      dataType: 'IMAGE',
      dataVolume: 3000,
      labelingSoftware: ['CVAT'],
      languages: ['English'],
      subjectMatter: 'MEDICAL',
    });
    expect(r.normalizedFields.jobDescription).toBe('Segment lung nodules on 3,000 chest X-ray images in CVAT.\n- Radiology background');
    expect(r.unmappedFields.map((u) => [u.path, u.reason])).toEqual([
      ['jsonLd.datePosted', 'not_supported'],
      ['jsonLd.hiringOrganization', 'not_supported'],
      ['jsonLd.jobLocationType', 'not_supported'],
      ['jsonLd.mysteryField', 'unknown_key'],
    ]);
    expect(r.validation.publishReady).toBe(true);
  });

  it('reports a monthly salary instead of guessing a payment type', () => {
    const r = importJobDraft({
      format: 'schema_org_job_posting',
      jsonLd: JSON.stringify({ ...posting, baseSalary: { currency: 'USD', value: { value: 4000, unitText: 'MONTH' } } }),
    });
    expect(r.normalizedFields.paymentType).toBeUndefined();
    expect(r.warnings.map((w) => w.code)).toContain('unsupported_rate_unit');
    expect(r.unmappedFields.find((u) => u.path === 'jsonLd.baseSalary')?.reason).toBe('not_supported');
  });

  it('rejects payloads without a JobPosting', () => {
    expect(() => importJobDraft({ format: 'schema_org_job_posting', jsonLd: { '@type': 'Person' } })).toThrow(JobImportError);
    expect(() => importJobDraft({ format: 'schema_org_job_posting', jsonLd: '{not json' })).toThrow(/not valid JSON/);
  });
});

describe('importJobDraft: indeed_xml', () => {
  const feed = `<?xml version="1.0" encoding="utf-8"?>
<source>
  <publisher>Acme</publisher>
  <job>
    <title><![CDATA[German Speech Transcriber]]></title>
    <date><![CDATA[Fri, 10 Jan 2026 12:00:00 GMT]]></date>
    <referencenumber><![CDATA[A-17]]></referencenumber>
    <company><![CDATA[Acme Audio]]></company>
    <country><![CDATA[DE]]></country>
    <email><![CDATA[jobs@acme.example]]></email>
    <description><![CDATA[<p>Transcribe 50 hours of German interviews. Native German speakers.</p>]]></description>
    <salary><![CDATA[€18 - €22 per hour]]></salary>
    <jobtype><![CDATA[parttime]]></jobtype>
    <experience><![CDATA[1-2 years of transcription experience]]></experience>
    <perks>free coffee</perks>
  </job>
  <job><title>Second job</title></job>
</source>`;

  it('imports the first job and reports the rest', () => {
    const r = importJobDraft({ format: 'indeed_xml', xml: feed });
    expect(r.normalizedFields).toMatchObject({
      jobTitle: 'German Speech Transcriber',
      paymentType: 'PAY_PER_HOUR',
      pricePerHour: 18,
      budgetRange: { min: 18, max: 22 },
      currency: 'EUR',
      countries: ['Germany'],
      timeRequirement: 'part-time',
      experienceLevel: 'INTERMEDIATE',
      labelTypes: ['TRANSCRIPTION'],
      dataType: 'AUDIO',
      dataVolume: 50,
      languages: ['German'],
    });
    expect(r.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['import_multiple_jobs', 'non_usd_currency']));
    const unmapped = Object.fromEntries(r.unmappedFields.map((u) => [u.path, u.reason]));
    expect(unmapped).toMatchObject({
      'xml.job.date': 'not_supported',
      'xml.job.email': 'not_supported',
      'xml.job.perks': 'unknown_key',
    });
  });

  it('rejects malformed XML and feeds without jobs', () => {
    expect(() => importJobDraft({ format: 'indeed_xml', xml: '<source><job><title>x</job></source>' })).toThrow(/not well-formed/);
    expect(() => importJobDraft({ format: 'indeed_xml', xml: '<source><publisher>x</publisher></source>' })).toThrow(JobImportError);
  });

  it('does not expand entity bombs', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><source><job><title>&lol4;&lol4;&lol4;&lol4;</title></job></source>`;
    let title: string | undefined;
    try {
      title = importJobDraft({ format: 'indeed_xml', xml: bomb }).normalizedFields.jobTitle;
    } catch (error) {
      expect(error).toBeInstanceOf(JobImportError);
    }
    expect((title ?? '').length).toBeLessThanOrEqual(200);
  });
});

describe('importJobDraft: hr_xml', () => {
  it('reads the HR-XML 2.x shape', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<PositionOpening xmlns="http://ns.hr-xml.org/2007-04-15">
  <PositionRecordInfo><Id><IdValue>99</IdValue></Id></PositionRecordInfo>
  <PositionProfile xml:lang="EN">
    <PositionDetail>
      <PhysicalLocation><PostalAddress><CountryCode>GB</CountryCode></PostalAddress></PhysicalLocation>
      <PositionTitle>Content Moderation Labeller</PositionTitle>
      <RemunerationPackage>
        <BasePay>
          <BasePayAmountMin currency="GBP">11.50</BasePayAmountMin>
          <BasePayAmountMax currency="GBP">13.00</BasePayAmountMax>
          <BasePayInterval>Hourly</BasePayInterval>
        </BasePay>
      </RemunerationPackage>
    </PositionDetail>
    <FormattedPositionDescription><Name>Mode</Name><Value>premium</Value></FormattedPositionDescription>
    <FormattedPositionDescription><Name>Description</Name><Value><![CDATA[<p>Classify 60,000 social media posts into policy categories.</p>]]></Value></FormattedPositionDescription>
    <HowToApply><ApplicationMethod><InternetWebAddress>https://example.com/apply</InternetWebAddress></ApplicationMethod></HowToApply>
  </PositionProfile>
</PositionOpening>`;
    const r = importJobDraft({ format: 'hr_xml', xml });
    expect(r.normalizedFields).toMatchObject({
      jobTitle: 'Content Moderation Labeller',
      jobDescription: 'Classify 60,000 social media posts into policy categories.',
      countries: ['United Kingdom'],
      paymentType: 'PAY_PER_HOUR',
      pricePerHour: 11.5,
      budgetRange: { min: 11.5, max: 13 },
      currency: 'GBP',
      labelTypes: ['CLASSIFICATION'],
      dataVolume: 60_000,
      subjectMatter: 'SOCIAL_MEDIA',
    });
    expect(r.unmappedFields.map((u) => u.path)).toContain('xml.PositionProfile.HowToApply');
  });

  it('reads the HR-XML 3.x shape', () => {
    const xml = `<PositionOpening xmlns="http://www.hr-xml.org/3">
  <PositionProfile>
    <PositionTitle>Polygon Annotator</PositionTitle>
    <PositionLocation><Address><CountryCode>PH</CountryCode></Address></PositionLocation>
    <PositionFormattedDescription><Content>Draw polygons around weeds and crop rows on 4,000 drone images of farmland.</Content></PositionFormattedDescription>
    <PositionScheduleTypeCode>FullTime</PositionScheduleTypeCode>
    <OfferedRemunerationPackage>
      <RemunerationRange>
        <RemunerationTypeCode>BasePay</RemunerationTypeCode>
        <RemunerationAmount currencyID="USD">600</RemunerationAmount>
        <RemunerationIntervalCode>Project</RemunerationIntervalCode>
      </RemunerationRange>
    </OfferedRemunerationPackage>
  </PositionProfile>
</PositionOpening>`;
    const r = importJobDraft({ format: 'hr_xml', xml });
    expect(r.normalizedFields).toMatchObject({
      jobTitle: 'Polygon Annotator',
      countries: ['Philippines'],
      timeRequirement: 'full-time',
      paymentType: 'FIXED_PRICE',
      fixedPrice: 600,
      currency: 'USD',
      labelTypes: ['POLYGON'],
      dataType: 'IMAGE',
      subjectMatter: 'AGRICULTURE',
    });
  });

  it('rejects documents without a position', () => {
    expect(() => importJobDraft({ format: 'hr_xml', xml: '<Candidate><Name>x</Name></Candidate>' })).toThrow(/PositionProfile/);
  });
});

describe('importJobDraft: input checks', () => {
  it('rejects unknown formats and wrong shapes with JobImportError', () => {
    expect(() => importJobDraft({ format: 'csv' } as never)).toThrow(JobImportError);
    expect(() => importJobDraft({ format: 'opentrain_canonical', job: 'nope' } as never)).toThrow(JobImportError);
    expect(() => importJobDraft({ format: 'text', text: '   ' })).toThrow(JobImportError);
  });
});
