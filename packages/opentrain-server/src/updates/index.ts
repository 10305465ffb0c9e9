/** @module The updates module's public surface. */
export type { UpdatesServices } from './context';
export { createUpdatesModule } from './module';
