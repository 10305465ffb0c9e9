/** @module The identity module's public surface. */
export type { IdentityServices } from './context';
export { createIdentityModule } from './module';
export type { IdentityOptions, IdentityPorts } from './ports';
export { identityMigrations, type IdentityTables } from './schema';
export { type ClaimAttemptView, ClaimService, type CompleteClaimResult } from './claim-service';
