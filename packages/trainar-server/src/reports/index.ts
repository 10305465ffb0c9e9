/** @module The reports module's public surface: what other modules and the composition root may import. */
export type { ReportsServices } from './context';
export { createReportsModule } from './module';
export { changePct, previousWindow, type ReportPeriodInput, resolveWindow } from './period';
export type { ReportsPorts } from './ports';
