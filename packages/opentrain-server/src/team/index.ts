/** @module The team module's public surface. */
export type { TeamServices } from './context';
export { createTeamModule } from './module';
export type { TeamPorts } from './ports';
export { teamMigrations, type TeamTables } from './schema';
export { TeamService } from './team-service';
