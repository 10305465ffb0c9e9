/**
 * @module Fixed vocabularies of the Public API that several operations and every surface share:
 * per-account feature flags, the capability map, and the job-draft field catalog that
 * `GET /job-drafts/capabilities` advertises.
 */
export const FEATURE_KEYS = [
  'public_api_job_drafting',
  'public_api_job_publishing',
  'public_api_hiring',
  'public_api_messaging_writes',
  'public_api_team',
  'public_api_payments_write',
  'public_api_credits',
  'public_api_webhooks',
] as const;
export type FeatureKey = (typeof FEATURE_KEYS)[number];

/** How a flag is rolled out: on for everyone, on only for allow-listed accounts, or off. */
export const ROLLOUT_MODES = ['ALL', 'ALLOWLIST', 'OFF'] as const;
export type RolloutMode = (typeof ROLLOUT_MODES)[number];

export const CAPABILITY_NAMES = [
  'draftImport',
  'draftCreate',
  'draftUpdate',
  'draftUrlRead',
  'publish',
  'hiring',
  'messagingWrites',
  'team',
  'paymentsWrite',
  'credits',
  'webhooks',
] as const;
export type CapabilityName = (typeof CAPABILITY_NAMES)[number];

export const DRAFT_IMPORT_FORMATS = ['text', 'opentrain_canonical', 'schema_org_job_posting', 'indeed_xml', 'hr_xml'] as const;

export const DRAFT_ENUMS = {
  paymentType: ['PAY_PER_LABEL', 'PAY_PER_HOUR', 'FIXED_PRICE'],
  experienceLevel: ['EXPERT', 'ENTRY_LEVEL', 'INTERMEDIATE', 'ANY_EXPERIENCE_LEVEL'],
  dataVolumeUnit: ['HOURS_OF_RECORDING_AUDIO_VIDEO', 'NUMBER_OF_FILES', 'NUMBER_OF_WORDS', 'UNKNOWN_NOT_SPECIFIED'],
} as const;

/** Keys `PATCH /job-drafts/{jobId}` accepts (the authoritative list agents read from capabilities). */
export const DRAFT_UPDATE_KEYS = [
  'jobTitle',
  'jobDescription',
  'paymentType',
  'pricePerHour',
  'pricePerLabel',
  'fixedPrice',
  'experienceLevel',
  'dataVolume',
  'dataVolumeUnit',
  'languages',
  'countries',
  'labelTypes',
  'headcount',
  'labelingOverview',
  'datasetDescription',
  'dataType',
  'subjectMatter',
  'labelingSoftware',
  'aiInterviewRequirements',
  'budgetRange',
  'workloadDesc',
  'timeRequirement',
  'projectDuration',
  'freelancerType',
  'projectScope',
  'visibility',
] as const;
