/**
 * Zero to a published job with the built `opentrain` bundle against a running app:
 * auth register → jobs draft create --description-file → jobs draft update --job-id --set → jobs publish.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Harness, startHarness } from '../../opentrain-server/src/testing/harness';
import { buildBundle, cleanEnv, runOpentrain, tempConfigDir } from './helpers';

// Every step is a CLI subprocess; a loaded machine makes them slow.
vi.setConfig({ testTimeout: 420_000, hookTimeout: 300_000 });

let h: Harness;
const config = tempConfigDir();

beforeAll(async () => {
  buildBundle();
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
  config.cleanup();
});

const DESCRIPTION = `Bounding boxes for retail shelf photos

We need 3 annotators to draw bounding boxes around products on 20,000 supermarket shelf images.
Work in CVAT. Annotators must read English. Pay: $18 per hour. The project runs for 3 months,
about 15 hours/week.`;

const run = (args: string[], stdin?: string) =>
  runOpentrain(args, {
    env: cleanEnv({
      XDG_CONFIG_HOME: config.dir,
      OPENTRAIN_API_BASE_URL: h.url,
    }),
    stdin,
  });

interface MissingField {
  field: string;
  prompt: string;
  type: string;
  enumValues?: string[] | null;
  updateKeys: string[];
  example: unknown;
}

/** A `--set` value for a missing field: the catalog's example, else the first allowed value. */
function answer(f: MissingField): string {
  if (f.example !== undefined && f.example !== null) return Array.isArray(f.example) ? f.example.join(',') : typeof f.example === 'object' ? JSON.stringify(f.example) : String(f.example);
  if (f.enumValues?.length) return f.enumValues[0];
  return f.type === 'number' || f.type === 'integer' ? '1' : 'Answer from the human';
}

describe('zero to a published job', () => {
  it('registers, drafts from a file, fills the asked fields with --set, publishes', async () => {
    const registered = await run(['auth', 'register', '--agent-name', 'Flow agent']);
    expect(registered.code, registered.stderr).toBe(0);

    const file = join(config.dir, 'job.txt');
    writeFileSync(file, DESCRIPTION);
    const created = await run(['jobs', 'draft', 'create', '--description-file', file]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/Draft \S+ created/);
    const jobId = created.stdout.match(/Draft (\S+) created/)?.[1] as string;
    expect(created.stdout).toContain('Missing fields (');
    expect(created.stdout).toMatch(/\n {4}ask: .+\?/);
    expect(created.stdout).toContain(`set: opentrain jobs draft update --job-id ${jobId} --set `);
    expect(created.stdout).toContain(`Next: opentrain jobs draft update --job-id ${jobId} --set <field>=<value>, then opentrain jobs publish --job-id ${jobId}`);
    expect(created.stdout).not.toContain('opentrain_update_job_draft_fields');

    // The same from stdin, as JSON: the raw API response.
    const viaStdin = await run(['jobs', 'draft', 'create', '--description-file', '-', '--idempotency-key', 'flow-1', '--json'], DESCRIPTION);
    expect(viaStdin.code, viaStdin.stderr).toBe(0);
    const draft = JSON.parse(viaStdin.stdout) as {
      jobId: string;
      status: string;
      validation: { publishReady: boolean };
      missingFields: MissingField[];
      normalizedFields: Record<string, unknown>;
    };
    expect(draft.status).toBe('DRAFT');
    expect(draft.normalizedFields.paymentType).toBe('PAY_PER_HOUR');
    expect(draft.validation.publishReady).toBe(false);
    expect(draft.missingFields.length).toBeGreaterThan(0);
    for (const f of draft.missingFields) expect(f.prompt).toMatch(/^ask: /);
    const again = JSON.parse((await run(['jobs', 'draft', 'create', '--description-file', '-', '--idempotency-key', 'flow-1', '--json'], DESCRIPTION)).stdout);
    expect(again.jobId).toBe(draft.jobId);

    // Publishing too early is a validation error from the server, with the missing fields in the details.
    const early = await run(['jobs', 'publish', '--job-id', draft.jobId]);
    expect(early.code).toBe(5);
    expect(early.stderr).toMatch(/^Error \(HTTP 400 BAD_REQUEST\): /);
    expect(early.stderr).toMatch(/\nDetails: .*"validation"/);

    let missing = draft.missingFields;
    let updated: { validation: { publishReady: boolean }; missingFields: MissingField[] } | undefined;
    for (let round = 0; round < 3 && missing.length > 0; round++) {
      const sets = missing.flatMap((f) => ['--set', `${f.updateKeys[0]}=${answer(f)}`]);
      const res = await run(['jobs', 'draft', 'update', '--job-id', draft.jobId, ...sets, '--json']);
      expect(res.code, res.stderr).toBe(0);
      updated = JSON.parse(res.stdout);
      missing = updated?.missingFields ?? [];
    }
    expect(updated?.validation.publishReady).toBe(true);

    const ready = await run(['jobs', 'draft', 'update', draft.jobId, '--set', 'jobTitle=Retail shelf bounding boxes']);
    expect(ready.code, ready.stderr).toBe(0);
    expect(ready.stdout).toContain(`Next: opentrain jobs publish --job-id ${draft.jobId}`);

    const published = await run(['jobs', 'publish', '--job-id', draft.jobId]);
    expect(published.code, published.stderr).toBe(0);
    expect(published.stdout).toContain(`Job ${draft.jobId} is live (OPEN).`);
    expect(published.stdout).not.toMatch(/opentrain_[a-z]/);
    const twice = JSON.parse((await run(['jobs', 'publish', draft.jobId, '--json'])).stdout);
    expect(twice).toMatchObject({
      jobId: draft.jobId,
      status: 'OPEN',
      alreadyPublished: true,
    });

    const listed = JSON.parse((await run(['jobs', 'list', '--json'])).stdout) as { jobs: Array<{ id: string; status: string }> };
    expect(listed.jobs.find((j) => j.id === draft.jobId)?.status).toBe('OPEN');
    expect(listed.jobs.find((j) => j.id === jobId)?.status).toBe('DRAFT');
    const table = await run(['jobs', 'list']);
    expect(table.code).toBe(0);
    const header = table.stdout.split('\n').find((l) => l.startsWith('ID'));
    expect(header).toMatch(/^ID\s+.*STATUS/);
    expect(table.stdout).toMatch(new RegExp(`${draft.jobId}\\s+.*OPEN`));
  });

  it('--set rejects unknown keys and malformed pairs before calling the API', async () => {
    const bad = await run(['jobs', 'draft', 'update', '--job-id', 'job_x', '--set', 'colour=blue']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--set colour: unknown key. Known keys: jobTitle');
    const pair = await run(['jobs', 'draft', 'update', '--job-id', 'job_x', '--set', 'jobTitle']);
    expect(pair.code).toBe(2);
    expect(pair.stderr).toContain('--set expects key=value');
    const file = await run(['jobs', 'draft', 'create', '--description-file', join(config.dir, 'missing.txt')]);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('cannot read');
  });
});
