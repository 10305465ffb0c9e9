/**
 * Bundles a TypeScript entry of this repository into one ES module that plain `node` runs, with no
 * TypeScript compilation at start (tsx costs 1.5 s or more per process here). Only workspace sources
 * (@platform/*, @opentrain/*, @trainar/*, relative files) are bundled; npm packages stay external and
 * load from node_modules at run time. Plain JavaScript so that `npm start`, the operator CLI's bin
 * and the tests can all use it before anything is compiled.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const workspacePackage = /^@(platform|opentrain|trainar)\//;

/** Builds `entry` (relative to `root`) into `outfile`; returns the inputs, relative to `root`. */
export async function bundleWorkspaceEntry({ root, entry, outfile, sourcemap = false }) {
  const esbuild = await import('esbuild');
  mkdirSync(dirname(outfile), { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: sourcemap ? 'linked' : false,
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
  // Written beside and renamed into place: a concurrent run never imports a half-written bundle.
  for (const file of result.outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  const inputs = Object.keys(result.metafile.inputs);
  const manifest = `${outfile}.inputs.json`;
  const tmp = `${manifest}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ inputs }, null, 2));
  renameSync(tmp, manifest);
  return inputs;
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY; // missing: stale
  }
}

/** True when `outfile` is missing or older than any file it was built from (or the lock file). */
export function bundleIsStale({ root, outfile }) {
  const manifest = `${outfile}.inputs.json`;
  if (!existsSync(outfile) || !existsSync(manifest)) return true;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(manifest, 'utf8')).inputs;
  } catch {
    return true;
  }
  const builtAt = mtime(outfile);
  return [...inputs, 'package-lock.json'].some((input) => mtime(join(root, input)) > builtAt);
}

/** The bundle of `entry`, rebuilt first when stale: the path to hand to `node`. */
export async function freshBundle({ root, entry, outfile, sourcemap = false }) {
  if (bundleIsStale({ root, outfile })) await bundleWorkspaceEntry({ root, entry, outfile, sourcemap });
  return outfile;
}
