/**
 * The published artefact: `npm pack` yields package.json, README and one dependency-free bundle,
 * and `npx` runs it from the tarball with an empty npm cache and no registry access (--offline).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { buildBundle, freshConfigHome, initializeLine, PACKAGE_DIR, rpc, runRaw } from './helpers';

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
    expect(files).toEqual(['README.md', 'dist/index.js', 'package.json']);
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
      timeoutMs: 60_000,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.messages[0].result).toMatchObject({
      protocolVersion: '2025-06-18',
      serverInfo: { name: 'opentrain', version: manifest.version },
    });
    expect(run.messages[1].result.tools.length).toBeGreaterThan(0);
  });
});
