/** Fixture: the sample product's stdio MCP server in remote mode (talks HTTP to SAMPLE_BASE_URL). */
import { createHttpClient, runStdioServer } from '../../src/index';
import { sampleApi } from './sample-api';

runStdioServer({
  api: sampleApi,
  name: 'sample',
  version: '1.0.0',
  client: () => createHttpClient(sampleApi, { baseUrl: process.env.SAMPLE_BASE_URL ?? '', token: process.env.SAMPLE_TOKEN, attempts: 1 }),
});
