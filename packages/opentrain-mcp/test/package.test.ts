/**
 * The published artefact: `npm pack` yields package.json, README and one dependency-free bundle,
 * and `npx` runs it from the tarball with an empty npm cache and no registry access (--offline).
 * In the repository, the bins work right after `npm install` (no separate build step).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { buildBundle, freshConfigHome, initializeLine, PACKAGE_DIR, REPO_ROOT, rpc, runRaw } from './helpers';

const builtins = new Set(builtinModules);

describe('bundle', () => {
  it('imports nothing but Node built-ins', () => {
    const bundle = buildBundle();
    const meta = JSON.parse(readFileSync(join(dirname(bundle), 'meta.json'), 'utf8')) as {
      outputs: Record<string, { imports: Array<{ path: string; external?: boolean }> }>;
    };
    const specifiers = new Set(Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)));
    expect(specifiers.size).toBeGreaterThan(0);
    const foreign = [...specifiers].filter((s) => !s.startsWith('node:') && !builtins.has(s));
    expect(foreign).toEqual([]);
  });
});

describe('npm pack + npx', () => {
  it('packs only the bundle, README and package.json, and runs with npx from the tarball on a cold, offline cache', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ot-mcp-pack-'));
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
        cwd: PACKAGE_DIR,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    ) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    const files = packed[0].files.map((f) => f.path).sort();
    // dist/chunks holds what the entry loads on demand (the contracts, the output schemas).
    const chunks = files.filter((f) => f.startsWith('dist/chunks/'));
    expect(files.filter((f) => !chunks.includes(f))).toEqual(['README.md', 'dist/index.js', 'package.json']);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.filter((f) => !/^dist\/chunks\/index\/[\w-]+\.js$/.test(f))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.bin).toEqual({ 'opentrain-mcp': 'dist/index.js' });

    const home = freshConfigHome();
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_CONFIG_HOME: home,
    };
    const run = await runRaw('npx', ['--yes', '--offline', '--cache', join(home, 'empty-npm-cache'), `./${packed[0].filename}`], {
      env,
      cwd: out,
      input: [initializeLine('2025-06-18'), rpc(2, 'tools/list'), ''].join('\n'),
      timeoutMs: 120_000,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.messages[0].result).toMatchObject({
      protocolVersion: '2025-06-18',
      serverInfo: { name: 'opentrain', version: manifest.version },
    });
    expect(run.messages[1].result.tools.length).toBeGreaterThan(0);
    // npm pack runs `prepare` (the whole build): minutes on a loaded machine.
  }, 300_000);
});

describe('bins after npm install in the repository', () => {
  it('npm builds the bundles while installing (prepare runs before bins are linked), so npx opentrain-mcp, opentrain and trainar-admin run', () => {
    const bins: Record<string, string> = {
      'opentrain-mcp': join(PACKAGE_DIR, 'dist/index.js'),
      opentrain: join(REPO_ROOT, 'packages/opentrain-cli/dist/opentrain.js'),
    };
    const before = Date.now();
    // `npm rebuild` of the workspace links runs the same lifecycle as `npm install` does for them.
    execFileSync('npm', ['rebuild', '@opentrain-ai/mcp', '@opentrain-ai/cli', '@trainar/server'], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 240_000 });
    for (const [bin, target] of Object.entries(bins)) expect(statSync(target).mtimeMs, `${bin} was built by the install`).toBeGreaterThanOrEqual(before - 1000);

    const npx = (args: string[]) => {
      const run = spawnSync('npx', ['--no-install', ...args], { cwd: join(REPO_ROOT, 'docs'), env: { PATH: process.env.PATH ?? '', HOME: freshConfigHome() }, encoding: 'utf8', timeout: 120_000 });
      return { code: run.status, stdout: run.stdout, stderr: run.stderr };
    };
    const mcpVersion = npx(['opentrain-mcp', '--version']);
    expect(mcpVersion.code, mcpVersion.stderr).toBe(0);
    expect(mcpVersion.stdout.trim()).toBe(JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')).version);
    const mcpHelp = npx(['opentrain-mcp', '--help']);
    expect(mcpHelp.stderr).toContain('OPENTRAIN_API_BASE_URL');
    const cli = npx(['opentrain', '--version']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const admin = npx(['trainar-admin', '--help']);
    expect(admin.code, admin.stderr).toBe(0);
    expect(admin.stdout).toContain('Usage: trainar-admin');
  }, 300_000);
});
