/**
 * Marketplace search: latency p50/p99 of `GET /jobs` queries (MarketplaceService.search: tsvector
 * full text + GIN, jsonb filters, keyset paging) over BENCH_SEARCH_JOBS (default 10,000) published
 * jobs. Baseline, same run, interleaved: a primary-key lookup of one job row. Also reports whether
 * the full-text query plan uses the GIN index. PostgreSQL when BENCH_DATABASE_URL or
 * TEST_DATABASE_URL is set (a temporary database, dropped afterwards), else in-memory PGlite.
 *
 * Standalone: `npx tsx bench/search.ts`.
 */
import { pathToFileURL } from 'node:url';
import { faker } from '@faker-js/faker';
import { systemClock } from '@platform/kit';
import { sql } from 'kysely';
import type { OtDb } from '../packages/opentrain-server/src/platform/db';
import { jobsDb } from '../packages/opentrain-server/src/jobs/db';
import { MarketplaceService } from '../packages/opentrain-server/src/jobs/marketplace-service';
import { opentrainMigrations } from '../packages/opentrain-server/src/migrations';
import { openBenchDatabase, percentile } from './bench-database';

const LABELS = ['BOUNDING_BOX', 'POLYGON', 'SEGMENTATION', 'TRANSCRIPTION', 'CLASSIFICATION', 'NAMED_ENTITY_RECOGNITION', 'RLHF_PREFERENCE_RANKING', 'KEYPOINT'];
const DATA = ['IMAGE', 'VIDEO', 'AUDIO', 'TEXT', 'DOCUMENT'];
const SUBJECTS = ['MEDICAL', 'LEGAL', 'FINANCE', 'AUTONOMOUS_DRIVING', 'RETAIL_ECOMMERCE', 'AGRICULTURE', null];
const LANGUAGES = ['English', 'Spanish', 'German', 'French', 'Japanese', 'Portuguese', 'Hindi', 'Arabic'];
const COUNTRIES = ['United States', 'Mexico', 'Germany', 'India', 'Brazil', 'Philippines', null];
const PAY = ['PAY_PER_HOUR', 'PAY_PER_LABEL', 'FIXED_PRICE'];
const OBJECTS = [
  'cars',
  'pedestrians',
  'cyclists',
  'tumours',
  'lesions',
  'x-rays',
  'invoices',
  'receipts',
  'contracts',
  'clauses',
  'crops',
  'weeds',
  'products',
  'shelves',
  'street signs',
  'traffic lights',
  'speech turns',
  'accents',
  'chat replies',
  'prompts',
  'code reviews',
  'bugs',
  'satellite tiles',
  'rooftops',
  'ships',
  'aircraft',
  'faces',
  'hands',
  'poses',
  'forklifts',
  'pallets',
  'warehouse robots',
  'drones',
  'retinal scans',
  'dental x-rays',
  'skin photos',
  'legal memos',
  'tax forms',
  'bank statements',
  'tweets',
  'reviews',
  'podcasts',
  'call recordings',
  'subtitles',
  'recipes',
  'menus',
  'floor plans',
  'lidar sweeps',
  'weld seams',
  'solar panels',
];
const VERBS = ['Annotate', 'Label', 'Review', 'Transcribe', 'Classify', 'Rank', 'Segment', 'Tag'];

