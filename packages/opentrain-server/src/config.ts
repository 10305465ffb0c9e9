/** @module OpenTrain configuration (environment variables, validated at start-up). */
import { envPort, loadConfig, z } from '@platform/kit';

export const opentrainConfigSchema = z.object({
  OPENTRAIN_PORT: envPort.default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: z.string().url({ message: 'expected a postgres:// URL' }).optional(),
  /** Public origin used in links (claim, approval, billing URLs); defaults to the listen address. */
  OPENTRAIN_PUBLIC_URL: z.string().url().optional(),
});

export type OpenTrainConfig = z.output<typeof opentrainConfigSchema>;

export const loadOpenTrainConfig = (env: Record<string, string | undefined> = process.env) => loadConfig(opentrainConfigSchema, env);
