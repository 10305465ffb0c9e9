/** @module Starts OpenTrain: database (PGlite in DATA_DIR/opentrain, or DATABASE_URL schema `opentrain`), migrations, HTTP. */
import { join } from 'node:path';
import { type BootOptions, type Clock, type Logger, bootApp, createLogger } from '@platform/kit';
import { buildOpenTrainApp } from './app';
import { opentrainMigrations } from './migrations';

export interface StartOpenTrainOptions extends BootOptions {
  logger?: Logger;
  clock?: Clock;
  publicUrl?: string;
}

export async function startOpenTrain(options: StartOpenTrainOptions) {
  const logger = options.logger ?? createLogger({ name: 'opentrain' });
  let listeningUrl = '';
  const booted = await bootApp(
    { ...options, schema: 'opentrain', dataDir: options.dataDir ? join(options.dataDir, 'opentrain') : undefined },
    opentrainMigrations,
    (database) => buildOpenTrainApp({ database, logger, clock: options.clock, publicUrl: () => options.publicUrl ?? listeningUrl }),
  );
  listeningUrl = booted.url;
  return booted;
}
