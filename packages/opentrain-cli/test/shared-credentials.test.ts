/**
 * The MCP server (stdio subprocess, official SDK client) and the built CLI share one cli.json:
 * register through one, use through the other, in both directions.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Harness, startHarness } from '../../opentrain-server/src/testing/harness';
import { buildBundle, cleanEnv, packageRoot, runOpentrain, tempConfigDir } from './helpers';

// Every step is a CLI subprocess; a loaded machine makes them slow.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

const repoRoot = join(packageRoot, '../..');
const mcpBuildDir = mkdtempSync(join(tmpdir(), 'opentrain-mcp-bundle-'));
const mcpBundle = join(mcpBuildDir, 'opentrain-mcp.js');
let h: Harness;
const dirs: Array<{ cleanup(): void }> = [];

beforeAll(async () => {
  buildBundle();
  // The MCP server's own entry, bundled the way its build script does, into a private directory
  // (a cold tsx start per server is slow, and its dist/ belongs to the MCP package's build).
  await build({
    entryPoints: [join(repoRoot, 'packages/opentrain-mcp/src/index.ts')],
    outfile: mcpBundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
  for (const d of dirs) d.cleanup();
  rmSync(mcpBuildDir, { recursive: true, force: true });
});

async function mcpClient(env: NodeJS.ProcessEnv): Promise<Client> {
  const client = new Client({
    name: 'cli-shared-credentials-test',
    version: '1.0.0',
  });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [mcpBundle],
      cwd: repoRoot,
      env: env as Record<string, string>,
      stderr: 'pipe',
    }),
  );
  return client;
}

function setup() {
  const config = tempConfigDir();
  dirs.push(config);
  const env = cleanEnv({
    XDG_CONFIG_HOME: config.dir,
    OPENTRAIN_API_BASE_URL: h.url,
  });
  return { config, env };
}

describe('one credentials file for MCP and CLI', () => {
  it('registered through MCP, used through the CLI (token and base URL from cli.json)', async () => {
    const { config, env } = setup();
    const client = await mcpClient(env);
    let mcpOrg: string;
    try {
      const reg = await client.callTool({
        name: 'opentrain_register_agent',
        arguments: { agentName: 'Registered via MCP' },
      });
      expect(reg.isError, JSON.stringify(reg.content)).toBeFalsy();
      expect(reg.structuredContent).toMatchObject({
        registered: true,
        credentialsPath: config.credentials,
      });
      const status = await client.callTool({
        name: 'opentrain_auth_status',
        arguments: {},
      });
      mcpOrg = (status.structuredContent as { account: { organizationId: string } }).account.organizationId;
    } finally {
      await client.close();
    }
    expect(statSync(config.credentials).mode & 0o777).toBe(0o600);

    // No base-URL variable: the CLI must find the server through the file the MCP server wrote.
    const cliEnv = cleanEnv({ XDG_CONFIG_HOME: config.dir });
    const who = await runOpentrain(['whoami', '--json'], { env: cliEnv });
    expect(who.code, who.stderr).toBe(0);
    const me = JSON.parse(who.stdout);
    expect(me.account.organizationId).toBe(mcpOrg);
    expect(me.actor.agentName).toBe('Registered via MCP');
    // The claim token the MCP server saved works for the CLI's claim commands.
    const claim = await runOpentrain(['auth', 'claim', '--email', `mcp.owner.${Date.now()}@example.test`, '--json'], { env: cliEnv });
    expect(claim.code, claim.stderr).toBe(0);
    expect(JSON.parse(claim.stdout).userCode).toMatch(/^\d{6}$/);
    // And the CLI refuses to overwrite what the MCP server saved.
    const overwrite = await runOpentrain(['auth', 'register'], { env: cliEnv });
    expect(overwrite.code).toBe(6);
  });

  it('registered through the CLI, used through MCP; MCP refuses to overwrite without force', async () => {
    const { config, env } = setup();
    const reg = await runOpentrain(['auth', 'register', '--agent-name', 'Registered via CLI'], { env });
    expect(reg.code, reg.stderr).toBe(0);
    const cliOrg = JSON.parse((await runOpentrain(['whoami', '--json'], { env })).stdout).account.organizationId;
    const saved = JSON.parse(readFileSync(config.credentials, 'utf8'));

    const client = await mcpClient(cleanEnv({ XDG_CONFIG_HOME: config.dir }));
    try {
      const status = await client.callTool({
        name: 'opentrain_auth_status',
        arguments: {},
      });
      expect(status.isError, JSON.stringify(status.content)).toBeFalsy();
      expect(status.structuredContent).toMatchObject({
        account: { organizationId: cliOrg },
        actor: { agentName: 'Registered via CLI' },
      });
      const again = await client.callTool({
        name: 'opentrain_register_agent',
        arguments: {},
      });
      expect(again.isError).toBe(true);
    } finally {
      await client.close();
    }
    expect(JSON.parse(readFileSync(config.credentials, 'utf8'))).toEqual(saved);
  });
});
