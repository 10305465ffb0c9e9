/** @module Words people read for OpenTrain's scope and member-role values (pages never print the raw value). */
import type { Scope } from '@opentrain/api';
import type { EnumLabels } from '@platform/kit';

export const SCOPE_LABELS: Record<Scope, string> = {
  'jobs:read': 'Read jobs',
  'jobs:write': 'Create and edit jobs',
  'proposals:read': 'Read proposals',
  'proposals:write': 'Act on proposals (shortlist, propose hires)',
  'messages:read': 'Read messages',
  'messages:write': 'Send messages',
  'payments:read': 'Read credits, contracts and payments',
  'payments:write': 'Request payments (each still needs your approval)',
  'team:read': 'Read the team',
  'team:write': 'Invite and remove team members',
  'webhooks:manage': 'Manage webhooks',
};

export const MEMBER_ROLE_LABELS: EnumLabels<'OWNER' | 'MEMBER'> = { OWNER: 'Owner', MEMBER: 'Team member' };
