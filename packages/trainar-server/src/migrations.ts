/** @module TrainAR's migrations, applied in name order at start-up (kit tables first, then `tar-*`). */
import { kitMigrations, type SqlMigration } from '@platform/kit';
import { apiKeyMigrations } from './api-keys';
import { billingMigrations } from './billing';
import { deviceMigrations } from './devices';
import { integrationMigrations } from './integrations';
import { knowledgeMigrations } from './knowledge';
import { seatMigrations } from './seats';
import { sessionMigrations } from './sessions';
import { skillMigrations } from './skills';
import { taskMigrations } from './tasks';
import { tenantMigrations } from './tenants';
import { userMigrations } from './users';
import { webhookMigrations } from './webhooks';

export const trainarMigrations: SqlMigration[] = [
  ...kitMigrations,
  ...tenantMigrations,
  ...userMigrations,
  ...apiKeyMigrations,
  ...taskMigrations,
  ...skillMigrations,
  ...webhookMigrations,
  ...knowledgeMigrations,
  ...seatMigrations,
  ...deviceMigrations,
  ...sessionMigrations,
  ...billingMigrations,
  ...integrationMigrations,
];
