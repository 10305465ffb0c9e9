/**
 * @module The talent objects every proposal and freelancer operation returns. Freelancers are
 * always masked ("Maria G."): no email, phone, surname or contact detail appears in any of them.
 */
import { z } from '@platform/kit';

/** Employer-facing statuses (spec 3.4) plus INVITED: an invite the freelancer has not accepted yet. */
export const PROPOSAL_STATUSES = ['UNREVIEWED', 'SHORTLISTED', 'MAYBE', 'HIRED', 'DECLINED', 'NOT_A_FIT', 'RESUME_SENT', 'INVITED'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** What an employer may set through `POST /proposals/{id}/status` (HIRED only comes from a confirmed hire). */
export const EMPLOYER_SETTABLE_STATUSES = ['UNREVIEWED', 'SHORTLISTED', 'MAYBE', 'DECLINED', 'NOT_A_FIT'] as const;

export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  UNREVIEWED: 'Unreviewed',
  SHORTLISTED: 'Shortlisted',
  MAYBE: 'Maybe',
  HIRED: 'Hired',
  DECLINED: 'Declined',
  NOT_A_FIT: 'Not a fit',
  RESUME_SENT: 'Resume sent',
  INVITED: 'Invited',
};

/** "not a fit", "Not-A-Fit", "not_a_fit" → "NOT_A_FIT" (case-insensitive; spaces and hyphens become `_`). */
export function normalizeProposalStatus(input: string): string {
  return input
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
}

export const BID_UNITS = ['PER_HOUR', 'PER_LABEL', 'FIXED_PRICE'] as const;

export const candidateSchema = z.object({
  id: z.string(),
  profileSlug: z.string(),
  displayName: z.string(),
  firstName: z.string(),
  lastNameInitial: z.string(),
  profileTitle: z.string().nullable(),
  profilePhotoUrl: z.string().nullable(),
  countryCode: z.string().nullable(),
  country: z.string().nullable(),
  talentType: z.string(),
  highestEarningsUsd: z.number(),
  reviewCount: z.number(),
  sandbox: z.boolean(),
});

export const proposalSummarySchema = z.object({
  id: z.string(),
  jobId: z.string(),
  jobTitle: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  status: z.object({ raw: z.enum(PROPOSAL_STATUSES), label: z.string() }),
  bid: z.object({
    amountUsd: z.number().nullable(),
    unit: z.enum(BID_UNITS).nullable(),
    labelerHourlyRateUsd: z.number().nullable(),
  }),
  candidate: candidateSchema,
  /** Both 0–100 integers; interviewScore is null until the AI interview is complete. */
  metrics: z.object({
    interviewScore: z.number().int().nullable(),
    matchScore: z.number().int(),
  }),
  source: z.enum(['application', 'invite']),
  sandbox: z.boolean(),
});
export type ProposalSummary = z.infer<typeof proposalSummarySchema>;

export const interviewMessageSchema = z.object({
  id: z.string(),
  role: z.enum(['interviewer', 'candidate']),
  content: z.string(),
  sentAt: z.string(),
});

export const interviewSchema = z.object({
  proposalId: z.string(),
  interviewId: z.string(),
  status: z.enum(['in_progress', 'completed']),
  score: z.number().int().nullable(),
  summary: z.string().nullable(),
  messages: z.array(interviewMessageSchema),
});
export type InterviewView = z.infer<typeof interviewSchema>;

export const proposalDetailSchema = proposalSummarySchema.extend({
  coverLetter: z.string().nullable(),
  aiInterview: z.object({
    score: z.number().int().nullable(),
    summary: z.string().nullable(),
    transcriptAvailable: z.boolean(),
    status: z.enum(['not_started', 'in_progress', 'completed']),
  }),
  verification: z.object({
    location: z.object({
      status: z.enum(['PASSED', 'NOT_CHECKED']),
      method: z.string().nullable(),
      checkedAt: z.string().nullable(),
    }),
    identity: z.object({ verified: z.boolean() }),
  }),
  openLabel: z
    .object({
      status: z.string(),
      score: z.number().nullable(),
      completedAt: z.string().nullable(),
    })
    .nullable(),
  contract: z.object({ id: z.string(), status: z.string() }).nullable(),
  interview: interviewSchema.optional(),
});
export type ProposalDetail = z.infer<typeof proposalDetailSchema>;

const skillsSchema = z.object({
  subjectMatter: z.array(z.string()),
  tags: z.array(z.string()),
  software: z.array(z.string()),
  dataTypes: z.array(z.string()),
  labelTypes: z.array(z.string()),
});

export const freelancerSchema = z.object({
  id: z.string(),
  profileSlug: z.string(),
  profilePath: z.string(),
  displayName: z.string(),
  firstName: z.string(),
  lastNameInitial: z.string(),
  talentType: z.string(),
  title: z.string().nullable(),
  bio: z.string().nullable(),
  city: z.string().nullable(),
  countryCode: z.string().nullable(),
  country: z.string().nullable(),
  profilePhotoUrl: z.string().nullable(),
  hourlyRateUsd: z.number().nullable(),
  availability: z.enum(['FULL_TIME', 'PART_TIME', 'UNAVAILABLE']),
  expertiseLevel: z.enum(['ENTRY_LEVEL', 'INTERMEDIATE', 'EXPERT']),
  englishLevel: z.string().nullable(),
  memberSince: z.string(),
  identityVerified: z.boolean(),
  skills: skillsSchema,
  languages: z.array(z.object({ language: z.string(), proficiency: z.string() })),
  stats: z.object({
    totalEarnedUsd: z.number(),
    billedHours: z.number(),
    jobSuccessScore: z.number().nullable(),
    reviewCount: z.number(),
    averageRating: z.number().nullable(),
  }),
  agency: z.object({ name: z.string() }).nullable(),
  labelExperience: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      description: z.string(),
      fromYear: z.number(),
      toYear: z.number().nullable(),
      ongoing: z.boolean(),
      software: z.array(z.string()),
      dataType: z.string().nullable(),
      labelTypes: z.array(z.string()),
    }),
  ),
  workExperience: z.array(
    z.object({
      title: z.string(),
      company: z.string(),
      fromYear: z.number(),
      toYear: z.number().nullable(),
    }),
  ),
  education: z.array(
    z.object({
      school: z.string(),
      degree: z.string(),
      toYear: z.number().nullable(),
    }),
  ),
  reviews: z.array(
    z.object({
      id: z.string(),
      rating: z.number(),
      comment: z.string(),
      createdAt: z.string(),
    }),
  ),
  sandbox: z.boolean(),
});
export type FreelancerView = z.infer<typeof freelancerSchema>;
