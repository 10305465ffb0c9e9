// Bundles the server into one dependency-free ESM file so `npx` from a cold cache reaches
// `initialize` in about a second (no dependency tree to install).
import { chmodSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--outfile <path>`: tests build their own copy so parallel test files never race on dist/.
const outArg = process.argv.indexOf('--outfile');
const outfile = outArg === -1 ? join(root, 'dist/index.js') : process.argv[outArg + 1];
// `--entry <file>`: bundle another entry the same way (bench/mcp.ts: the minimal baseline server).
const entryArg = process.argv.indexOf('--entry');
const entry = entryArg === -1 ? join(root, 'src/index.ts') : process.argv[entryArg + 1];
const result = await build({
  entryPoints: [entry],
  // An entry outside the package still resolves the workspace's dependencies.
  nodePaths: [join(root, 'node_modules'), join(root, '../../node_modules')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  legalComments: 'none',
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  // The kit is marked side-effect free, so its server-only modules (database, mail, logging) are
  // tree-shaken away; a test asserts the bundle imports nothing but node built-ins.
  metafile: true,
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);
// `--metafile <path>`: what the bundle imports at run time (tests check it is only node built-ins).
const metaArg = process.argv.indexOf('--metafile');
if (metaArg !== -1) writeFileSync(process.argv[metaArg + 1], JSON.stringify(result.metafile));
