/** @module TrainAR's migrations, applied in name order at start-up (kit tables first, then `tar-*`). */
import { kitMigrations, type SqlMigration } from '@platform/kit';
import { apiKeyMigrations } from './api-keys/migrations';
import { knowledgeMigrations } from './knowledge/migrations';
import { tenantMigrations } from './tenants/migrations';
import { skillMigrations } from './skills/migrations';
import { userMigrations } from './users/migrations';
import { taskMigrations } from './tasks/migrations';
import { webhookMigrations } from './webhooks/migrations';
import { seatMigrations } from './seats/migrations';
import { deviceMigrations } from './devices/migrations';
import { sessionMigrations } from './sessions/migrations';
import { billingMigrations } from './billing/migrations';
import { integrationMigrations } from './integrations/migrations';

export const trainarMigrations: SqlMigration[] = [...kitMigrations, ...tenantMigrations, ...userMigrations, ...apiKeyMigrations, ...taskMigrations, ...skillMigrations, ...webhookMigrations, ...knowledgeMigrations, ...seatMigrations, ...deviceMigrations, ...sessionMigrations, ...billingMigrations, ...integrationMigrations];
