/** @module The step-up module's public surface. */
export { createStepUpModule, type StepUpServices } from './module';
export type { StepUpPorts } from './ports';
export { stepUpMigrations, type StepUpTables } from './schema';
export { RETRY_AFTER_APPROVAL, type ScopeRequestRow, type ScopeRequestView, SCOPE_REQUEST_TTL_MS, StepUpService } from './step-up-service';
