/**
 * @module Where trainar-admin runs a command:
 * - DATABASE_URL (PostgreSQL): directly; the app may be running too, PostgreSQL admits both.
 * - Embedded (PGlite in DATA_DIR/trainar) and the app holds the data directory: through the app's
 *   loopback operator endpoint, with the secret from DATA_DIR/trainar.runtime.json.
 * - Embedded and nobody holds it: take the data-directory lock, open the database directly
 *   (migrating a fresh directory), run, close, release. An app starting meanwhile waits for it.
 */
import { join } from 'node:path';
import { type AnyOperation, ApiClientError, createHttpClient, createMailer, DataDirBusyError, type Logger, migrate, NetworkError, openDatabase, resolveError, systemClock, tryLockDataDir } from '@platform/kit';
import { trainarErrorModel } from '@trainar/api';
import { composeModules } from '../composition';
import { trainarMigrations } from '../migrations';
import type { TrainArDb } from '../platform/db';
import { defaultSettings, type TrainArSettings } from '../platform/deps';
import { ADMIN_SECRET_HEADER } from './admin-endpoint';
import { runAdminOperation } from './commands';
import { adminApi } from './contracts';
import { type RuntimeInfo, readRuntimeFile } from './runtime-file';

export interface AdminEnvironment {
  /** DATA_DIR (the app's embedded database is DATA_DIR/trainar). */
  dataDir: string;
  databaseUrl?: string;
  /** Origin for links in mail when the command runs outside the app. */
  publicUrl: string;
  smtpUrl?: string;
  mailFrom: string;
  settings?: Partial<TrainArSettings>;
  logger: Logger;
}

export interface AdminBackend {
  mode: 'app' | 'embedded' | 'postgres';
  /** Runs an operator command; a refusal is an ApiClientError with the envelope's status, code and details. */
  call(op: AnyOperation, input: Record<string, unknown>): Promise<unknown>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function openAdminBackend(env: AdminEnvironment, waitMs = 30_000): Promise<AdminBackend> {
  if (env.databaseUrl) return direct(env, 'postgres', async () => {});
  const databaseDir = join(env.dataDir, 'trainar');
  const deadline = Date.now() + waitMs;
  for (;;) {
    const result = await tryLockDataDir(databaseDir, 'trainar-admin');
    if ('release' in result) {
      try {
        return await direct(env, 'embedded', () => result.release());
      } catch (err) {
        await result.release();
        throw err;
      }
    }
    const app = result.holder?.role === 'trainar' ? readRuntimeFile(env.dataDir) : null;
    if (app && app.pid === result.holder?.pid) return throughApp(app);
    // The app is still starting (no runtime file yet) or another trainar-admin runs a command: wait.
    if (Date.now() >= deadline) throw new DataDirBusyError(databaseDir, result.holder);
    await sleep(100);
  }
}

async function direct(env: AdminEnvironment, mode: 'embedded' | 'postgres', release: () => Promise<void>): Promise<AdminBackend> {
  const database = await openDatabase({ url: env.databaseUrl, dataDir: env.databaseUrl ? undefined : join(env.dataDir, 'trainar'), schema: 'trainar', poolSize: 2 });
  try {
    await migrate(database.db, trainarMigrations, database.schema);
  } catch (err) {
    await database.close();
    throw err;
  }
  const clock = systemClock;
  const mailer = createMailer({ smtpUrl: env.smtpUrl, from: env.mailFrom, db: database.db, clock });
  const { services } = composeModules({
    db: database.db as unknown as TrainArDb,
    clock,
    mailer,
    logger: env.logger,
    publicUrl: () => env.publicUrl,
    settings: { ...defaultSettings, ...env.settings },
  });
  return {
    mode,
    async call(op, input) {
      try {
        return await runAdminOperation(services, op, input);
      } catch (err) {
        const resolved = resolveError(err, trainarErrorModel);
        if (resolved.status >= 500) throw err;
        throw new ApiClientError(resolved);
      }
    },
    async close() {
      if ('close' in mailer && typeof mailer.close === 'function') mailer.close();
      await database.close();
      await release();
    },
  };
}

function throughApp(holder: RuntimeInfo): AdminBackend {
  // One attempt: a command is not retried behind the operator's back.
  const client = createHttpClient(adminApi, { baseUrl: holder.url, headers: { [ADMIN_SECRET_HEADER]: holder.secret as string }, attempts: 1 });
  return {
    mode: 'app',
    async call(op, input) {
      try {
        return await client.call(op, input);
      } catch (err) {
        if (!(err instanceof NetworkError)) throw err;
        throw new NetworkError({
          status: 0,
          code: 'NETWORK',
          message:
            `The TrainAR app (pid ${holder.pid}, per trainar.runtime.json) did not answer at ${holder.url}: ${err.message}. ` +
            'If no TrainAR app is running (the pid now belongs to another process), delete DATA_DIR/trainar.runtime.json and retry.',
        });
      }
    },
    async close() {},
  };
}
