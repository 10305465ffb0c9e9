/**
 * @module What each OpenTrain domain (jobs, talent, money, messaging, feed) plugs into the app:
 * its migrations, its operation handlers, background job handlers, extra routes (web pages,
 * tokenless endpoints) and start/stop hooks. `app.ts` composes them; no domain edits another's files.
 */
import type { AnyImplemented, AppEnv, JobHandlers, SqlMigration } from '@platform/kit';
import type { Hono } from 'hono';
import type { OpenTrainContext } from './context';
import type { Services } from './services';

export interface DomainModule {
  name: string;
  migrations: SqlMigration[];
  implementations: AnyImplemented<OpenTrainContext>[];
  /** Handlers the app's kit worker runs (outbox jobs), keyed by job kind. */
  jobHandlers?(services: Services): JobHandlers;
  /** Routes outside the operation registry: human pages, tokenless endpoints. Mounted before the Public API. */
  mount?(app: Hono<AppEnv>, services: Services): void;
  /** After the app is built and migrated (e.g. make sure a job chain exists). */
  start?(services: Services): Promise<void>;
  /** On shutdown, after the worker stopped. */
  stop?(services: Services): Promise<void>;
}
