/** @module The knowledge module's public surface: what other modules and the composition root may import. */
export type { KnowledgeServices } from './context';
export { knowledgeMigrations } from './migrations';
export { createKnowledgeModule } from './module';
export { KNOWLEDGE_UPLOAD_PATHS, knowledgeBodyLimit } from './options';
export type { KnowledgeService } from './service';
