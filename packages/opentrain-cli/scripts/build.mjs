// Bundles the CLI into one dependency-free ESM file so `npx` from a packed tarball runs without
// installing a dependency tree (same approach as the MCP package).
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist/opentrain.js');
const result = await build({
  entryPoints: [join(root, 'src/index.ts')],
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
  write: false,
  logLevel: 'warning',
});
// Written atomically: test files build in parallel while others may be running the bundle.
mkdirSync(dirname(outfile), { recursive: true });
const tmp = `${outfile}.${process.pid}.tmp`;
writeFileSync(tmp, result.outputFiles[0].contents, { mode: 0o755 });
chmodSync(tmp, 0o755);
renameSync(tmp, outfile);
// The import graph, for the test that asserts the bundle needs nothing but node built-ins (not packed).
writeFileSync(join(root, 'dist/opentrain.meta.json'), JSON.stringify(result.metafile));
