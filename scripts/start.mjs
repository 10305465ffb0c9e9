#!/usr/bin/env node
/**
 * `npm start`: runs scripts/start.ts as a prebuilt bundle (dist/start.mjs), so no TypeScript is
 * compiled at start. The bundle is rebuilt with esbuild (~1 s) only when it is missing or one of
 * the files it was built from (listed in dist/start.inputs.json) changed, so a fresh clone and an
 * edited checkout both work with `npm start` alone. Dependencies stay in node_modules; only the
 * workspace sources (@platform/*, @opentrain/*, @trainar/*) are bundled.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist/start.mjs');
const manifest = join(root, 'dist/start.inputs.json');
const workspacePackage = /^@(platform|opentrain|trainar)\//;

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY; // missing: stale
  }
}

export function bundleIsStale() {
  if (!existsSync(bundle) || !existsSync(manifest)) return true;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(manifest, 'utf8')).inputs;
  } catch {
    return true;
  }
  const builtAt = mtime(bundle);
  return [...inputs, 'package-lock.json'].some((input) => mtime(join(root, input)) > builtAt);
}

export async function buildStartBundle() {
  const esbuild = await import('esbuild');
  mkdirSync(join(root, 'dist'), { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['scripts/start.ts'],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: [
      {
        name: 'workspace-only',
        setup(build) {
          // Third-party packages load from node_modules at run time (PGlite finds its WASM next to itself).
          build.onResolve({ filter: /^[^./]/ }, (args) => (workspacePackage.test(args.path) ? undefined : { path: args.path, external: true }));
          // Each source keeps its own import.meta.url, so relative lookups work as under tsx.
          build.onLoad({ filter: /\.ts$/ }, (args) => {
            const source = readFileSync(args.path, 'utf8');
            const contents = source.includes('import.meta.url') ? source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)) : source;
            return { contents, loader: 'ts' };
          });
        },
      },
    ],
  });
  // Written beside and renamed into place: a concurrent `npm start` never imports a half-written bundle.
  for (const file of result.outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  // Paths relative to absWorkingDir (the repository root).
  const inputs = Object.keys(result.metafile.inputs);
  const tmp = `${manifest}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ inputs }, null, 2));
  renameSync(tmp, manifest);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (bundleIsStale()) await buildStartBundle();
  if (process.argv.includes('--build-only')) process.exit(0);
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundle).href);
}
