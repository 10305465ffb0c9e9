/** The tokenless marketplace: search filters and paging, one job, facets, changes, CORS, cache, per-IP limit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../testing/harness';
import { type Harness, publishedJob } from './test-helpers';

const SPANISH_AUDIO = 'Transcribe 40 hours of Spanish customer-service audio recordings. Native Spanish speakers in Mexico only. Pay $18 per hour. Wombatphrase.';
const FIXED_TEXT = 'Classify 2,000 product photos into 12 categories for a retail catalogue. Fixed price $300 for the whole batch. Wombatphrase.';

describe('marketplace', () => {
  let h: Harness;
  let token: string;
  let audioId: string;
  let fixedId: string;
  let since: string;
  beforeAll(async () => {
    h = await startHarness();
    token = (await h.claimedAgent()).token;
    since = new Date(h.clock.now().getTime() - 1000).toISOString();
    audioId = await publishedJob(h, token, SPANISH_AUDIO, {
      dataType: 'AUDIO',
      labelTypes: ['TRANSCRIPTION'],
      dataVolumeUnit: 'HOURS_OF_RECORDING_AUDIO_VIDEO',
      dataVolume: 40,
      languages: ['es'],
      countries: ['MX'],
    });
    h.clock.advance(1000);
    fixedId = await publishedJob(h, token, FIXED_TEXT, {
      dataType: 'IMAGE',
      labelTypes: ['CLASSIFICATION'],
      dataVolumeUnit: 'NUMBER_OF_FILES',
      dataVolume: 2000,
      subjectMatter: 'RETAIL_ECOMMERCE',
    });
  });
  afterAll(async () => h?.close());

  it('searches by text, language, country and pay type', async () => {
    const ids = async (query: string) => (await h.api(`/jobs?${query}`)).body.jobs.map((j: { id: string }) => j.id);
    expect(await ids('q=wombatphrase')).toEqual([fixedId, audioId]);
    expect(await ids('q=wombatphrase%20transcribe')).toEqual([audioId]);
    expect(await ids('q=wombatphrase&language=Spanish')).toEqual([audioId]);
    expect(await ids('q=wombatphrase&country=Germany')).toEqual([fixedId]);
    expect(await ids('q=wombatphrase&country=Mexico')).toEqual([fixedId, audioId]);
    expect(await ids('q=wombatphrase&payType=FIXED_PRICE')).toEqual([fixedId]);
    const bad = await h.api('/jobs?payType=PER_PIXEL');
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('payType');
    expect((await h.api('/jobs?language=Klingonese')).body.details.field).toBe('language');
  });

  it('pages search results with a cursor', async () => {
    const first = await h.api('/jobs?q=wombatphrase&limit=1');
    expect(first.body.jobs).toHaveLength(1);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await h.api(`/jobs?q=wombatphrase&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.jobs.map((j: { id: string }) => j.id)).toEqual([audioId]);
    expect(second.body.nextCursor).toBeNull();
    const recent = await h.api('/jobs?limit=1');
    expect((await h.api(`/jobs?limit=1&cursor=${recent.body.nextCursor}`)).body.jobs[0].id).toBe(audioId);
  });

  it('serves the public Job object with CORS and cache headers, tokenless', async () => {
    const res = await h.api(`/jobs/${fixedId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('public, s-maxage=300, stale-while-revalidate=3600');
    expect(res.body).toMatchObject({
      id: fixedId,
      category: 'RETAIL_ECOMMERCE',
      pay: { paymentType: 'FIXED_PRICE', fixedPrice: 300, hourlyRate: null },
    });
    const search = await h.api('/jobs');
    expect(search.headers.get('access-control-allow-origin')).toBe('*');
    expect(search.headers.get('cache-control')).toContain('s-maxage=300');
    const preflight = await fetch(`${h.url}/api/public/v1/jobs`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://example.com',
        'Access-Control-Request-Method': 'GET',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const error = await h.api('/jobs?payType=nope');
    expect(error.headers.get('access-control-allow-origin')).toBe('*');
    expect((await h.api(`/jobs/${'x'.repeat(65)}`)).status).toBe(400);
  });

  it('counts facets', async () => {
    const res = await h.api('/jobs/facets');
    expect(res.status).toBe(200);
    expect(res.body.totalJobs).toBe(2);
    expect(res.body.payTypes).toEqual(
      expect.arrayContaining([
        { value: 'FIXED_PRICE', count: 1 },
        { value: 'PAY_PER_HOUR', count: 1 },
      ]),
    );
    expect(res.body.languages).toEqual(expect.arrayContaining([{ value: 'Spanish', count: 1 }]));
    expect(res.body.countries).toEqual([{ value: 'Mexico', count: 1 }]);
    expect(res.body.categories).toEqual(expect.arrayContaining([{ value: 'RETAIL_ECOMMERCE', count: 1 }]));
  });

  it('reports the latest change per job since a time', async () => {
    h.clock.advance(1000);
    const private_ = await h.api(`/jobs/${audioId}`, {
      token,
      method: 'PATCH',
      body: { headcount: 2 },
    });
    expect(private_.status).toBe(200);
    const res = await h.api(`/jobs/changes?since=${encodeURIComponent(since)}`);
    expect(res.status).toBe(200);
    const byJob = Object.fromEntries(res.body.changes.map((c: { jobId: string; eventType: string }) => [c.jobId, c.eventType]));
    expect(byJob).toEqual({ [audioId]: 'UPDATED', [fixedId]: 'PUBLISHED' });
    const later = await h.api(`/jobs/changes?since=${encodeURIComponent(res.body.until)}`);
    expect(later.body.changes).toEqual([]);
    expect((await h.api('/jobs/changes')).status).toBe(400);
    expect((await h.api('/jobs/changes?since=yesterday')).body.details.field).toBe('since');
  });

  it('hides PRIVATE jobs from search but keeps them for the owner', async () => {
    const jobId = await publishedJob(h, token, `${FIXED_TEXT} Secretive.`, {
      visibility: 'PRIVATE',
    });
    expect((await h.api('/jobs?q=secretive')).body.jobs).toEqual([]);
    expect((await h.api(`/jobs/${jobId}`)).status).toBe(404);
    expect((await h.api('/jobs/mine?status=OPEN', { token })).body.jobs.map((j: { id: string }) => j.id)).toContain(jobId);
  });
});

describe('marketplace per-IP rate limit', () => {
  it('answers 429 after the tokenless limit, still with CORS', async () => {
    const h = await startHarness({
      limits: { publicApiPerIp: { limit: 2, windowSeconds: 60 } },
    });
    try {
      h.clock.set(Math.floor(h.clock.now().getTime() / 60_000) * 60_000);
      expect((await h.api('/jobs')).status).toBe(200);
      expect((await h.api('/jobs/facets')).status).toBe(200);
      const limited = await h.api('/jobs');
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('RATE_LIMITED');
      expect(limited.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await h.close();
    }
  });
});
