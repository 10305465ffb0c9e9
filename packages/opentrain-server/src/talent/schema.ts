/**
 * @module Talent storage: freelancer profiles (a user is a freelancer iff they have one), proposals
 * (applications and invites, one per freelancer and job), the AI interview transcript, and the
 * history of every proposal status change.
 */
import type { SqlMigration } from '@platform/kit';
import type { Generated } from 'kysely';

export interface LanguageSkill {
  language: string;
  /** NATIVE | FLUENT | CONVERSATIONAL | BASIC */
  proficiency: string;
}

export interface LabelExperienceEntry {
  id: string;
  title: string;
  description: string;
  fromYear: number;
  toYear: number | null;
  ongoing: boolean;
  software: string[];
  dataType: string | null;
  labelTypes: string[];
}

export interface ProfileSkills {
  subjectMatter: string[];
  tags: string[];
  software: string[];
  dataTypes: string[];
  labelTypes: string[];
}

export interface ProfileStats {
  totalEarnedUsd: number;
  billedHours: number;
  jobSuccessScore: number | null;
  reviewCount: number;
  averageRating: number | null;
  highestEarningsUsd: number;
}

export interface ProfileReview {
  id: string;
  rating: number;
  comment: string;
  createdAt: string;
}

export interface InterviewQuestionPlan {
  key: string;
  question: string;
  /** Canonical terms an answer should mention (see interview-rubric.ts). */
  expected: string[];
  /** Minimum years for the experience question; absent otherwise. */
  minYears?: number;
}

export type TalentTables = {
  ot_freelancer_profiles: {
    user_id: string;
    seq: Generated<string>;
    slug: string;
    sandbox: boolean;
    first_name: string;
    last_name: string;
    title: string | null;
    bio: string | null;
    city: string | null;
    country_code: string | null;
    country: string | null;
    talent_type: string;
    hourly_rate_usd: number | null;
    availability: 'FULL_TIME' | 'PART_TIME' | 'UNAVAILABLE';
    expertise_level: 'ENTRY_LEVEL' | 'INTERMEDIATE' | 'EXPERT';
    years_experience: number;
    english_level: string | null;
    identity_verified: boolean;
    location_verified_at: Date | null;
    skills: ProfileSkills;
    languages: LanguageSkill[];
    stats: ProfileStats;
    label_experience: LabelExperienceEntry[];
    work_experience: Array<{
      title: string;
      company: string;
      fromYear: number;
      toYear: number | null;
    }>;
    education: Array<{ school: string; degree: string; toYear: number | null }>;
    reviews: ProfileReview[];
    created_at: Date;
    updated_at: Date;
  };
  ot_proposals: {
    id: string;
    seq: Generated<string>;
    job_id: string;
    organization_id: string;
    freelancer_user_id: string;
    status: string;
    source: 'application' | 'invite';
    bid_amount_usd: number | null;
    bid_unit: string | null;
    labeler_hourly_rate_usd: number | null;
    cover_letter: string | null;
    match_score: number;
    interview_status: 'not_started' | 'in_progress' | 'completed';
    interview_plan: InterviewQuestionPlan[];
    interview_score: number | null;
    interview_summary: string | null;
    interview_completed_at: Date | null;
    contract_id: string | null;
    sandbox: boolean;
    created_at: Date;
    updated_at: Date;
  };
  ot_interview_messages: {
    id: string;
    seq: Generated<string>;
    proposal_id: string;
    role: 'interviewer' | 'candidate';
    question_key: string | null;
    content: string;
    sent_at: Date;
  };
  ot_proposal_status_changes: {
    id: Generated<string>;
    proposal_id: string;
    from_status: string | null;
    to_status: string;
    /** `employer:<tokenId>`, `freelancer:<userId>`, `hire`, `sandbox`. */
    actor: string;
    occurred_at: Date;
  };
};

export const talentMigrations: SqlMigration[] = [
  {
    name: 'ot-0250-talent',
    up: `create table ot_freelancer_profiles (
      user_id text primary key references ot_users(id),
      seq bigint generated always as identity,
      slug text not null unique,
      sandbox boolean not null default false,
      first_name text not null,
      last_name text not null,
      title text,
      bio text,
      city text,
      country_code text,
      country text,
      talent_type text not null default 'INDIVIDUAL',
      hourly_rate_usd numeric(10,2),
      availability text not null check (availability in ('FULL_TIME','PART_TIME','UNAVAILABLE')),
      expertise_level text not null check (expertise_level in ('ENTRY_LEVEL','INTERMEDIATE','EXPERT')),
      years_experience integer not null default 0,
      english_level text,
      identity_verified boolean not null default false,
      location_verified_at timestamptz,
      skills jsonb not null,
      languages jsonb not null,
      stats jsonb not null,
      label_experience jsonb not null default '[]'::jsonb,
      work_experience jsonb not null default '[]'::jsonb,
      education jsonb not null default '[]'::jsonb,
      reviews jsonb not null default '[]'::jsonb,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index ot_freelancer_profiles_sandbox on ot_freelancer_profiles (sandbox, seq);
    create table ot_proposals (
      id text primary key,
      seq bigint generated always as identity,
      job_id text not null references ot_jobs(id),
      organization_id text not null references ot_organizations(id),
      freelancer_user_id text not null references ot_users(id),
      status text not null,
      source text not null check (source in ('application','invite')),
      bid_amount_usd numeric(12,2),
      bid_unit text,
      labeler_hourly_rate_usd numeric(10,2),
      cover_letter text,
      match_score integer not null,
      interview_status text not null default 'not_started',
      interview_plan jsonb not null default '[]'::jsonb,
      interview_score integer,
      interview_summary text,
      interview_completed_at timestamptz,
      contract_id text,
      sandbox boolean not null default false,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (job_id, freelancer_user_id)
    );
    create index ot_proposals_job on ot_proposals (job_id, created_at desc, seq desc);
    create index ot_proposals_freelancer on ot_proposals (freelancer_user_id, created_at desc);
    create table ot_interview_messages (
      id text primary key,
      seq bigint generated always as identity,
      proposal_id text not null references ot_proposals(id),
      role text not null check (role in ('interviewer','candidate')),
      question_key text,
      content text not null,
      sent_at timestamptz not null
    );
    create index ot_interview_messages_proposal on ot_interview_messages (proposal_id, seq);
    create table ot_proposal_status_changes (
      id bigint generated always as identity primary key,
      proposal_id text not null references ot_proposals(id),
      from_status text,
      to_status text not null,
      actor text not null,
      occurred_at timestamptz not null
    );
    create index ot_proposal_status_changes_proposal on ot_proposal_status_changes (proposal_id, id);`,
  },
];
