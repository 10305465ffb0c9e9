/**
 * @module Freelancer profiles: a user is a freelancer iff they have one. Read masked by every other
 * domain (`maskedName`, `isSandbox`), created by the sign-up pages, and seeded in bulk for the sandbox.
 */
import { type Clock, badRequest, notFound, randomBase62, z } from '@platform/kit';
import type { FreelancerView } from '@opentrain/api';
import type { OtDb } from '../platform/db';
import { type TalentDb, type TalentExecutor, jsonb, talentDb } from './db';
import { type ProfileRow, freelancerView } from './freelancer-view';
import { maskedName } from './privacy';
import type { SandboxFreelancer } from './sandbox/population';
import { COUNTRIES, DATA_TYPES, LABEL_TYPES, LANGUAGES, SUBJECT_MATTERS, TOOL_NAMES } from './vocabulary';

export const PROFICIENCIES = ['NATIVE', 'FLUENT', 'CONVERSATIONAL', 'BASIC'] as const;
export const EXPERTISE_LEVELS = ['ENTRY_LEVEL', 'INTERMEDIATE', 'EXPERT'] as const;
export const AVAILABILITIES = ['FULL_TIME', 'PART_TIME', 'UNAVAILABLE'] as const;

/** What a freelancer fills in on `/freelancer/profile`. */
export const profileInputSchema = z.object({
  firstName: z.string().trim().min(1, 'is required').max(100),
  lastName: z.string().trim().min(1, 'is required').max(100),
  title: z.string().trim().min(1, 'is required').max(120),
  bio: z.string().trim().max(2000).default(''),
  countryCode: z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => COUNTRIES.some((x) => x.code === c), 'choose a country from the list'),
  city: z.string().trim().max(100).default(''),
  hourlyRateUsd: z.coerce.number({ message: 'must be a number' }).positive('must be above 0').max(1000, 'must be at most 1000'),
  expertiseLevel: z.enum(EXPERTISE_LEVELS),
  yearsExperience: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0).max(60),
  availability: z.enum(AVAILABILITIES).default('FULL_TIME'),
  labelTypes: z.array(z.enum(LABEL_TYPES)).min(1, 'pick at least one label type'),
  dataTypes: z.array(z.enum(DATA_TYPES)).default([]),
  subjectMatter: z.array(z.enum(SUBJECT_MATTERS)).default([]),
  software: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  languages: z
    .array(
      z.object({
        language: z.string().refine((l) => LANGUAGES.some((x) => x.name === l), 'unknown language'),
        proficiency: z.enum(PROFICIENCIES),
      }),
    )
    .min(1, 'add at least one language'),
});
export type ProfileInput = z.infer<typeof profileInputSchema>;

const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Known tool names keep their canonical spelling ("label studio" → "Label Studio"). */
const canonicalTool = (name: string) => TOOL_NAMES.find((t) => t.toLowerCase() === name.toLowerCase()) ?? name;

export class FreelancersService {
  readonly db: TalentDb;
  constructor(
    db: OtDb,
    private readonly clock: Clock,
  ) {
    this.db = talentDb(db);
  }

