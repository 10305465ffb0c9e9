/**
 * @module The import rules of the monorepo, checked with the TypeScript compiler's own parser and
 * module resolution (type-only imports and re-exports included; see docs/architecture.md):
 *
 * 1. No import cycle among the source files of packages/* (test files are leaves and not checked).
 * 2. A server module (OpenTrain's, TrainAR's) imports another module only through its public files (`index.ts`,
 *    `ports.ts`); only the composition root may also import a module's `module.ts`.
 * 3. Modules, the platform layer and shared libraries never import the composition root; the
 *    platform layer and libraries never import a module.
 * 4. The agent-facing packages (MCP server, CLI, client) never import server code.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface BoundaryConfig {
  /** Repository root: `packages/*` below it is scanned. */
  root: string;
  /** Folder of the server whose modules are checked, relative to root (e.g. packages/opentrain-server/src). */
  serverSrc: string;
  /** Module folders directly under serverSrc. */
  modules: readonly string[];
  /** Folders under serverSrc below the modules (the platform layer, shared libraries). */
  lower: readonly string[];
  /** Packages (folder names under packages/) that must never import a `*-server` package. */
  clientPackages: readonly string[];
  /** `from -> to` pairs (relative to root) tolerated for a stated reason. */
  allowed?: ReadonlyArray<{ from: string; to: string; reason: string }>;
}

export interface Violation {
  rule: 'cycle' | 'module-internals' | 'composition-root' | 'layering' | 'server-import';
  from: string;
  to: string;
  message: string;
}

const isTest = (file: string) => /\.test\.ts$|[\\/]testing[\\/]|[\\/]test[\\/]|test-support\.ts$|test-fixtures\.ts$|test-helpers\.ts$/.test(file);

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(full);
    return /\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every import, re-export and dynamic import of every file, resolved to files of the repository. */
export function importGraph(root: string): Map<string, string[]> {
  const options: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, allowImportingTsExtensions: true, resolveJsonModule: true };
  const host = ts.createCompilerHost(options);
  const packagesDir = path.join(root, 'packages');
  const files = fs.existsSync(packagesDir) ? fs.readdirSync(packagesDir).flatMap((p) => sourceFiles(path.join(packagesDir, p))) : [];
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets: string[] = [];
    for (const ref of info.importedFiles) {
      const resolved = ts.resolveModuleName(ref.fileName, file, options, host).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) continue;
      const target = fs.realpathSync(resolved.resolvedFileName);
      if (target.startsWith(packagesDir) && !target.includes(`${path.sep}node_modules${path.sep}`)) targets.push(target);
    }
    graph.set(fs.realpathSync(file), [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with more than one file (or a self-import): the import cycles. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, order.get(w) as number));
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!order.has(v)) visit(v);
  return found;
}

export function checkBoundaries(config: BoundaryConfig): Violation[] {
  const root = fs.realpathSync(config.root);
  const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');
  const graph = importGraph(root);
  const allowed = (from: string, to: string) => config.allowed?.some((a) => a.from === from && a.to === to) ?? false;
  // Tolerated edges count for no rule, cycles included.
  const sources = new Map([...graph].filter(([file]) => !isTest(file)).map(([file, targets]) => [file, targets.filter((t) => !allowed(rel(file), rel(t)))]));
  const violations: Violation[] = [];

  for (const cycle of cycles(sources)) {
    const files = cycle.map(rel);
    violations.push({ rule: 'cycle', from: files[0], to: files[files.length - 1], message: `import cycle: ${files.join(' → ')}` });
  }

  const serverSrc = `${config.serverSrc.replace(/\/$/, '')}/`;
  /** `{kind, name, file}` of a server file: a module, a lower layer, or the composition root. */
  const place = (file: string) => {
    const r = rel(file);
    if (!r.startsWith(serverSrc)) return null;
    const inner = r.slice(serverSrc.length);
    const [first, ...rest] = inner.split('/');
    if (rest.length > 0 && config.modules.includes(first)) return { kind: 'module' as const, name: first, file: rest.join('/') };
    if (rest.length > 0 && config.lower.includes(first)) return { kind: 'lower' as const, name: first, file: rest.join('/') };
    return { kind: 'root' as const, name: first, file: inner };
  };

  for (const [file, targets] of sources) {
    const from = place(file);
    for (const target of targets) {
      const [a, b] = [rel(file), rel(target)];
      const fromPackage = a.split('/')[1];
      if (config.clientPackages.includes(fromPackage) && /-server$/.test(b.split('/')[1] ?? '')) {
        violations.push({ rule: 'server-import', from: a, to: b, message: `${fromPackage} must not import server code (${b})` });
        continue;
      }
      if (!from || isTest(target)) continue;
      const to = place(target);
      if (!to) continue;
      if (from.kind === 'root') {
        if (to.kind === 'module' && !['index.ts', 'ports.ts', 'module.ts'].includes(to.file))
          violations.push({ rule: 'module-internals', from: a, to: b, message: `${a} (composition root) reaches into ${to.name}'s internals (${b}); export it from ${to.name}/index.ts` });
        continue;
      }
      if (to.kind === 'root') {
        violations.push({ rule: 'composition-root', from: a, to: b, message: `${a} imports the composition root (${b}); take what it needs as a port instead` });
      } else if (from.kind === 'lower' && to.kind === 'module') {
        violations.push({ rule: 'layering', from: a, to: b, message: `${a} (${from.name}, below the modules) imports the module ${to.name} (${b})` });
      } else if (from.kind === 'module' && to.kind === 'module' && to.name !== from.name && !['index.ts', 'ports.ts'].includes(to.file)) {
        violations.push({ rule: 'module-internals', from: a, to: b, message: `${a} reaches into ${to.name}'s internals (${b}); import ${to.name}/index.ts or declare a port` });
      }
    }
  }
  return violations;
}
