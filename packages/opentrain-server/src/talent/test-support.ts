/** @module Test helpers for the talent domain: publish a job through the Public API with chosen requirements. */
import type { Harness } from '../testing/harness';

export const DRONE_JOB = {
  description: 'We need experienced annotators to draw bounding boxes and polygons around crops and weeds in agricultural drone images. Work in CVAT, English guidelines, paid hourly.',
  fields: {
    jobTitle: 'Bounding boxes for agricultural drone images',
    paymentType: 'PAY_PER_HOUR',
    pricePerHour: 18,
    labelTypes: ['BOUNDING_BOX', 'POLYGON'],
    dataType: 'IMAGE',
    subjectMatter: 'AGRICULTURE',
    labelingSoftware: ['CVAT'],
    languages: ['English'],
    experienceLevel: 'INTERMEDIATE',
    dataVolumeUnit: 'UNKNOWN_NOT_SPECIFIED',
  },
};

/** POST /job-drafts → PATCH /job-drafts/{id} → POST /jobs/{id}/publish; returns the job id. */
export async function publishJob(h: Harness, token: string, job: { description: string; fields: Record<string, unknown> } = DRONE_JOB, options: { publish?: boolean } = {}): Promise<string> {
  const draft = await h.api('/job-drafts', {
    method: 'POST',
    token,
    body: { rawJobDescription: job.description },
  });
  if (draft.status !== 201 && draft.status !== 200) throw new Error(`draft failed: ${draft.status} ${JSON.stringify(draft.body)}`);
  const jobId = draft.body.jobId as string;
  const patched = await h.api(`/job-drafts/${jobId}`, {
    method: 'PATCH',
    token,
    body: job.fields,
  });
  if (patched.status !== 200) throw new Error(`patch failed: ${patched.status} ${JSON.stringify(patched.body)}`);
  if (options.publish === false) return jobId;
  const published = await h.api(`/jobs/${jobId}/publish`, {
    method: 'POST',
    token,
  });
  if (published.status !== 200) throw new Error(`publish failed: ${published.status} ${JSON.stringify(published.body)}`);
  return jobId;
}
