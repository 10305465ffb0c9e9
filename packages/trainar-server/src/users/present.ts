/** @module Row → API shape for users (one place, so REST, MCP and the dashboard agree). */
import type { User } from '@trainar/api';
import { iso, type UsersTable } from '../platform/db';

export type UserRow = UsersTable & { invitation_expires_at?: Date | string | null };

export function userStatus(row: Pick<UsersTable, 'is_active' | 'password_hash'>): User['status'] {
  if (!row.is_active) return 'inactive';
  return row.password_hash === null ? 'invited' : 'active';
}

export function presentUser(row: UserRow): User {
  const status = userStatus(row);
  return {
    id: row.id,
    email: row.email,
    full_name: row.full_name,
    role: row.role,
    roles: [row.role],
    status,
    is_active: row.is_active,
    created_at: iso(row.created_at) as string,
    last_active_at: iso(row.last_active_at),
    invitation_expires_at: status === 'invited' ? iso(row.invitation_expires_at) : null,
  };
}
