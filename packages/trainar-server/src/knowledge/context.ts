/** @module What the knowledge module's handlers and pages receive: the request plus this module's services. */
import { implementer } from '@platform/kit';
import type { TrainArContext } from '../platform/context';
import type { KnowledgeService } from './service';

export interface KnowledgeServices {
  knowledge: KnowledgeService;
}

export type KnowledgeContext = TrainArContext<KnowledgeServices>;

export const implementKnowledge = implementer<KnowledgeContext>();
