/** @module The knowledge pipeline's job kind and payload: enqueued by the service, run by pipeline.ts (kept apart so neither imports the other). */
export const PROCESS_FILE_JOB = 'knowledge.process_file';

export interface ProcessFilePayload {
  tenant_id: string;
  file_id: string;
}
