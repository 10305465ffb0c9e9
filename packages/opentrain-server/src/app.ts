/** @module Builds the OpenTrain HTTP app: Public API from the operation registry, discovery, pages. */
import { opentrainApi, opentrainErrorSchema } from '@opentrain/api';
import { type Database, type Logger, buildOpenApi, createApp, isReachable, migrationsApplied, systemClock, type Clock } from '@platform/kit';
import { opentrainMigrations } from './migrations';

export interface OpenTrainAppOptions {
  database: Database;
  logger: Logger;
  clock?: Clock;
  /** Origin used in links handed to agents and humans (known only once the server listens). */
  publicUrl: () => string;
}

export async function buildOpenTrainApp(options: OpenTrainAppOptions) {
  const { database, logger } = options;
  const clock = options.clock ?? systemClock;
  const app = createApp({
    errorModel: opentrainApi.errorModel,
    logger,
    apiPrefixes: ['/api/public/'],
    ready: async () => (await isReachable(database.db)) && (await migrationsApplied(database.db, opentrainMigrations)),
  });
  let openapi: Record<string, unknown> | undefined;
  app.get('/api/public/v1/openapi.json', (c) => {
    openapi ??= buildOpenApi(opentrainApi, { serverUrl: options.publicUrl(), errorSchema: opentrainErrorSchema });
    return c.json(openapi);
  });
  return { app, extra: { clock }, stop: async () => {} };
}
