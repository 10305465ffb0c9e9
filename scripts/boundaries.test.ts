/**
 * The repository's import rules (scripts/boundaries.ts, docs/architecture.md "Boundary rules"):
 * the real tree has no violation, and a small fixture tree with one of each violation is caught.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type BoundaryConfig, checkBoundaries } from './boundaries';

/** The OpenTrain server's modules, in the composition root's order (packages/opentrain-server/src/composition.ts). */
const OPENTRAIN_MODULES = ['accounts', 'tokens', 'step-up', 'identity', 'web', 'webhooks', 'updates', 'team', 'jobs', 'talent', 'messaging', 'credits', 'payments', 'money'];

const REPOSITORY_RULES: BoundaryConfig = {
  root: path.resolve(import.meta.dirname, '..'),
  serverSrc: 'packages/opentrain-server/src',
  modules: OPENTRAIN_MODULES,
  lower: ['platform', 'mail', 'moderation'],
  clientPackages: ['opentrain-mcp', 'opentrain-cli', 'opentrain-client'],
  allowed: [
    {
      from: 'packages/opentrain-server/src/platform/db.ts',
      to: 'packages/opentrain-server/src/accounts/schema.ts',
      reason: 'OtDb is typed with the identity tables (users, organizations, tokens…) that every module joins; type-only',
    },
    { from: 'packages/opentrain-server/src/platform/db.ts', to: 'packages/opentrain-server/src/tokens/schema.ts', reason: 'see accounts/schema.ts' },
    { from: 'packages/opentrain-server/src/platform/db.ts', to: 'packages/opentrain-server/src/identity/schema.ts', reason: 'see accounts/schema.ts' },
    { from: 'packages/opentrain-server/src/platform/db.ts', to: 'packages/opentrain-server/src/step-up/schema.ts', reason: 'see accounts/schema.ts' },
    { from: 'packages/opentrain-server/src/platform/db.ts', to: 'packages/opentrain-server/src/web/schema.ts', reason: 'see accounts/schema.ts' },
    {
      from: 'packages/opentrain-server/src/identity/agent-auth-routes.ts',
      to: 'packages/opentrain-server/src/services.ts',
      reason: 'the agent-auth routes speak OAuth on the wire, so they are not derived (docs/architecture.md, "Not derived, and why"); as the one plain route group they take the composed services',
    },
    { from: 'packages/opentrain-server/src/app.ts', to: 'packages/opentrain-server/src/identity/agent-auth-routes.ts', reason: 'see agent-auth-routes.ts above' },
    { from: 'packages/opentrain-server/src/identity/agent-auth-routes.ts', to: 'packages/opentrain-server/src/limits.ts', reason: 'see agent-auth-routes.ts above: its per-IP limits' },
  ],
};

/** The TrainAR server's modules, in the composition root's order (packages/trainar-server/src/composition.ts). */
const TRAINAR_MODULES = ['tenants', 'users', 'account', 'api-keys', 'webhooks', 'tasks', 'knowledge', 'integrations', 'billing', 'seats', 'devices', 'sessions', 'skills', 'reports', 'dashboard'];

const TRAINAR_RULES: BoundaryConfig = {
  root: REPOSITORY_RULES.root,
  serverSrc: 'packages/trainar-server/src',
  modules: TRAINAR_MODULES,
  lower: ['platform'],
  clientPackages: [],
  allowed: [
    ...(REPOSITORY_RULES.allowed ?? []),
    {
      from: 'packages/trainar-server/src/platform/db.ts',
      to: 'packages/trainar-server/src/skills/tables.ts',
      reason: 'TrainArDb lists the skills tables; type-only, until the skills module augments TrainArDb itself (as seats, devices and sessions do)',
    },
    {
      from: 'packages/trainar-server/src/platform/deps.ts',
      to: 'packages/trainar-server/src/integrations/settings.ts',
      reason: 'TrainArSettings carries the integrations settings; type-only, until integrations is a module that reads its own settings (knowledge likewise)',
    },
    { from: 'packages/trainar-server/src/platform/deps.ts', to: 'packages/trainar-server/src/knowledge/options.ts', reason: 'see integrations/settings.ts above, for the knowledge options' },
  ],
};

describe('import boundaries of this repository', () => {
  it('has no cycle, no reach into another module, no import of the composition root, no server code in MCP/CLI', () => {
    const violations = checkBoundaries(REPOSITORY_RULES);
    expect(violations.map((v) => `${v.rule}: ${v.message}`)).toEqual([]);
  });

  it('holds for the TrainAR server: modules meet only through index.ts and ports, nothing imports its composition root', () => {
    const violations = checkBoundaries(TRAINAR_RULES);
    expect(violations.map((v) => `${v.rule}: ${v.message}`)).toEqual([]);
  });
});

describe('the boundary check on a fixture with one violation of each rule', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'boundaries-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('packages/app-server/src/platform/context.ts', 'export type Ctx = { id: string };\n');
  write('packages/app-server/src/platform/bad.ts', "import { a } from '../alpha';\nexport const b = a;\n");
  write('packages/app-server/src/alpha/index.ts', "export { a } from './service';\n");
  write('packages/app-server/src/alpha/service.ts', "import type { Ctx } from '../platform/context';\nexport const a = 1;\nexport type X = Ctx;\n");
  write('packages/app-server/src/beta/index.ts', "import { a } from '../alpha/service';\nimport type { Root } from '../composition';\nexport const b = a;\nexport type R = Root;\n");
  write('packages/app-server/src/beta/ok.ts', "import { a } from '../alpha';\nexport const c = a;\n");
  write('packages/app-server/src/composition.ts', "import { b } from './beta';\nexport type Root = { b: typeof b };\n");
  write('packages/app-server/src/gamma/one.ts', "import type { Two } from './two';\nexport type One = Two | 1;\n");
  write('packages/app-server/src/gamma/two.ts', "import type { One } from './one';\nexport type Two = One | 2;\n");
  write('packages/cli/src/index.ts', "import type { Ctx } from '../../app-server/src/platform/context';\nexport type C = Ctx;\n");
  const config: BoundaryConfig = { root, serverSrc: 'packages/app-server/src', modules: ['alpha', 'beta', 'gamma'], lower: ['platform'], clientPackages: ['cli'] };

  it('reports each violation, naming the files, and nothing else', () => {
    const found = checkBoundaries(config).map((v) => `${v.rule} ${v.from} -> ${v.to}`);
    expect(found.sort()).toEqual(
      [
        'composition-root packages/app-server/src/beta/index.ts -> packages/app-server/src/composition.ts',
        'cycle packages/app-server/src/beta/index.ts -> packages/app-server/src/composition.ts',
        'cycle packages/app-server/src/gamma/one.ts -> packages/app-server/src/gamma/two.ts',
        'layering packages/app-server/src/platform/bad.ts -> packages/app-server/src/alpha/index.ts',
        'module-internals packages/app-server/src/beta/index.ts -> packages/app-server/src/alpha/service.ts',
        'server-import packages/cli/src/index.ts -> packages/app-server/src/platform/context.ts',
      ].sort(),
    );
  });

  it('tolerates an edge only when it is listed with a reason', () => {
    const allowed = [{ from: 'packages/app-server/src/beta/index.ts', to: 'packages/app-server/src/alpha/service.ts', reason: 'fixture' }];
    const found = checkBoundaries({ ...config, allowed }).map((v) => v.rule);
    expect(found).not.toContain('module-internals');
    expect(found).toContain('server-import');
  });
});
