/**
 * The packaged CLI: a dependency-free bundle, runnable with npx from a packed tarball (offline),
 * help/version, a command for every CLI operation in the registry, and shell completion scripts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { opentrainApi } from '@opentrain/api';
import { cliWords } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBundle, cleanEnv, execFileAsync, packageRoot, runOpentrain } from './helpers';

// Every step is a CLI subprocess; a loaded machine makes them slow.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

const scratch = mkdtempSync(join(tmpdir(), 'opentrain-cli-pack-'));
const env = cleanEnv({ XDG_CONFIG_HOME: scratch });
const run = (args: string[]) => runOpentrain(args, { env });
const version = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).version as string;
const cliOps = opentrainApi.operations.filter((op) => !op.exclude?.includes('cli'));

beforeAll(() => buildBundle());
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('bundle and package', () => {
  it('the bundle imports nothing but node built-ins', () => {
    const meta = JSON.parse(readFileSync(join(packageRoot, 'dist/opentrain.meta.json'), 'utf8')) as {
      outputs: Record<string, { imports: Array<{ path: string; external?: boolean }> }>;
    };
    const imports = Object.values(meta.outputs).flatMap((o) => o.imports);
    expect(imports.length).toBeGreaterThan(0);
    for (const i of imports) {
      expect(i.external, i.path).toBe(true);
      expect(builtinModules).toContain(i.path.replace(/^node:/, ''));
    }
  });

  it('runs with npx from the packed tarball, offline, with nothing to install', async () => {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--offline', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: packageRoot, encoding: 'utf8' }))[0] as {
      filename: string;
      files: Array<{ path: string }>;
    };
    expect(packed.files.map((f) => f.path).sort()).toEqual(['README.md', 'dist/opentrain.js', 'package.json']);
    const cwd = mkdtempSync(join(scratch, 'npx-'));
    const res = await execFileAsync('npm', ['exec', '--offline', '--yes', '--package', join(scratch, packed.filename), '--', 'opentrain', 'version'], {
      cwd,
      env: {
        ...env,
        npm_config_cache: join(scratch, 'npm-cache'),
        npm_config_update_notifier: 'false',
      },
      timeout: 120_000,
    });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.trim()).toBe(version);
  });
});

describe('help and version', () => {
  it('no arguments or --help prints the usage with every namespace; exit 0', async () => {
    const bare = await run([]);
    expect(bare.code).toBe(0);
    expect(bare.stdout).toContain('Usage: opentrain [options] [command]');
    const namespaces = new Set(cliOps.map((op) => cliWords(op, 'opentrain')[0]));
    for (const ns of [...namespaces, 'auth', 'version', 'completion', 'help']) expect(bare.stdout).toMatch(new RegExp(`\\n  ${ns}\\b`));
    expect(bare.stdout).toContain('Exit codes: 0 ok');
    const help = await run(['--help']);
    expect(help.stdout).toBe(bare.stdout);
    const auth = await run(['help', 'auth']);
    for (const sub of ['register', 'claim', 'claim-status', 'login', 'status', 'logout']) expect(auth.stdout).toMatch(new RegExp(`\\n  ${sub}\\b`));
  });

  it('--version, -v and version print the package version', async () => {
    for (const args of [['--version'], ['-v'], ['version']]) {
      const res = await run(args);
      expect(res.code).toBe(0);
      expect(res.stdout.trim()).toBe(version);
    }
    expect(JSON.parse((await run(['version', '--json'])).stdout)).toMatchObject({ version });
  });

  it('every CLI operation has its command, with path parameters as argument or flag', async () => {
    const script = (await run(['completion', 'bash'])).stdout;
    for (const op of cliOps) expect(script, op.name).toContain(`'${cliWords(op, 'opentrain').join(' ')}'`);
    // Every tool the MCP server exposes has a CLI twin (onboarding tools are the auth commands).
    expect(opentrainApi.operations.filter((op) => !op.exclude?.includes('mcp') && op.exclude?.includes('cli')).map((op) => op.name)).toEqual([]);
    for (const auth of ["'auth register'", "'auth claim'", "'auth claim-status'"]) expect(script).toContain(auth);
    const publish = await run(['tokens', 'revoke', '--help']);
    expect(publish.stdout).toContain('Usage: opentrain tokens revoke [options] [tokenId]');
    expect(publish.stdout).toContain('--token-id <value>');
  });
});

describe('shell completion', () => {
  const complete = (script: string, line: string[]) => {
    const file = join(scratch, 'completion.bash');
    writeFileSync(file, script);
    const words = line.map((w) => `'${w}'`).join(' ');
    return execFileSync('bash', ['-c', `source '${file}'; COMP_WORDS=(${words}); COMP_CWORD=${line.length - 1}; _opentrain; printf '%s\\n' "\${COMPREPLY[@]}"`], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
  };

  it('bash completes namespaces, subcommands and flags from the command tree', async () => {
    const script = (await run(['completion', 'bash'])).stdout;
    expect(script).toContain('complete -o default -F _opentrain opentrain');
    expect(complete(script, ['opentrain', 'au'])).toEqual(['auth']);
    expect(complete(script, ['opentrain', 'auth', 'claim'])).toEqual(['claim', 'claim-status']);
    expect(complete(script, ['opentrain', 'auth', 'claim-status', '--'])).toEqual(expect.arrayContaining(['--wait', '--timeout', '--claim-token', '--json', '--base-url', '--help']));
    expect(complete(script, ['opentrain', 'tokens', ''])).toEqual(expect.arrayContaining(['list', 'revoke']));
    expect(complete(script, ['opentrain', '--json', 'tokens', 're'])).toEqual(['revoke']);
  });

  it('zsh and fish scripts are generated from the same tree', async () => {
    const zsh = await run(['completion', 'zsh']);
    expect(zsh.code).toBe(0);
    expect(zsh.stdout).toMatch(/^#compdef opentrain/);
    expect(zsh.stdout).toContain("'claim-status:check whether the human completed the claim");
    const fish = await run(['completion', 'fish']);
    expect(fish.code).toBe(0);
    expect(fish.stdout).toContain("complete -c opentrain -n \"test (__opentrain_path) = 'auth'\" -a 'register'");
    expect(fish.stdout).toContain("-l 'wait'");
  });
});
