/** Shared steps of the jobs tests: a publish-ready draft and a published job, through HTTP. */
import { expect } from 'vitest';
import type { startHarness } from '../testing/harness';

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** The example posting of the MCP README. */
export const README_EXAMPLE =
  'Image Annotation Specialist needed. We have about 1,200 JPG files of street scenes that need bounding boxes drawn around cars, pedestrians and cyclists. Paying $25 per hour.';

export const READY_FIELDS = {
  experienceLevel: 'INTERMEDIATE',
  languages: ['English'],
};

/** A draft from `text`, completed with READY_FIELDS (+ extra) and published; returns its id. */
export async function publishedJob(h: Harness, token: string, text = README_EXAMPLE, extra: Record<string, unknown> = {}) {
  const draft = await h.api('/job-drafts', {
    token,
    method: 'POST',
    body: { rawJobDescription: text },
  });
  expect(draft.status).toBe(201);
  const patched = await h.api(`/job-drafts/${draft.body.jobId}`, {
    token,
    method: 'PATCH',
    body: { ...READY_FIELDS, ...extra },
  });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  const published = await h.api(`/jobs/${draft.body.jobId}/publish`, {
    token,
    method: 'POST',
  });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return draft.body.jobId as string;
}
