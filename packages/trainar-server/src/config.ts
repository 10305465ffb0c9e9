/** @module TrainAR configuration (environment variables, validated at start-up). */
import { envPort, loadConfig, z } from '@platform/kit';

export const trainarConfigSchema = z.object({
  TRAINAR_PORT: envPort.default(3100),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: z.string().url({ message: 'expected a postgres:// URL' }).optional(),
  /** Public origin used in links (claim, approval, billing URLs); defaults to the listen address. */
  TRAINAR_PUBLIC_URL: z.string().url().optional(),
});

export type TrainArConfig = z.output<typeof trainarConfigSchema>;

export const loadTrainArConfig = (env: Record<string, string | undefined> = process.env) => loadConfig(trainarConfigSchema, env);
