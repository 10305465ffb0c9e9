/** @module The skills module's public surface: what other modules and the composition root may import. */
export type { SkillsServices } from './context';
export { skillMigrations } from './migrations';
export { createSkillsModule } from './module';
export type { SkillPorts } from './ports';
export { seatContextFrom, systemSkillsWith } from './system-skills';
