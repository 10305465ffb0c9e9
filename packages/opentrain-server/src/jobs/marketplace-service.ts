/**
 * @module The tokenless marketplace: full-text search over listed jobs (PostgreSQL tsvector + GIN,
 * jsonb containment filters), one job, facet counts, and the change feed. "Listed" = OPEN and not
 * PRIVATE.
 */
import { badRequest, type Clock, jsonb } from '@platform/kit';
import { type SelectQueryBuilder, sql } from 'kysely';
import { iso } from '../platform/db';
import { normalizeCountry, normalizeLanguage } from './extraction';
import { cursorDate, decodeCursor, encodeCursor } from './cursor';
import type { JobsDb, JobsDbTables } from './db';
import { toPublicJob } from './public-job';

export const MAX_CHANGES = 5_000;

export interface SearchOptions {
  q?: string;
  language?: string;
  country?: string;
  payType?: string;
  limit: number;
  cursor?: string;
}


// biome-ignore lint/suspicious/noExplicitAny: the select list differs per query; only the where clause matters here.
function listed<O>(query: SelectQueryBuilder<JobsDbTables & { j: JobsDbTables['ot_jobs'] }, 'j' | any, O>) {
  return query.where('j.status', '=', 'OPEN').where(sql<boolean>`coalesce(j.fields->>'visibility', 'PUBLIC') <> 'PRIVATE'`);
}

export class MarketplaceService {
  constructor(
    private readonly db: JobsDb,
    private readonly clock: Clock,
    private readonly publicUrl: () => string,
  ) {}

  private base() {
    return this.db.selectFrom('ot_jobs as j').innerJoin('ot_organizations as o', 'o.id', 'j.organization_id').selectAll('j').select('o.name as company_name');
  }

  async search(options: SearchOptions) {
    const q = options.q?.trim();
    let query = listed(this.base());
    if (options.language) {
      const language = normalizeLanguage(options.language);
      if (!language) throw badRequest(`language: "${options.language}" is not a language we know; use an English name or ISO code.`, { field: 'language' });
      query = query.where(sql<boolean>`j.fields @> ${jsonb({ languages: [language] })}`);
    }
    if (options.country) {
      const country = normalizeCountry(options.country);
      if (!country) throw badRequest(`country: "${options.country}" is not a country we know; use an English name or ISO code.`, { field: 'country' });
      // Jobs without a country restriction are open to workers everywhere.
      query = query.where(sql<boolean>`(j.fields @> ${jsonb({ countries: [country] })} or not (j.fields ? 'countries'))`);
    }
    if (options.payType) query = query.where(sql<boolean>`j.fields @> ${jsonb({ paymentType: options.payType })}`);
    // Relevance is an integer (ts_rank × 10⁶) so it survives the cursor exactly.
    const rank = q ? sql<string>`round(ts_rank(j.search_vector, websearch_to_tsquery('english', ${q})) * 1000000)::bigint` : sql<string>`0::bigint`;
    if (q) query = query.where(sql<boolean>`j.search_vector @@ websearch_to_tsquery('english', ${q})`);
    if (options.cursor) {
      const [r, publishedAt, seq] = decodeCursor(options.cursor, ['n', 's', 'n']);
      query = query.where(sql<boolean>`(${rank}, j.published_at, j.seq) < (${r}::bigint, ${cursorDate(publishedAt)}, ${seq}::bigint)`);
    }
    const rows = await query
      .select(rank.as('rank'))
      .orderBy(sql`${rank}`, 'desc')
      .orderBy('j.published_at', 'desc')
      .orderBy('j.seq', 'desc')
      .limit(options.limit + 1)
      .execute();
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    const publicUrl = this.publicUrl();
    return {
      jobs: page.map((r) => toPublicJob(r, publicUrl)),
      nextCursor: rows.length > options.limit && last ? encodeCursor([Number(last.rank), iso(last.published_at) as string, Number(last.seq)]) : null,
      generatedAt: this.clock.now().toISOString(),
    };
  }

  /** A listed job, or undefined (closed, draft, private, unknown). */
  async getListed(jobId: string) {
    const row = await listed(this.base()).where('j.id', '=', jobId).executeTakeFirst();
    return row ? toPublicJob(row, this.publicUrl()) : undefined;
  }

  async facets() {
    const facet = async (valueSql: ReturnType<typeof sql>, from?: ReturnType<typeof sql>) => {
      const rows = await sql<{ value: string; count: string }>`
        select ${valueSql} as value, count(*) as count
        from ot_jobs j ${from ?? sql``}
        where j.status = 'OPEN' and coalesce(j.fields->>'visibility', 'PUBLIC') <> 'PRIVATE'
        group by 1 having ${valueSql} is not null
        order by count(*) desc, 1 asc`.execute(this.db);
      return rows.rows.map((r) => ({ value: r.value, count: Number(r.count) }));
    };
    const total = await listed(this.db.selectFrom('ot_jobs as j')).select(sql<string>`count(*)`.as('count')).executeTakeFirstOrThrow();
    return {
      totalJobs: Number(total.count),
      categories: await facet(sql`coalesce(j.fields->>'subjectMatter', 'GENERAL')`),
      languages: await facet(
        sql`language.value`,
        sql`cross join lateral jsonb_array_elements_text(case when jsonb_typeof(j.fields->'languages') = 'array' then j.fields->'languages' else '[]'::jsonb end) as language(value)`,
      ),
      countries: await facet(
        sql`country.value`,
        sql`cross join lateral jsonb_array_elements_text(case when jsonb_typeof(j.fields->'countries') = 'array' then j.fields->'countries' else '[]'::jsonb end) as country(value)`,
      ),
      payTypes: await facet(sql`j.fields->>'paymentType'`),
      generatedAt: this.clock.now().toISOString(),
    };
  }

  /** Latest event per job in (since, until]; at most MAX_CHANGES jobs, until moved back to fit. */
  async changes(sinceText: string) {
    const since = new Date(sinceText);
    if (!/^\d{4}-\d{2}-\d{2}/.test(sinceText) || Number.isNaN(since.getTime())) {
      throw badRequest('since must be an ISO-8601 time, e.g. 2026-01-31T00:00:00Z.', { field: 'since' });
    }
    const now = this.clock.now();
    let until = now;
    const cutoff = await this.db
      .selectFrom('ot_job_changes')
      .select('occurred_at')
      .where('occurred_at', '>', since)
      .where('occurred_at', '<=', now)
      .orderBy('occurred_at')
      .orderBy('id')
      .offset(MAX_CHANGES - 1)
      .limit(1)
      .executeTakeFirst();
    if (cutoff) until = new Date(cutoff.occurred_at);
    const rows = await sql<{
      job_id: string;
      event_type: string;
      occurred_at: Date;
    }>`
      select distinct on (job_id) job_id, event_type, occurred_at
      from ot_job_changes
      where occurred_at > ${since} and occurred_at <= ${until}
      order by job_id, occurred_at desc, id desc`.execute(this.db);
    const changes = rows.rows
      .map((r) => ({
        jobId: r.job_id,
        eventType: r.event_type as 'PUBLISHED' | 'UPDATED' | 'CLOSED',
        occurredAt: iso(r.occurred_at) as string,
      }))
      .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.jobId.localeCompare(b.jobId))
      .slice(0, MAX_CHANGES);
    return {
      since: since.toISOString(),
      until: until.toISOString(),
      changes,
      generatedAt: now.toISOString(),
    };
  }
}
