/** Fixture: the sample product's CLI. */
import { createHttpClient, runCli } from '../../src/index';
import { sampleApi } from './sample-api';

const code = await runCli(
  {
    api: sampleApi,
    name: 'sample',
    version: '1.0.0',
    createClient: (flags) => createHttpClient(sampleApi, { baseUrl: flags.baseUrl ?? process.env.SAMPLE_BASE_URL ?? '', token: flags.token ?? process.env.SAMPLE_TOKEN, attempts: 1 }),
  },
  process.argv.slice(2),
);
process.exitCode = code;
