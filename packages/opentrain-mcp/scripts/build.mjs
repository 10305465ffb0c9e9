// Bundles the server into dependency-free ESM (an entry file plus chunks/) so `npx` from a cold
// cache reaches `initialize` in about a second (no dependency tree to install). The tool listing is
// computed from the contracts here, at build time, and baked into the entry (src/bundle.ts); the
// contracts load in a separate chunk on the first tool call (docs/mcp.md, "Cold start").
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--outfile <path>`: tests build their own copy so parallel test files never race on dist/.
const outArg = process.argv.indexOf('--outfile');
const outfile = outArg === -1 ? join(root, 'dist/index.js') : process.argv[outArg + 1];
// `--entry <file>`: bundle another entry the same way (bench/mcp.ts: the minimal baseline server).
const entryArg = process.argv.indexOf('--entry');
const entry = entryArg === -1 ? join(root, 'src/bundle.ts') : process.argv[entryArg + 1];

const options = {
  // An entry outside the package still resolves the workspace's dependencies.
  nodePaths: [join(root, 'node_modules'), join(root, '../../node_modules')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  logLevel: 'warning',
};

/** The listing the source server computes from the contracts (src/listing.ts), run once here. */
async function computeListing() {
  const work = mkdtempSync(join(tmpdir(), 'ot-mcp-listing-'));
  try {
    const script = join(work, 'generate-listing.mjs');
    await build({
      ...options,
      entryPoints: [join(root, 'src/generate-listing.ts')],
      outfile: script,
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    return JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

let listing; // computed on first use: other entries (bench/mcp.ts's baseline) never import it
/** `opentrain-mcp:listing` (tools without output schemas), `opentrain-mcp:output-schemas` (loaded on request), `opentrain-mcp:toolsets`. */
const prebuiltListing = {
  name: 'prebuilt-listing',
  setup(b) {
    b.onResolve({ filter: /^opentrain-mcp:/ }, (args) => ({ path: args.path, namespace: 'prebuilt-listing' }));
    b.onLoad({ filter: /.*/, namespace: 'prebuilt-listing' }, async (args) => {
      listing ??= computeListing();
      const { tools, outputSchemas, toolsets } = await listing;
      const modules = { 'opentrain-mcp:listing': tools, 'opentrain-mcp:output-schemas': outputSchemas, 'opentrain-mcp:toolsets': toolsets };
      // The listing is a JSON string parsed on the first tools/list: `initialize` never pays for it.
      if (args.path === 'opentrain-mcp:listing') return { contents: JSON.stringify(modules[args.path]), loader: 'text' };
      return { contents: JSON.stringify(modules[args.path]), loader: 'json' };
    });
  },
};

/**
 * Start-up code our server never runs, left out of its bundle (of `--entry` builds only with
 * `--trim`: bench/mcp.ts bundles its baseline both as a user would and trimmed like ours). The
 * SDK's ajv validator, used only for elicitation answers (this server never elicits), and zod's
 * 40-odd error-message locales besides English (the default and the only one used; `z.locales` is
 * never read). Together about half of the start-up chunk (789 KB → 373 KB).
 */
const trimStartup = {
  name: 'trim-startup',
  setup(b) {
    b.onResolve({ filter: /^@modelcontextprotocol\/server\/_shims$/ }, () => ({ path: join(root, 'scripts/trims/sdk-shims.mjs') }));
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

const outdir = dirname(outfile);
const entryName = basename(outfile, '.js');
// Chunks carry a content hash: drop this entry's previous ones so dist/ holds only what it imports
// (per entry, so bundling another entry into the same directory leaves these alone).
rmSync(join(outdir, 'chunks', entryName), { recursive: true, force: true });
const result = await build({
  ...options,
  entryPoints: [entry],
  outdir,
  entryNames: entryName,
  chunkNames: `chunks/${entryName}/[name]-[hash]`,
  splitting: true,
  plugins: entryArg === -1 || process.argv.includes('--trim') ? [prebuiltListing, trimStartup] : [prebuiltListing],
  minify: true,
  legalComments: 'none',
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  // The kit is marked side-effect free, so its server-only modules (database, mail, logging) are
  // tree-shaken away; a test asserts the bundle imports nothing but node built-ins.
  metafile: true,
});
chmodSync(outfile, 0o755);
// `--metafile <path>`: what the bundle imports at run time (tests check it is only node built-ins).
const metaArg = process.argv.indexOf('--metafile');
if (metaArg !== -1) writeFileSync(process.argv[metaArg + 1], JSON.stringify(result.metafile));
