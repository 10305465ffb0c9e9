/** The receiver sample in docs/webhooks.md is the file examples/receiver.mjs, verbatim, and it works. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { kitMigrations, ManualClock } from '@platform/kit';
import { createTestDatabase, type TestDatabase } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeader, webhooksMigrations } from './index';
import { createHarness } from './test-support';

const samplePath = fileURLToPath(new URL('./examples/receiver.mjs', import.meta.url));
const docsPath = fileURLToPath(new URL('../../../../docs/webhooks.md', import.meta.url));

interface Sample {
  verifySignature(rawBody: Buffer | string, header: unknown, secret: string, nowSeconds?: number): boolean;
  createReceiver(options: { secret: string; onEvent: (event: Record<string, unknown>) => unknown }): Server;
}

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase([...kitMigrations, ...webhooksMigrations]);
});
afterAll(async () => {
  await t?.close();
});

function post(port: number, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('docs/webhooks.md receiver sample', () => {
  it('is included in the docs verbatim', () => {
    const docs = readFileSync(docsPath, 'utf8');
    const block = /<!-- receiver\.mjs:start -->\n```js\n([\s\S]*?)```\n<!-- receiver\.mjs:end -->/.exec(docs);
    expect(block?.[1]).toBe(readFileSync(samplePath, 'utf8'));
  });

  it('verifies real deliveries, rejects forged ones and skips repeated delivery ids', async () => {
    const sample = (await import(samplePath)) as Sample;
    const clock = new ManualClock(Date.now()); // the sample checks against the real time
    const h = await createHarness(t.db, clock);
    const events: Record<string, unknown>[] = [];
    const statuses: number[] = [];
    const { webhook, secret } = await h.webhooks.service.create('acc_1', { url: 'http://127.0.0.1:1/hook', eventTypes: ['proposal.received'] });
    const server = sample.createReceiver({ secret, onEvent: (e) => void events.push(e) });
    server.on('request', (_req, res) => res.on('finish', () => statuses.push(res.statusCode)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await t.db.updateTable('ot_webhooks').set({ url: `http://127.0.0.1:${port}/hook` }).where('id', '=', webhook.id).execute();
    try {
      await h.emit('acc_1', 'proposal.received', { proposalId: 'p_1', jobId: 'job_1' });
      await h.fanout();
      expect((await h.deliver()).succeeded).toBe(1);
      expect(events).toEqual([expect.objectContaining({ type: 'proposal.received', resourceId: 'p_1', jobId: 'job_1', data: { proposalId: 'p_1', jobId: 'job_1' } })]);

      const body = JSON.stringify({ id: '1', type: 'proposal.received' });
      const now = Math.floor(Date.now() / 1000);
      const signed = (s: string, ts = now) => ({ 'X-OpenTrain-Signature': signatureHeader(s, ts, body), 'X-OpenTrain-Delivery': 'whd_manual', 'Content-Type': 'application/json' });
      expect(await post(port, body, signed('whsec_wrong'))).toBe(401);
      expect(await post(port, body, signed(secret, now - 301))).toBe(401);
      expect(await post(port, `${body} `, signed(secret))).toBe(401);
      expect(await post(port, body, signed(secret))).toBe(204);
      expect(await post(port, body, signed(secret))).toBe(204); // same delivery id: acknowledged, not handled twice
      expect(events).toHaveLength(2);
      expect(statuses).toEqual([204, 401, 401, 401, 204, 204]);
      expect(sample.verifySignature(Buffer.from(body), signatureHeader(secret, now, body), secret, now)).toBe(true);
    } finally {
      h.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('runs standalone as documented', async () => {
    const child = spawn(process.execPath, [samplePath], { env: { ...process.env, OPENTRAIN_WEBHOOK_SECRET: 'whsec_x', PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => resolve(d.toString()));
        child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      expect(line).toMatch(/^listening on .*port: \d+/);
    } finally {
      child.kill();
    }
  });
});
