/** @module Every table the kit itself owns; products apply these before their own migrations. */
import { mailMigrations } from '../mail/mailer';
import { outboxMigrations } from '../outbox/outbox-migrations';
import { rateLimitMigrations } from '../rate-limit/rate-limiter';
import { sessionMigrations } from '../web/sessions';
import type { SqlMigration } from './migrations';

export const kitMigrations: SqlMigration[] = [...outboxMigrations, ...mailMigrations, ...rateLimitMigrations, ...sessionMigrations];
