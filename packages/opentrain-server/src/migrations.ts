/** @module OpenTrain's migrations, applied in name order at start-up (kit tables first), one list per module. */
import { kitMigrations, type SqlMigration } from '@platform/kit';
import { accountMigrations } from './accounts';
import { creditsMigrations } from './credits';
import { identityMigrations } from './identity';
import { jobsMigrations } from './jobs';
import { messagingMigrations } from './messaging';
import { moneyMigrations } from './money';
import { paymentsMigrations } from './payments';
import { stepUpMigrations } from './step-up';
import { talentMigrations } from './talent';
import { teamMigrations } from './team';
import { tokenMigrations } from './tokens';
import { webMigrations } from './web';
import { webhooksMigrations } from './webhooks';

export const opentrainMigrations: SqlMigration[] = [
  ...kitMigrations,
  ...accountMigrations,
  ...tokenMigrations,
  ...identityMigrations,
  ...webMigrations,
  ...webhooksMigrations,
  ...teamMigrations,
  ...jobsMigrations,
  ...talentMigrations,
  ...messagingMigrations,
  ...creditsMigrations,
  ...paymentsMigrations,
  ...moneyMigrations,
  ...stepUpMigrations,
];