/** Deterministic pseudo-random picks so every run seeds the same corpus. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

export async function seedJobs(db: OtDb, count: number): Promise<string[]> {
  const random = rng(42);
  faker.seed(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const now = Date.now();
  await db
    .insertInto('ot_organizations')
    .values({
      id: 'org_bench',
      name: 'Bench Labs',
      owner_user_id: null,
      claimed_at: null,
      created_at: new Date(now),
    })
    .execute();
  const jobs = jobsDb(db);
  const ids: string[] = [];
  for (let start = 0; start < count; start += 500) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + 500); i++) {
      const label = pick(LABELS);
      const dataType = pick(DATA);
      const subject = pick(SUBJECTS);
      const paymentType = pick(PAY);
      const country = pick(COUNTRIES);
      const title = `${pick(VERBS)} ${pick(OBJECTS)} in ${dataType.toLowerCase()} data #${i}`;
      const description = `${title}. ${pick(VERBS)} ${pick(OBJECTS)} and ${pick(OBJECTS)} across ${Math.floor(random() * 5000) + 100} files for ${faker.company.name()}. ${faker.company.catchPhrase()}. ${faker.commerce.productDescription()} Workers need ${pick(LANGUAGES)}.`;
      const fields: Record<string, unknown> = {
        paymentType,
        [paymentType === 'PAY_PER_HOUR' ? 'pricePerHour' : paymentType === 'PAY_PER_LABEL' ? 'pricePerLabel' : 'fixedPrice']: Math.round(random() * 100) + 5,
        labelTypes: [label],
        dataType,
        languages: [pick(LANGUAGES), pick(LANGUAGES)].filter((v, k, a) => a.indexOf(v) === k),
        experienceLevel: 'INTERMEDIATE',
        dataVolumeUnit: 'NUMBER_OF_FILES',
        dataVolume: 1000,
        ...(subject ? { subjectMatter: subject } : {}),
        ...(country ? { countries: [country] } : {}),
      };
      const id = `job_bench${String(i).padStart(6, '0')}`;
      ids.push(id);
      const at = new Date(now - (count - i) * 60_000);
      rows.push({
        id,
        organization_id: 'org_bench',
        status: 'OPEN' as const,
        title,
        description,
        fields: sql<Record<string, unknown>>`${JSON.stringify(fields)}::jsonb`,
        extraction: sql<Record<string, unknown>>`'{}'::jsonb`,
        slug: `bench-${i}`,
        source_format: 'text',
        idempotency_key: null,
        external_id: null,
        sandbox: false,
        published_at: at,
        closed_at: null,
        created_at: at,
        updated_at: at,
      });
    }
    await jobs.insertInto('ot_jobs').values(rows).execute();
  }
  await sql`analyze ot_jobs`.execute(db);
  return ids;
}


export async function searchBench(options: { jobs?: number; iterations?: number } = {}): Promise<Record<string, unknown>> {
  const jobCount = options.jobs ?? Number(process.env.BENCH_SEARCH_JOBS ?? 10_000);
  const iterations = options.iterations ?? Number(process.env.BENCH_SEARCH_ITERATIONS ?? 400);
  const { database, driver, drop } = await openBenchDatabase('search', opentrainMigrations, 4);
  const db = database.db as OtDb;
  try {
    const ids = await seedJobs(db, jobCount);
    const marketplace = new MarketplaceService(jobsDb(db), systemClock, () => 'http://bench.local');
    const queries = [
      { q: 'bounding cars', limit: 20 },
      { q: 'transcribe speech', language: 'Spanish', limit: 20 },
      { q: 'invoices', payType: 'PAY_PER_LABEL', limit: 20 },
      { country: 'Germany', limit: 20 },
      { payType: 'FIXED_PRICE', limit: 20 },
      { q: 'x-rays tumours', country: 'India', limit: 20 },
    ];
    const lookup = (id: string) => jobsDb(db).selectFrom('ot_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    for (let i = 0; i < 30; i++) {
      await marketplace.search(queries[i % queries.length]);
      await lookup(ids[i]);
    }
    const searchMs: number[] = [];
    const lookupMs: number[] = [];
    let results = 0;
    for (let i = 0; i < iterations; i++) {
      let t = performance.now();
      results += (await marketplace.search(queries[i % queries.length])).jobs.length;
      searchMs.push(performance.now() - t);
      t = performance.now();
      await lookup(ids[(i * 7919) % ids.length]);
      lookupMs.push(performance.now() - t);
    }
    searchMs.sort((a, b) => a - b);
    lookupMs.sort((a, b) => a - b);
    // A selective query (a few % of rows): the planner should take the GIN index; broad terms seq-scan, rightly.
    const plan = await sql<Record<string, string>>`explain select id from ot_jobs where status = 'OPEN' and search_vector @@ websearch_to_tsquery('english', 'tumours receipts')`.execute(db);
    if (process.env.BENCH_SEARCH_PLAN) console.log(plan.rows.map((r) => Object.values(r).join('')).join('\n'));
    const usesGinIndex = plan.rows.some((r) => Object.values(r).some((line) => String(line).includes('ot_jobs_search')));
    return {
      name: `marketplace search over ${jobCount} published jobs (${driver}) vs primary-key lookup`,
      jobs: jobCount,
      iterations,
      meanResults: results / iterations,
      searchP50Ms: percentile(searchMs, 50),
      searchP99Ms: percentile(searchMs, 99),
      lookupP50Ms: percentile(lookupMs, 50),
      lookupP99Ms: percentile(lookupMs, 99),
      ratioP50: percentile(searchMs, 50) / percentile(lookupMs, 50),
      ratioP99: percentile(searchMs, 99) / percentile(lookupMs, 99),
      usesGinIndex,
    };
  } finally {
    await drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await searchBench();
  const fmt = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v));
  process.stdout.write(
    `search: ${Object.entries(result)
      .map(([k, v]) => `${k}=${fmt(v)}`)
      .join(' ')}\n`,
  );
}
