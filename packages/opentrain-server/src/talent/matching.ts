/**
 * @module The match score: how well a freelancer's profile covers a job's stated requirements, as an
 * integer 0–100. Deterministic: the same job and profile always give the same score.
 *
 * Each requirement the job states has a weight; the score is the weighted coverage over the stated
 * requirements only (a job that names no tool does not reward or punish tools):
 *   label types 30 · languages 20 · labelling software 15 · data type 10 · subject matter 10 ·
 *   experience level 10 · country 5.
 * Coverage of a list is the share of the job's values found in the profile; experience is 1 when the
 * profile's level meets the job's, 0.5 one level below, 0 otherwise; a job that states nothing scores 50.
 */

export interface JobRequirements {
  labelTypes: string[];
  languages: string[];
  software: string[];
  dataType: string | null;
  subjectMatter: string | null;
  experienceLevel: string | null;
  countries: string[];
}

export interface CandidateSkills {
  labelTypes: string[];
  languages: string[];
  software: string[];
  dataTypes: string[];
  subjectMatter: string[];
  expertiseLevel: 'ENTRY_LEVEL' | 'INTERMEDIATE' | 'EXPERT';
  country: string | null;
}

export const MATCH_WEIGHTS = {
  labelTypes: 30,
  languages: 20,
  software: 15,
  dataType: 10,
  subjectMatter: 10,
  experienceLevel: 10,
  countries: 5,
} as const;
export type MatchCriterion = keyof typeof MATCH_WEIGHTS;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : typeof v === 'string' && v.trim() ? [v] : []);
const single = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : null);

/** Reads the job's normalized draft fields (keys as in DRAFT_UPDATE_KEYS). */
export function requirementsFromFields(fields: Record<string, unknown>): JobRequirements {
  const level = single(fields.experienceLevel);
  return {
    labelTypes: strings(fields.labelTypes),
    languages: strings(fields.languages),
    software: strings(fields.labelingSoftware),
    dataType: single(fields.dataType),
    subjectMatter: single(fields.subjectMatter),
    experienceLevel: level === 'ANY_EXPERIENCE_LEVEL' ? null : level,
    countries: strings(fields.countries),
  };
}

const LEVEL_RANK: Record<string, number> = {
  ENTRY_LEVEL: 0,
  INTERMEDIATE: 1,
  EXPERT: 2,
};
const lower = (values: readonly string[]) => new Set(values.map((v) => v.toLowerCase()));

function share(wanted: readonly string[], have: readonly string[]): number {
  const owned = lower(have);
  return wanted.filter((w) => owned.has(w.toLowerCase())).length / wanted.length;
}

export interface MatchResult {
  score: number;
  /** Coverage 0–1 of each requirement the job states. */
  coverage: Partial<Record<MatchCriterion, number>>;
}

export function matchScore(job: JobRequirements, candidate: CandidateSkills): MatchResult {
  const coverage: Partial<Record<MatchCriterion, number>> = {};
  if (job.labelTypes.length) coverage.labelTypes = share(job.labelTypes, candidate.labelTypes);
  if (job.languages.length) coverage.languages = share(job.languages, candidate.languages);
  if (job.software.length) coverage.software = share(job.software, candidate.software);
  if (job.dataType) coverage.dataType = share([job.dataType], candidate.dataTypes);
  if (job.subjectMatter) coverage.subjectMatter = share([job.subjectMatter], candidate.subjectMatter);
  if (job.experienceLevel && job.experienceLevel in LEVEL_RANK) {
    const gap = LEVEL_RANK[job.experienceLevel] - LEVEL_RANK[candidate.expertiseLevel];
    coverage.experienceLevel = gap <= 0 ? 1 : gap === 1 ? 0.5 : 0;
  }
  if (job.countries.length) coverage.countries = candidate.country && lower(job.countries).has(candidate.country.toLowerCase()) ? 1 : 0;
  const stated = Object.keys(coverage) as MatchCriterion[];
  if (stated.length === 0) return { score: 50, coverage };
  const total = stated.reduce((sum, k) => sum + MATCH_WEIGHTS[k], 0);
  const got = stated.reduce((sum, k) => sum + MATCH_WEIGHTS[k] * (coverage[k] as number), 0);
  return { score: Math.round((100 * got) / total), coverage };
}
