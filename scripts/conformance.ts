/**
 * `npm run conformance`: the official MCP conformance runner (`@modelcontextprotocol/conformance`,
 * server scenarios) against OpenTrain `/mcp` and TrainAR `/mcp`. Both apps start on temporary data
 * directories; a credential is minted for each (an OpenTrain agent token, a TrainAR key with every
 * scope). The runner's client sends no credentials, so each endpoint is reached through a local
 * forwarder that adds `Authorization: Bearer …` and passes everything else (Host and Origin too)
 * through unchanged. Scenarios that fail for a documented reason are listed in
 * scripts/conformance/<product>.yml (see docs/mcp.md, "Conformance"); the runner exits non-zero on
 * any other failure and on a listed scenario that now passes, and so does this script.
 *
 * The runner is pinned to 0.1.13: later releases import `fs.globSync`, which Node 20 lacks.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@platform/kit';
import { startOpenTrain } from '@opentrain/server';
import { SCOPES } from '@trainar/api';
import { startTrainAr } from '@trainar/server';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNNER = join(ROOT, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');

/** Forwards every request to `target` (same path and query) with the bearer credential added. */
function authForwarder(target: string, credential: string): Promise<{ url: string; close: () => Promise<void> }> {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const forwarded = request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, authorization: `Bearer ${credential}` } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', (err) => {
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`forwarder: ${err.message}`);
    });
    req.pipe(forwarded);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}${upstream.pathname}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function runConformance(product: string, url: string, outputDir: string): Promise<number> {
  const args = [RUNNER, 'server', '--url', url, '--expected-failures', join(ROOT, 'scripts/conformance', `${product}.yml`), '--output-dir', join(outputDir, product)];
  process.stdout.write(`\n== ${product}: conformance server --url ${url}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const work = mkdtempSync(join(tmpdir(), 'mcp-conformance-'));
// CONFORMANCE_OUTPUT_DIR keeps the runner's checks.json files (otherwise they go with the temp dir).
const outputDir = process.env.CONFORMANCE_OUTPUT_DIR ?? work;
const logger = createLogger({ name: 'conformance', level: 'warn' });
const opentrain = await startOpenTrain({ port: 0, host: '127.0.0.1', dataDir: join(work, 'data'), logger });
const trainar = await startTrainAr({ port: 0, host: '127.0.0.1', dataDir: join(work, 'data'), logger, settings: { apiRateLimitPerMinute: 0 } });
const forwarders: Array<{ close: () => Promise<void> }> = [];
let failed = false;
try {
  const registered = await fetch(`${opentrain.url}/api/agent/identity`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ agent_name: 'Conformance agent' }) });
  if (!registered.ok) throw new Error(`OpenTrain agent registration failed: ${registered.status} ${await registered.text()}`);
  const { access_token: openTrainToken } = (await registered.json()) as { access_token: string };

  const services = trainar.extra.services;
  const tenant = await services.tenants.create({ name: 'Conformance', adminEmail: 'conformance@example.test', adminName: 'Conformance', adminPassword: 'correct horse battery staple' });
  const { key } = await services.apiKeys.create(tenant.tenant.id, { kind: 'operator' }, { name: 'conformance', scopes: [...SCOPES] });

  for (const [product, target, credential] of [
    ['opentrain', `${opentrain.url}/mcp`, openTrainToken],
    ['trainar', `${trainar.url}/mcp`, key],
  ] as const) {
    const forwarder = await authForwarder(target, credential);
    forwarders.push(forwarder);
    const code = await runConformance(product, forwarder.url, outputDir);
    if (code !== 0) {
      failed = true;
      process.stdout.write(`${product}: unexpected conformance result (exit ${code}); see scripts/conformance/${product}.yml and docs/mcp.md\n`);
    }
  }
} finally {
  await Promise.allSettled(forwarders.map((f) => f.close()));
  await Promise.allSettled([opentrain.close(), trainar.close()]);
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
