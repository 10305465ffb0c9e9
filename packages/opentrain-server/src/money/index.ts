/** @module The money module's public surface. */
export type { MoneyServices } from './context';
export { createMoneyModule } from './module';
export type { MoneyServiceSet } from './module-services';
export type { JobInfo, MoneyPorts, ProposalInfo } from './ports';
export { type MoneyTables, moneyMigrations } from './schema';
