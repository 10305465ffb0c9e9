/** @module OpenTrain scopes. `:write` implies `:read` for the same resource. */
export const SCOPES = [
  'jobs:read',
  'jobs:write',
  'proposals:read',
  'proposals:write',
  'messages:read',
  'messages:write',
  'payments:read',
  'payments:write',
  'team:read',
  'team:write',
  'webhooks:manage',
] as const;
export type Scope = (typeof SCOPES)[number];

export const PRE_CLAIM_SCOPES: Scope[] = ['jobs:read', 'jobs:write', 'proposals:read', 'messages:read', 'payments:read', 'team:read'];
export const POST_CLAIM_SCOPES: Scope[] = [...PRE_CLAIM_SCOPES, 'proposals:write', 'messages:write', 'team:write'];

export function opentrainHasScope(granted: readonly string[], required: string): boolean {
  if (granted.includes(required)) return true;
  return required.endsWith(':read') && granted.includes(`${required.slice(0, -':read'.length)}:write`);
}
