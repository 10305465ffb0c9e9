// Bundles the server into one dependency-free ESM file so `npx` from a cold cache reaches
// `initialize` in about a second (no dependency tree to install).
import { chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [join(root, 'src/index.ts')],
  outfile: join(root, 'dist/index.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  legalComments: 'none',
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  // The kit is marked side-effect free, so its server-only modules (database, mail, logging) are
  // tree-shaken away; a test asserts the bundle imports nothing but node built-ins.
  metafile: true,
  logLevel: 'warning',
});
chmodSync(join(root, 'dist/index.js'), 0o755);
