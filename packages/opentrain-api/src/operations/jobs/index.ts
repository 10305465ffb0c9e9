/** @module The jobs operations, in the order they appear in the registry (owned by the jobs domain). */
import type { AnyOperation } from '@platform/kit';
import closeJob from './close-job';
import createJobDraft from './create-job-draft';
import getPublicJob from './get-public-job';
import jobChanges from './job-changes';
import jobFacets from './job-facets';
import listJobs from './list-jobs';
import publishJob from './publish-job';
import searchJobs from './search-jobs';
import updateJobDraftFields from './update-job-draft-fields';
import updatePublishedJob from './update-published-job';

export { default as closeJob } from './close-job';
export { default as createJobDraft } from './create-job-draft';
export { default as getPublicJob } from './get-public-job';
export { default as jobChanges } from './job-changes';
export { default as jobFacets } from './job-facets';
export { default as listJobs } from './list-jobs';
export { default as publishJob } from './publish-job';
export { default as searchJobs } from './search-jobs';
export { default as updateJobDraftFields } from './update-job-draft-fields';
export { default as updatePublishedJob } from './update-published-job';
export { myJobSchema } from './list-jobs';
export * from './schemas';

/** Static paths (/jobs/mine, /jobs/facets, /jobs/changes) come before /jobs/{jobId} so routes match them first. */
export const jobsOperations: AnyOperation[] = [createJobDraft, updateJobDraftFields, publishJob, updatePublishedJob, closeJob, listJobs, searchJobs, jobFacets, jobChanges, getPublicJob];
