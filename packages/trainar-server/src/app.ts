/** @module Builds the TrainAR HTTP app: Public API from the operation registry, discovery, pages. */
import { trainarApi, trainarErrorSchema } from '@trainar/api';
import { type Database, type Logger, buildOpenApi, createApp, isReachable, migrationsApplied, systemClock, type Clock } from '@platform/kit';
import { trainarMigrations } from './migrations';

export interface TrainArAppOptions {
  database: Database;
  logger: Logger;
  clock?: Clock;
  /** Origin used in links handed to agents and humans (known only once the server listens). */
  publicUrl: () => string;
}

export async function buildTrainArApp(options: TrainArAppOptions) {
  const { database, logger } = options;
  const clock = options.clock ?? systemClock;
  const app = createApp({
    errorModel: trainarApi.errorModel,
    logger,
    apiPrefixes: ['/v1/'],
    ready: async () => (await isReachable(database.db)) && (await migrationsApplied(database.db, trainarMigrations)),
  });
  let openapi: Record<string, unknown> | undefined;
  app.get('/v1/openapi.json', (c) => {
    openapi ??= buildOpenApi(trainarApi, { serverUrl: options.publicUrl(), errorSchema: trainarErrorSchema });
    return c.json(openapi);
  });
  return { app, extra: { clock }, stop: async () => {} };
}
