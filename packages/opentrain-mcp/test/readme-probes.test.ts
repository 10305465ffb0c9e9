/**
 * The two `printf … |` probes of the package README, run as written (through `sh`, `npx tsx`,
 * from the repository root) against a locally started app. The only substitution: the app listens
 * on a free port instead of 3000, so `http://127.0.0.1:3000` is replaced by its URL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../opentrain-server/src/testing/harness';
import { freshConfigHome, PACKAGE_DIR, readSaved, runRaw } from './helpers';

const README = readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8');
const probes = [...README.matchAll(/```sh\n(printf[\s\S]*?)```/g)].map((m) => m[1].trim());

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('README probes', () => {
  it('the README holds exactly the two documented probes, piping into the documented command', () => {
    expect(probes).toHaveLength(2);
    for (const probe of probes)
      expect(probe).toMatch(/\| OPENTRAIN_API_BASE_URL=http:\/\/127\.0\.0\.1:3000 npx -y tsx@[\d.]+ packages\/opentrain-mcp\/src\/index\.ts$/);
  });

  it('zero-to-registered, then the primary job-draft call with the saved credentials', async () => {
    const home = freshConfigHome();
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_CONFIG_HOME: home,
      npm_config_cache: join(home, '.npm'),
    };
    const run = (probe: string) =>
      runRaw('sh', ['-c', probe.replaceAll('http://127.0.0.1:3000', h.url)], {
        env,
        timeoutMs: 60_000,
      });

    const first = await run(probes[0]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.messages.map((m) => m.id)).toEqual([1, 2, 3]);
    const [init, register, status] = first.messages;
    expect(init.result).toMatchObject({
      protocolVersion: '2024-11-05',
      serverInfo: { name: 'opentrain' },
    });
    expect(register.result.isError).toBeFalsy();
    expect(register.result.structuredContent).toMatchObject({
      registered: true,
    });
    expect(JSON.stringify(register)).not.toMatch(/ot_(pat|clm)_/);
    expect(status.result.isError, JSON.stringify(status.result)).toBeFalsy();
    expect(status.result.structuredContent.actor.agentName).toBe('Local Smoke Agent');
    expect(readSaved(home).apiToken).toMatch(/^ot_pat_/);

    const second = await run(probes[1]);
    expect(second.code, second.stderr).toBe(0);
    const draft = second.messages.find((m) => m.id === 2);
    expect(draft?.result.isError, JSON.stringify(draft)).toBeFalsy();
    const created = draft?.result.structuredContent;
    expect(JSON.stringify(created)).toContain('catalog-boxes-001');
    expect(draft?.result.content[0].text.length).toBeGreaterThan(20);
  });
});
