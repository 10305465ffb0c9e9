/** @module The dashboard shell module's public surface: what the composition root may import. */
export type { DashboardServices } from './context';
export { createDashboardModule } from './module';
export type { DashboardPorts } from './ports';
