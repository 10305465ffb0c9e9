/**
 * @module TrainAR API-key scopes: the eight documented ones plus the scopes the MCP domains need
 * (spec section 3). Each operation requires exactly one scope; a `read:` scope is also satisfied by
 * the `write:` or `manage:` scope of the same resource (checked by `trainar-api/src/scopes.test.ts`).
 */
export const SCOPES = [
  'read:tasks',
  'write:tasks',
  'read:users',
  'manage:users',
  'read:skills',
  'write:skills',
  'read:sessions',
  'manage:webhooks',
  'read:knowledge',
  'write:knowledge',
  'read:billing',
  'manage:billing',
  'read:devices',
  'manage:devices',
  'read:integrations',
  'manage:integrations',
  'read:reports',
  'read:account',
  'manage:account',
  'manage:api_keys',
] as const;

export type Scope = (typeof SCOPES)[number];

export interface ScopeInfo {
  /** Dashboard group heading (API Keys → Create key). */
  group: 'Data' | 'Skills' | 'Knowledge' | 'Billing' | 'Devices' | 'Integrations' | 'Reports' | 'Account' | 'Webhooks';
  /** Checkbox label in the dashboard. */
  label: string;
  /** What the scope gates, in one line (docs/trainar-core.md and the dashboard tooltip). */
  gates: string;
  /** True for the eight scopes named on the public API-keys page. */
  documented: boolean;
}

export const SCOPE_INFO: Record<Scope, ScopeInfo> = {
  'read:tasks': { group: 'Data', label: 'Read Tasks', gates: 'List and retrieve tasks', documented: true },
  'write:tasks': { group: 'Data', label: 'Write Tasks', gates: 'Create, update and delete tasks', documented: true },
  'read:users': { group: 'Data', label: 'Read Users', gates: 'List users and view seat assignments', documented: true },
  'manage:users': { group: 'Data', label: 'Manage Users', gates: 'Invite, edit, change the role of, deactivate, reactivate and delete users', documented: true },
  'read:sessions': { group: 'Data', label: 'Read Sessions', gates: 'Session history, details and analytics', documented: true },
  'read:skills': { group: 'Skills', label: 'Read Skills', gates: 'List and retrieve skill definitions', documented: true },
  'write:skills': { group: 'Skills', label: 'Execute Skills', gates: 'Execute skills, and create, update and delete tenant skills', documented: true },
  'manage:webhooks': { group: 'Webhooks', label: 'Manage Webhooks', gates: 'List, subscribe, update and unsubscribe webhook endpoints', documented: true },
  'read:knowledge': { group: 'Knowledge', label: 'Read Knowledge', gates: 'List, retrieve and search knowledge and collections', documented: false },
  'write:knowledge': { group: 'Knowledge', label: 'Write Knowledge', gates: 'Upload, process, update and delete knowledge and collections', documented: false },
  'read:billing': { group: 'Billing', label: 'Read Billing', gates: 'Subscription, billing details, minute balance, transactions and the minutes report', documented: false },
  'manage:billing': { group: 'Billing', label: 'Manage Billing', gates: 'Create, change and cancel the subscription', documented: false },
  'read:devices': { group: 'Devices', label: 'Read Devices', gates: 'List and retrieve devices and hardware orders', documented: false },
  'manage:devices': { group: 'Devices', label: 'Manage Devices', gates: 'Generate pairing codes and unpair devices', documented: false },
  'read:integrations': { group: 'Integrations', label: 'Read Integrations', gates: 'List providers and connected integrations, and their status', documented: false },
  'manage:integrations': { group: 'Integrations', label: 'Manage Integrations', gates: 'Connect, disconnect and sync integrations', documented: false },
  'read:reports': { group: 'Reports', label: 'Read Reports', gates: 'Overview, sessions, users and tasks reports', documented: false },
  'read:account': { group: 'Account', label: 'Read Account', gates: 'Account details and settings', documented: false },
  'manage:account': { group: 'Account', label: 'Manage Account', gates: 'Update account name, timezone, country and language', documented: false },
  'manage:api_keys': { group: 'Account', label: 'Manage API Keys', gates: 'List, create (within its own scopes) and revoke API keys', documented: false },
};

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/**
 * Scopes are additive with no superscope; the one implication is that `write:x` and `manage:x`
 * satisfy `read:x` (spec section 3: "read tools accept the matching write scope").
 */
export function trainarHasScope(granted: readonly string[], required: string): boolean {
  if (granted.includes(required)) return true;
  if (!required.startsWith('read:')) return false;
  const resource = required.slice('read:'.length);
  return granted.includes(`write:${resource}`) || granted.includes(`manage:${resource}`);
}

/** Scopes in `wanted` that `granted` does not cover (a key may only mint keys within its own power). */
export function scopesNotCovered(granted: readonly string[], wanted: readonly string[]): string[] {
  return wanted.filter((s) => !trainarHasScope(granted, s));
}
