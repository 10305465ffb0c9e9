/** @module The domains the app composes, in dependency order (see domain.ts). */
import type { DomainModule } from './domain';
import { feedDomain } from './feed/module';
import { jobsDomain } from './jobs/module';
import { messagingDomain } from './messaging/module';
import { moneyDomain } from './money/module';
import { talentDomain } from './talent/module';

export const DOMAINS: DomainModule[] = [feedDomain, jobsDomain, talentDomain, messagingDomain, moneyDomain];
