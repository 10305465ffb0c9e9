/** @module The knowledge module: knowledge items and collections, file processing (its job handlers), search, and Dashboard → Skills & Knowledge → Knowledge. It needs no other module. */
import type { PlatformServices } from '../platform/context';
import type { TrainArModule } from '../platform/module';
import type { KnowledgeServices } from './context';
import { knowledgeHandlers } from './handlers';
import { mountKnowledgePage } from './page';
import { knowledgeJobHandlers } from './pipeline';
import { KnowledgeService } from './service';

export function createKnowledgeModule(platform: PlatformServices): TrainArModule<KnowledgeServices> {
  const knowledge = new KnowledgeService(platform);
  const services: KnowledgeServices = { knowledge };
  return {
    name: 'knowledge',
    services,
    implementations: knowledgeHandlers,
    jobHandlers: knowledgeJobHandlers(knowledge),
    mountPages: (app, shell) => mountKnowledgePage(app, { ...shell, services }),
  };
}
