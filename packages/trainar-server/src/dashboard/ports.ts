/** @module What the dashboard shell (sign-up, sign-in, invitations, home) needs from the modules before it. */
import type { AccountService } from '../account';
import type { TenantService } from '../tenants';
import type { UserService } from '../users';

export interface DashboardPorts {
  /** Sign-in, the set-password page behind invitation links, and the signed-in user's activity. */
  users: Pick<UserService, 'verifyCredentials' | 'acceptInvitation' | 'touch'>;
  /** Sign-up creates the organisation and its first admin. */
  tenants: Pick<TenantService, 'create'>;
  /** The home page shows the organisation at a glance. */
  account: Pick<AccountService, 'get'>;
}