  async getProfile(userId: string, exec: TalentExecutor = this.db): Promise<ProfileRow | undefined> {
    return exec.selectFrom('ot_freelancer_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
  }

  async isFreelancer(userId: string): Promise<boolean> {
    return (await this.getProfile(userId)) !== undefined;
  }

  async isSandbox(userId: string): Promise<boolean> {
    return (await this.getProfile(userId))?.sandbox ?? false;
  }

  /** "Maria G.", or undefined when the user is not a freelancer. */
  async maskedName(userId: string): Promise<string | undefined> {
    const row = await this.getProfile(userId);
    return row ? maskedName(row.first_name, row.last_name) : undefined;
  }

  async findByIdOrSlug(idOrSlug: string): Promise<ProfileRow | undefined> {
    return this.db
      .selectFrom('ot_freelancer_profiles')
      .selectAll()
      .where((eb) => eb.or([eb('user_id', '=', idOrSlug), eb('slug', '=', idOrSlug.toLowerCase())]))
      .executeTakeFirst();
  }

  /** GET /freelancers/{idOrSlug}: the masked public profile. */
  async publicProfile(idOrSlug: string): Promise<FreelancerView> {
    const row = await this.findByIdOrSlug(idOrSlug);
    if (!row)
      throw notFound(`No freelancer "${idOrSlug}".`, {
        resource: 'freelancers',
        idOrSlug,
      });
    return freelancerView(row);
  }

  /** Creates or updates the signed-in user's own profile (the sign-up pages). */
  async saveOwnProfile(userId: string, raw: unknown): Promise<ProfileRow> {
    const parsed = profileInputSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw badRequest(`${issue.path.join('.') || 'profile'}: ${issue.message}`, { field: issue.path.join('.') });
    }
    const input = parsed.data;
    const now = this.clock.now();
    const country = COUNTRIES.find((c) => c.code === input.countryCode);
    const skills = {
      subjectMatter: input.subjectMatter,
      tags: [],
      software: [...new Set(input.software.map(canonicalTool))],
      dataTypes: input.dataTypes,
      labelTypes: input.labelTypes,
    };
    const values = {
      first_name: input.firstName,
      last_name: input.lastName,
      title: input.title,
      bio: input.bio || null,
      city: input.city || null,
      country_code: input.countryCode,
      country: country?.name ?? null,
      hourly_rate_usd: input.hourlyRateUsd,
      availability: input.availability,
      expertise_level: input.expertiseLevel,
      years_experience: input.yearsExperience,
      english_level: input.languages.find((l) => l.language === 'English')?.proficiency ?? null,
      skills: jsonb(skills),
      languages: jsonb(input.languages),
      updated_at: now,
    };
    const existing = await this.getProfile(userId);
    if (existing) {
      return this.db.updateTable('ot_freelancer_profiles').set(values).where('user_id', '=', userId).returningAll().executeTakeFirstOrThrow();
    }
    const slug = `${ascii(`${input.firstName}-${input.lastName.slice(0, 1)}`) || 'trainer'}-${randomBase62(6).toLowerCase()}`;
    return this.db
      .insertInto('ot_freelancer_profiles')
      .values({
        ...values,
        user_id: userId,
        slug,
        sandbox: false,
        talent_type: 'INDIVIDUAL',
        identity_verified: false,
        location_verified_at: null,
        stats: jsonb({
          totalEarnedUsd: 0,
          billedHours: 0,
          jobSuccessScore: null,
          reviewCount: 0,
          averageRating: null,
          highestEarningsUsd: 0,
        }),
        label_experience: jsonb([]),
        work_experience: jsonb([]),
        education: jsonb([]),
        reviews: jsonb([]),
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Inserts the sandbox population (users + profiles) in two statements; existing rows are left alone. */
  async seedSandbox(population: readonly SandboxFreelancer[]): Promise<number> {
    if (population.length === 0) return 0;
    const { count } = await this.db
      .selectFrom('ot_freelancer_profiles')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('sandbox', '=', true)
      .executeTakeFirstOrThrow();
    if (Number(count) >= population.length) return 0;
    return this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('ot_users')
        .values(
          population.map((p) => ({
            id: p.userId,
            email: p.email,
            email_normalized: p.email,
            first_name: p.firstName,
            last_name: p.lastName,
            password_hash: null,
            created_at: p.createdAt,
            email_verified_at: null,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
      const inserted = await trx
        .insertInto('ot_freelancer_profiles')
        .values(
          population.map((p) => ({
            user_id: p.userId,
            slug: p.slug,
            sandbox: true,
            first_name: p.firstName,
            last_name: p.lastName,
            title: p.title,
            bio: p.bio,
            city: p.city,
            country_code: p.countryCode,
            country: p.country,
            talent_type: 'INDIVIDUAL',
            hourly_rate_usd: p.hourlyRateUsd,
            availability: p.availability,
            expertise_level: p.expertiseLevel,
            years_experience: p.yearsExperience,
            english_level: p.englishLevel,
            identity_verified: p.identityVerified,
            location_verified_at: p.locationVerified ? p.createdAt : null,
            skills: jsonb(p.skills),
            languages: jsonb(p.languages),
            stats: jsonb(p.stats),
            label_experience: jsonb(p.labelExperience),
            work_experience: jsonb(p.workExperience),
            education: jsonb(p.education),
            reviews: jsonb(p.reviews),
            created_at: p.createdAt,
            updated_at: p.createdAt,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .returning('user_id')
        .execute();
      return inserted.length;
    });
  }

  /** Sandbox freelancers who take work (the simulator's pool). */
  async availableSandboxProfiles(): Promise<ProfileRow[]> {
    return this.db.selectFrom('ot_freelancer_profiles').selectAll().where('sandbox', '=', true).where('availability', '!=', 'UNAVAILABLE').orderBy('seq').execute();
  }
}
