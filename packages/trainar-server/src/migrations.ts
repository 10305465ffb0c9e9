/** @module TrainAR's migrations, applied in name order at start-up (kit tables first, then `tar-*`). */
import { kitMigrations, type SqlMigration } from '@platform/kit';
import { apiKeyMigrations } from './api-keys/migrations';
import { tenantMigrations } from './tenants/migrations';
import { userMigrations } from './users/migrations';
import { taskMigrations } from './tasks/migrations';
import { billingMigrations } from './billing/migrations';

export const trainarMigrations: SqlMigration[] = [...kitMigrations, ...tenantMigrations, ...userMigrations, ...apiKeyMigrations, ...taskMigrations, ...billingMigrations];
