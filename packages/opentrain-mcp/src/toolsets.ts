/**
 * @module Tool selection: toolsets (groups each tool declares, so hosts with tool caps can load only
 * what they need: `--toolsets jobs,proposals`), individual `--tools` / `--exclude-tools`, `--read-only`.
 * Free of contracts: the bundle's entry selects from the toolsets baked in at build time.
 */
/** Toolset name → its tools, in the order they are declared. */
export type Toolsets = Record<string, string[]>;

/**
 * The toolsets, derived from the `toolset` each tool declares (the operation contracts, the
 * onboarding tools): never a list kept beside them. A tool without one is a bug in its definition.
 */
export function deriveToolsets(tools: Iterable<{ name: string; toolset?: string }>): Toolsets {
  const sets: Toolsets = {};
  for (const { name, toolset } of tools) {
    if (!toolset) throw new Error(`opentrain-mcp: tool ${name} declares no toolset`);
    sets[toolset] = [...(sets[toolset] ?? []), name];
  }
  return sets;
}

/** Tools that write the local credentials file (stdio only); they are the stdio server's barrier tools. */
export const ONBOARDING_TOOL_NAMES = ['opentrain_register_agent', 'opentrain_claim_account', 'opentrain_claim_status'];

export interface Selection {
  /** The toolset of each tool name (from `deriveToolsets`). */
  toolsetOf: Map<string, string>;
  toolsets?: string[];
  tools?: string[];
  excludeTools?: string[];
  readOnly?: boolean;
}

const list = (v: string | undefined) =>
  v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Flags win over environment variables (OPENTRAIN_TOOLSETS, OPENTRAIN_TOOLS, OPENTRAIN_EXCLUDE_TOOLS, OPENTRAIN_READ_ONLY). */
export function parseSelection(argv: string[], env: NodeJS.ProcessEnv, known: Toolsets): Selection {
  const flag = (name: string) => {
    const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i === -1) return undefined;
    return argv[i].includes('=') ? argv[i].slice(name.length + 1) : argv[i + 1];
  };
  const selection: Selection = {
    toolsetOf: new Map(Object.entries(known).flatMap(([set, names]) => names.map((name) => [name, set] as const))),
    toolsets: list(flag('--toolsets') ?? env.OPENTRAIN_TOOLSETS),
    tools: list(flag('--tools') ?? env.OPENTRAIN_TOOLS),
    excludeTools: list(flag('--exclude-tools') ?? env.OPENTRAIN_EXCLUDE_TOOLS),
    readOnly: argv.includes('--read-only') || ['1', 'true', 'yes'].includes((env.OPENTRAIN_READ_ONLY ?? '').toLowerCase()),
  };
  const unknown = [...(selection.toolsets ?? [])].filter((t) => t !== 'all' && !(t in known));
  if (unknown.length) throw new Error(`Unknown toolset(s): ${unknown.join(', ')}. Known: all, ${Object.keys(known).join(', ')}`);
  const unknownTools = [...(selection.tools ?? []), ...(selection.excludeTools ?? [])].filter((t) => !selection.toolsetOf.has(t));
  if (unknownTools.length) throw new Error(`Unknown tool(s): ${unknownTools.join(', ')}`);
  return selection;
}

/** Whether a tool is served under the selection (read-only drops every tool that is not read-only). */
export function isSelected(name: string, readOnlyTool: boolean, s: Selection): boolean {
  if (s.excludeTools?.includes(name)) return false;
  if (s.readOnly && !readOnlyTool) return false;
  if (s.tools?.includes(name)) return true;
  const sets = s.toolsets;
  if (!sets?.length) return !s.tools?.length;
  return sets.includes('all') || sets.includes(s.toolsetOf.get(name) ?? '');
}
