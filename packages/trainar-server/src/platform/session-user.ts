/** @module The signed-in dashboard user, on its own so the page chrome (view.ts) and the session reader (session.ts) share it without importing each other. */
export interface SessionUser {
  userId: string;
  tenantId: string;
  role: 'admin' | 'member';
  email: string;
  fullName: string;
  tenantName: string;
  timezone: string;
}
