/**
 * @module How a freelancer leaves the server: the masked public profile (`GET /freelancers/{idOrSlug}`)
 * and the candidate block inside proposals. First name + last initial only; free text scrubbed of
 * contact details; never an email or phone number.
 */
import type { FreelancerView } from '@opentrain/api';
import type { Selectable } from 'kysely';
import { iso } from '../platform/db';
import type { CandidateSkills } from './matching';
import { lastNameInitial, maskedName, scrubContactDetails, scrubOrNull } from './privacy';
import type { TalentTables } from './schema';

export type ProfileRow = Selectable<TalentTables['ot_freelancer_profiles']>;

const num = (v: unknown): number | null => (v == null ? null : Number(v));

export const profilePath = (slug: string) => `/freelancers/${encodeURIComponent(slug)}`;

export function candidateView(row: ProfileRow) {
  return {
    id: row.user_id,
    profileSlug: row.slug,
    displayName: maskedName(row.first_name, row.last_name),
    firstName: row.first_name,
    lastNameInitial: lastNameInitial(row.last_name),
    profileTitle: scrubOrNull(row.title),
    profilePhotoUrl: null,
    countryCode: row.country_code,
    country: row.country,
    talentType: row.talent_type,
    highestEarningsUsd: row.stats.highestEarningsUsd ?? 0,
    reviewCount: row.stats.reviewCount ?? 0,
    sandbox: row.sandbox,
  };
}

export function freelancerView(row: ProfileRow): FreelancerView {
  return {
    ...candidateView(row),
    profilePath: profilePath(row.slug),
    title: scrubOrNull(row.title),
    bio: scrubOrNull(row.bio),
    city: row.city,
    hourlyRateUsd: num(row.hourly_rate_usd),
    availability: row.availability,
    expertiseLevel: row.expertise_level,
    englishLevel: row.english_level,
    memberSince: iso(row.created_at) as string,
    identityVerified: row.identity_verified,
    skills: row.skills,
    languages: row.languages,
    stats: {
      totalEarnedUsd: row.stats.totalEarnedUsd ?? 0,
      billedHours: row.stats.billedHours ?? 0,
      jobSuccessScore: row.stats.jobSuccessScore ?? null,
      reviewCount: row.stats.reviewCount ?? 0,
      averageRating: row.stats.averageRating ?? null,
    },
    agency: null,
    labelExperience: row.label_experience.map((e) => ({
      ...e,
      title: scrubContactDetails(e.title),
      description: scrubContactDetails(e.description),
    })),
    workExperience: row.work_experience,
    education: row.education,
    reviews: row.reviews.map((r) => ({
      ...r,
      comment: scrubContactDetails(r.comment),
    })),
  };
}

export function candidateSkills(row: ProfileRow): CandidateSkills {
  return {
    labelTypes: row.skills.labelTypes,
    languages: row.languages.map((l) => l.language),
    software: row.skills.software,
    dataTypes: row.skills.dataTypes,
    subjectMatter: row.skills.subjectMatter,
    expertiseLevel: row.expertise_level,
    country: row.country,
  };
}
