/**
 * @module Toolsets: the documented tool groups, so hosts with tool caps can load only what they
 * need (`--toolsets jobs,proposals`), plus individual `--tools` / `--exclude-tools` and `--read-only`.
 */
export const TOOLSETS: Record<string, string[]> = {
  auth: ['opentrain_register_agent', 'opentrain_claim_account', 'opentrain_claim_status', 'opentrain_auth_status', 'opentrain_capabilities'],
  jobs: [
    'opentrain_create_job_draft',
    'opentrain_update_job_draft_fields',
    'opentrain_publish_job',
    'opentrain_update_published_job',
    'opentrain_close_job',
    'opentrain_list_jobs',
    'opentrain_search_jobs',
  ],
  proposals: [
    'opentrain_list_proposals',
    'opentrain_get_proposal',
    'opentrain_get_freelancer_profile',
    'opentrain_invite_freelancer',
    'opentrain_hire_proposal',
  ],
  messages: ['opentrain_read_messages', 'opentrain_send_message', 'opentrain_start_proposal_conversation'],
  contracts: [
    'opentrain_list_contracts',
    'opentrain_get_contract',
    'opentrain_create_milestone',
    'opentrain_request_milestone_funding',
    'opentrain_request_milestone_approval',
    'opentrain_get_approval',
    'opentrain_end_contract',
  ],
  credits: ['opentrain_get_credits', 'opentrain_list_credit_ledger', 'opentrain_create_credit_top_up', 'opentrain_get_credit_top_up'],
  updates: ['opentrain_poll_updates'],
  webhooks: ['opentrain_create_webhook', 'opentrain_list_webhooks', 'opentrain_get_webhook', 'opentrain_delete_webhook'],
  tokens: ['opentrain_list_tokens', 'opentrain_revoke_token'],
  team: ['opentrain_get_team', 'opentrain_invite_team_member'],
  payments: ['opentrain_list_pending_payments'],
};

/** Tools that write the local credentials file (stdio only); they are the stdio server's barrier tools. */
export const ONBOARDING_TOOL_NAMES = ['opentrain_register_agent', 'opentrain_claim_account', 'opentrain_claim_status'];

export const ALL_TOOL_NAMES = Object.values(TOOLSETS).flat();

export function toolsetOf(name: string): string | undefined {
  return Object.entries(TOOLSETS).find(([, names]) => names.includes(name))?.[0];
}

export interface Selection {
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
export function parseSelection(argv: string[], env: NodeJS.ProcessEnv): Selection {
  const flag = (name: string) => {
    const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i === -1) return undefined;
    return argv[i].includes('=') ? argv[i].slice(name.length + 1) : argv[i + 1];
  };
  const selection: Selection = {
    toolsets: list(flag('--toolsets') ?? env.OPENTRAIN_TOOLSETS),
    tools: list(flag('--tools') ?? env.OPENTRAIN_TOOLS),
    excludeTools: list(flag('--exclude-tools') ?? env.OPENTRAIN_EXCLUDE_TOOLS),
    readOnly: argv.includes('--read-only') || ['1', 'true', 'yes'].includes((env.OPENTRAIN_READ_ONLY ?? '').toLowerCase()),
  };
  const unknown = [...(selection.toolsets ?? [])].filter((t) => t !== 'all' && !(t in TOOLSETS));
  if (unknown.length) throw new Error(`Unknown toolset(s): ${unknown.join(', ')}. Known: all, ${Object.keys(TOOLSETS).join(', ')}`);
  const unknownTools = [...(selection.tools ?? []), ...(selection.excludeTools ?? [])].filter((t) => !ALL_TOOL_NAMES.includes(t));
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
  return sets.includes('all') || sets.includes(toolsetOf(name) ?? '');
}
