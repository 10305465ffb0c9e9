/** @module Starts TrainAR: database (PGlite in DATA_DIR/trainar, or DATABASE_URL schema `trainar`), migrations, HTTP. */
import { join } from 'node:path';
import { type BootOptions, type Clock, type Logger, bootApp, createLogger } from '@platform/kit';
import { buildTrainArApp } from './app';
import { trainarMigrations } from './migrations';

export interface StartTrainArOptions extends BootOptions {
  logger?: Logger;
  clock?: Clock;
  publicUrl?: string;
}

export async function startTrainAr(options: StartTrainArOptions) {
  const logger = options.logger ?? createLogger({ name: 'trainar' });
  let listeningUrl = '';
  const booted = await bootApp(
    { ...options, schema: 'trainar', dataDir: options.dataDir ? join(options.dataDir, 'trainar') : undefined },
    trainarMigrations,
    (database) => buildTrainArApp({ database, logger, clock: options.clock, publicUrl: () => options.publicUrl ?? listeningUrl }),
  );
  listeningUrl = booted.url;
  return booted;
}
