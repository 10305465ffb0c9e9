/** @module OpenTrain's migrations, applied in name order at start-up (kit tables first). */
import { kitMigrations, type SqlMigration } from '@platform/kit';
import { accountMigrations } from './accounts/schema';
import { identityMigrations } from './identity/schema';
import { stepUpMigrations } from './step-up/schema';
import { tokenMigrations } from './tokens/schema';
import { webMigrations } from './web/schema';
import { DOMAINS } from './domains';

export const opentrainMigrations: SqlMigration[] = [...kitMigrations, ...accountMigrations, ...tokenMigrations, ...identityMigrations, ...webMigrations, ...DOMAINS.flatMap((d) => d.migrations), ...stepUpMigrations];
