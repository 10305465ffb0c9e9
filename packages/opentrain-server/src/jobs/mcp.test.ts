/** The jobs tools over the hosted MCP endpoint: the MCP parameter shapes (jobDescription, {jobId, fields}, query) end to end. */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { type AppEnv, listen, type RunningServer } from '@platform/kit';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountHostedMcp } from '../mcp-http';
import { startHarness } from '../testing/harness';
import { type Harness, README_EXAMPLE } from './test-helpers';

let h: Harness;
let hosted: RunningServer;
let client: Client;

beforeAll(async () => {
  h = await startHarness();
  const app = new Hono<AppEnv>();
  mountHostedMcp(app, h.server.extra.publicApi, { logger: h.services.logger, publicUrl: () => h.url, allowList: { allowedHosts: [], allowedOrigins: [] } });
  hosted = await listen(app, { port: 0 });
  const token = (await h.registerAgent({ agent_name: 'MCP jobs agent' })).access_token;
  client = new Client({ name: 'jobs-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${hosted.url}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
});

afterAll(async () => {
  await client?.close();
  await hosted?.close();
  await h?.close();
});

const text = (result: { content?: unknown }) => ((result.content ?? []) as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');

describe('jobs over MCP', () => {
  it('drafts from the README example, asks, patches by name, publishes and finds the job', async () => {
    const draft = await client.callTool({ name: 'opentrain_create_job_draft', arguments: { jobDescription: README_EXAMPLE, idempotencyKey: 'mcp-1' } });
    expect(draft.isError).toBeFalsy();
    const body = draft.structuredContent as { jobId: string; normalizedFields: Record<string, unknown> };
    expect(body.normalizedFields).toMatchObject({ paymentType: 'PAY_PER_HOUR', pricePerHour: 25, dataVolume: 1200, dataVolumeUnit: 'NUMBER_OF_FILES', labelTypes: ['BOUNDING_BOX'] });
    expect(text(draft)).toContain('ask: What experience level');

    const patched = await client.callTool({ name: 'opentrain_update_job_draft_fields', arguments: { jobId: body.jobId, fields: { experienceLevel: 'INTERMEDIATE' } } });
    expect((patched.structuredContent as { validation: { publishReady: boolean } }).validation.publishReady).toBe(true);
    expect(text(patched)).toContain('opentrain_publish_job');

    const unknown = await client.callTool({ name: 'opentrain_update_job_draft_fields', arguments: { jobId: body.jobId, fields: { wage: 3 } } });
    expect(unknown.isError).toBe(true);
    expect(text(unknown)).toContain('wage');
    expect(unknown.structuredContent).toBeUndefined();

    const published = await client.callTool({ name: 'opentrain_publish_job', arguments: { jobId: body.jobId } });
    expect(published.structuredContent).toMatchObject({ status: 'OPEN', alreadyPublished: false });

    const found = await client.callTool({ name: 'opentrain_search_jobs', arguments: { query: 'street scenes cyclists' } });
    expect((found.structuredContent as { jobs: { id: string }[] }).jobs.map((j) => j.id)).toContain(body.jobId);
  });
});
