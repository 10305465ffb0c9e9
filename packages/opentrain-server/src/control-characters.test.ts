/** A NUL byte in any string of any operation (path, query, body), agent-auth body or page is a 400 naming the field, never a 500. */
import { opentrainApi } from '@opentrain/api';
import { controlCharacterProbeFailures, controlCharacterProbes } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './testing/harness';

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startHarness();
  token = (await h.claimedAgent()).token;
}, 60_000);
afterAll(async () => h?.close());

describe('NUL and control characters', () => {
  const probes = controlCharacterProbes(opentrainApi);

  it('probes every operation that takes a string', () => {
    expect(new Set(probes.map((p) => p.operation)).size).toBeGreaterThan(30);
  });

  it('answers 400 naming the field for every string of every operation', async () => {
    const failures = await controlCharacterProbeFailures(h.url, opentrainApi, token, (body, field) => (body.details as { field?: string } | undefined)?.field === field);
    expect(failures).toEqual([]);
  }, 120_000);

  it('refuses other control characters but keeps tab and newlines in text', async () => {
    const bell = await h.api('/job-drafts', { method: 'POST', token, body: { jobDescription: 'Label \u0007 images' } });
    expect(bell.status).toBe(400);
    expect(bell.body.details.field).toBe('jobDescription');
    const multiLine = await h.api('/job-drafts', { method: 'POST', token, body: { jobDescription: 'Label 500 cat images.\n\tBounding boxes.\r\nPay $20/hour.' } });
    expect(multiLine.status).not.toBe(400);
    expect(multiLine.status).toBeLessThan(500);
  });

  it('answers invalid_request on the agent-auth endpoints, form or JSON', async () => {
    const json = await h.agentAuth('/api/agent/identity', { agent_name: 'A\u0000gent' });
    expect(json.status).toBe(400);
    expect(json.body).toMatchObject({ error: 'invalid_request', field: 'agent_name' });
    const form = await h.agentAuth('/api/agent/oauth/token', { grant_type: 'x', claim_token: 'ot_clm_\u0000' }, { form: true });
    expect(form.status).toBe(400);
    expect(form.body).toMatchObject({ error: 'invalid_request', field: 'claim_token' });
  });

  it('answers a plain 400 on pages: query, path and form posts', async () => {
    expect((await fetch(`${h.url}/signin?email=a%00b`)).status).toBe(400);
    expect((await fetch(`${h.url}/approvals/apr%00x`)).status).toBe(400);
    const web = h.web();
    await web.get('/signup');
    const post = await web.post('/signup', { email: 'x@example.test', first_name: 'A\u0000' });
    expect(post.status).toBe(400);
    expect(post.text).toContain('first_name');
  });
});
