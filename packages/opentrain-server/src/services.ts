/** @module The name the test harness and the agent-auth routes use for the composed services (see composition.ts). */
export type { AppServices as Services } from './composition';
