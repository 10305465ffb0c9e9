/** @module Knowledge settings: file size limit, URL-upload reach, embedder and vector backend (env defaults). */
import type { UrlAllowance } from '@platform/kit';
import { type Embedder, embedderFromEnv } from './embedder';

export interface KnowledgeOptions {
  /** Largest file accepted (bytes). Env TRAINAR_KNOWLEDGE_MAX_FILE_MB, default 10. */
  maxFileBytes: number;
  /** Receivers a `url` upload may reach: public unless ALLOW_PRIVATE_WEBHOOK_URLS=1 (dev). */
  urlAllowance: UrlAllowance;
  embedder: Embedder;
  /** auto: pgvector when the database has it, else the in-process index. */
  vectorBackend: 'auto' | 'pgvector' | 'in-process';
  /** A file producing more chunks than this fails (a runaway export, not a manual). */
  maxChunksPerFile: number;
  /** Chunks embedded per transaction: the unit a crashed pipeline resumes from. */
  embedBatchSize: number;
}

export function knowledgeOptions(overrides: Partial<KnowledgeOptions> = {}, env: NodeJS.ProcessEnv = process.env): KnowledgeOptions {
  const mb = env.TRAINAR_KNOWLEDGE_MAX_FILE_MB ? Number(env.TRAINAR_KNOWLEDGE_MAX_FILE_MB) : 10;
  if (!(mb > 0)) throw new Error(`TRAINAR_KNOWLEDGE_MAX_FILE_MB must be a positive number (got "${env.TRAINAR_KNOWLEDGE_MAX_FILE_MB}")`);
  return {
    maxFileBytes: Math.round(mb * 1024 * 1024),
    urlAllowance: env.ALLOW_PRIVATE_WEBHOOK_URLS === '1' ? 'private' : 'public',
    vectorBackend: 'auto',
    maxChunksPerFile: 20_000,
    embedBatchSize: 64,
    ...overrides,
    embedder: overrides.embedder ?? embedderFromEnv(env),
  };
}

/**
 * The routes that carry knowledge files (and so get `knowledgeBodyLimit`): the three REST uploads,
 * hosted MCP (its upload tools), the SSE message endpoint and the dashboard's upload form. Every
 * other route keeps the 1 MB default.
 */
export const KNOWLEDGE_UPLOAD_PATHS: readonly string[] = [
  '/v1/api-tenant-knowledge',
  '/v1/api-tenant-knowledge-files',
  '/v1/api-tenant-knowledge-files-bulk',
  '/mcp',
  '/messages',
  '/dashboard/knowledge/upload',
];

/** The HTTP body limit that lets a base64 upload of the largest allowed file through (with JSON overhead). */
export function knowledgeBodyLimit(maxFileBytes: number): number {
  return Math.max(1024 * 1024, Math.ceil((maxFileBytes * 4) / 3) + 256 * 1024);
}
