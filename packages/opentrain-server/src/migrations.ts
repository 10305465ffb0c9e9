/** @module OpenTrain's migrations, applied in name order at start-up (kit tables first). */
import { kitMigrations, type SqlMigration } from '@platform/kit';

export const opentrainMigrations: SqlMigration[] = [...kitMigrations];
