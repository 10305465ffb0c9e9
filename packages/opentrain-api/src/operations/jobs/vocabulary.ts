/**
 * @module Job vocabularies shared by the contract and the server. LABEL_TYPES, DATA_TYPES and
 * SUBJECT_MATTERS mirror the extraction module's enums (a server test keeps them equal).
 */
export const JOB_STATUSES = ['DRAFT', 'OPEN', 'ONGOING', 'COMPLETED', 'ARCHIVED', 'PENDING_APPROVAL'] as const;
export type JobStatusName = (typeof JOB_STATUSES)[number];

export const PAY_TYPES = ['PAY_PER_HOUR', 'FIXED_PRICE', 'PAY_PER_LABEL'] as const;

export const LABEL_TYPES = [
  'BOUNDING_BOX',
  'POLYGON',
  'POLYLINE',
  'SEGMENTATION',
  'KEYPOINT',
  'CUBOID_3D',
  'OBJECT_TRACKING',
  'CLASSIFICATION',
  'TRANSCRIPTION',
  'SPEAKER_DIARIZATION',
  'NAMED_ENTITY_RECOGNITION',
  'SENTIMENT_ANALYSIS',
  'RLHF_PREFERENCE_RANKING',
  'EVALUATION_RATING',
  'QUALITY_ASSURANCE',
  'TRANSLATION',
  'PROMPT_RESPONSE_WRITING',
  'RED_TEAMING',
  'DATA_COLLECTION',
] as const;

export const DATA_TYPES = ['IMAGE', 'VIDEO', 'AUDIO', 'TEXT', 'DOCUMENT', 'POINT_CLOUD_3D', 'CODE', 'TIME_SERIES', 'MULTIMODAL'] as const;

export const SUBJECT_MATTERS = [
  'MEDICAL',
  'LEGAL',
  'FINANCE',
  'AUTONOMOUS_DRIVING',
  'RETAIL_ECOMMERCE',
  'AGRICULTURE',
  'GEOSPATIAL',
  'SECURITY_SURVEILLANCE',
  'ROBOTICS',
  'MANUFACTURING',
  'SPORTS_FITNESS',
  'SOFTWARE_ENGINEERING',
  'MATHEMATICS',
  'SCIENCE',
  'EDUCATION',
  'CUSTOMER_SERVICE',
  'SOCIAL_MEDIA',
] as const;

/** [I] Who may apply. */
export const FREELANCER_TYPES = ['INDIVIDUAL', 'AGENCY', 'ANY'] as const;
/** [I] PUBLIC jobs are listed in the marketplace; PRIVATE ones only reachable by invitation. */
export const VISIBILITIES = ['PUBLIC', 'PRIVATE'] as const;

export const JOB_CHANGE_EVENT_TYPES = ['PUBLISHED', 'UPDATED', 'CLOSED'] as const;
